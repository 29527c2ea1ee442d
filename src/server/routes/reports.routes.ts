/** Generating the public report and the task ledger from the ledger: preview with checks, download, publish, diff. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileDownload } from '../../core/api/common.js';
import type { AppContext } from '../../services/context.js';
import { actorOf, requireScope } from '../plugins/auth.js';
import { buildReport, diffReportPeriods, publishReport } from '../../services/report-from-ledger.js';
import { MEDIA_TYPES, REPORT_FORMATS, renderReportFile, reportFileName } from '../../services/report-file.js';
import { renderHtml } from '../../export/html.js';
import { contentDisposition } from '../../core/file-names.js';

const ReportQuery = z.object({
  orgUnitId: z.coerce.number().int().positive(),
  inspectionId: z.coerce.number().int().positive().optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'asOf 须为 YYYY-MM-DD').optional(),
  withSummary: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  /** Each task's number with the other levels' linked to it: "任务8（对应省任务9）". */
  linkedNumbers: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});

export const reportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/reports/preview', {
    schema: { tags: ['reports'], summary: 'The report as it would be generated, with the pre-publication checks, its latest published version (unchanged: true when publishing now would repeat it) and a printable HTML rendering', querystring: ReportQuery },
  }, async (request) => {
    const built = await buildReport(ctx, requireScope(request, 'read'), request.query);
    return { report: built.report, checks: built.checks, published: built.published, html: renderHtml(built.report, { forPrint: false }) };
  });

  app.get('/api/reports/export', {
    schema: { tags: ['reports'], summary: 'Download the report (docx, pdf, md, txt) or the task ledger (xlsx)', querystring: ReportQuery.extend({ format: z.enum(REPORT_FORMATS) }), response: { 200: FileDownload } },
  }, async (request, reply) => {
    const built = await buildReport(ctx, requireScope(request, 'read'), request.query);
    const data = await renderReportFile(built, request.query.format);
    return reply.header('content-type', MEDIA_TYPES[request.query.format])
      .header('content-disposition', contentDisposition(reportFileName(built, request.query.format)))
      .send(data);
  });

  app.post('/api/reports/publish', {
    schema: { tags: ['reports'], summary: 'Publish the report as of a date on the public page, as a new version of the report of the unit on the inspection; 409 ALREADY_PUBLISHED when it says what the latest version says; error flags need a confirmReason, personal data always refuses', body: ReportQuery.omit({ withSummary: true, linkedNumbers: true }).extend({
      /** Publish with the other levels' numbers beside each task's, as previewed with linkedNumbers=true. */
      linkedNumbers: z.boolean().optional(),
      confirmReason: z.string().trim().max(500).optional(),
    }) },
  }, async (request) => {
    return publishReport(ctx, actorOf(request), requireScope(request, 'publish'), request.body);
  });

  app.get('/api/reports/diff', {
    schema: { tags: ['reports'], summary: 'What changed between two dates of the ledger (tasks added, statuses, measures, figures); `since` may be any earlier date, before the first report too', querystring: ReportQuery.extend({ since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'since 须为 YYYY-MM-DD') }) },
  }, async (request) => {
    return diffReportPeriods(ctx, requireScope(request, 'read'), request.query);
  });
};
