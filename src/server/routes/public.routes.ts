/**
 * What the public reads without signing in: only published reports, and the newest checkpoint of the audit chain
 * (sequence number and head hash), an anchor anyone can note down and hold the administrators to.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { getPublishedReportContent, listPublishedReports } from '../../db/imports.repository.js';
import { AppError } from '../../core/errors.js';
import { ParsedReportSchema } from '../../core/report.js';
import { STATUS_CODES } from '../../core/status.js';
import { readLatestCheckpoint } from '../../storage/audit-checkpoints.js';

const RecordSchema = z.object({
  id: z.number(), orgUnitName: z.string(), inspectionName: z.string(), title: z.string(), asOf: z.string().nullable(), publishedAt: z.string(),
});

export const publicRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/public/reports', {
    schema: { tags: ['public'], summary: 'Published progress reports, newest first', response: { 200: z.object({ items: z.array(RecordSchema) }) } },
  }, async () => {
    const items = await listPublishedReports(ctx.db);
    return { items: items.map(({ id, orgUnitName, inspectionName, title, asOf, publishedAt }) => ({ id, orgUnitName, inspectionName, title, asOf, publishedAt })) };
  });

  app.get('/api/public/reports/:id', {
    schema: {
      tags: ['public'], summary: 'One published report as a document, with its summary by status',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: { 200: z.object({ report: RecordSchema, content: ParsedReportSchema, byStatus: z.record(z.string(), z.number()) }) },
    },
  }, async (request) => {
    const found = await getPublishedReportContent(ctx.db, request.params.id);
    if (!found) throw new AppError('REPORT_NOT_FOUND', '没有这份已公开的报告');
    const content = ParsedReportSchema.parse(found.content);
    const byStatus: Record<string, number> = Object.fromEntries(STATUS_CODES.map((c) => [c, 0]));
    for (const t of content.tasks) {
      const key = t.statusCode ?? 'unknown';
      byStatus[key] = (byStatus[key] ?? 0) + 1;
    }
    const { id, orgUnitName, inspectionName, title, asOf, publishedAt } = found.record;
    return { report: { id, orgUnitName, inspectionName, title, asOf, publishedAt }, content, byStatus };
  });

  app.get('/api/public/audit-checkpoint', {
    schema: {
      tags: ['public'], summary: 'The newest checkpoint of the audit chain: sequence number, head hash and when it was taken (null before the first)',
      response: { 200: z.object({ checkpoint: z.object({ seq: z.number(), hash: z.string(), at: z.string() }).nullable() }) },
    },
  }, async () => {
    const latest = await readLatestCheckpoint(ctx.config.audit.checkpointDir);
    return { checkpoint: latest ? { seq: latest.seq, hash: latest.hash, at: latest.at } : null };
  });
};
