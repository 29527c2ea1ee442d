/**
 * Uploading published reports: preview what was recognized (nothing written), then import (all or nothing). The file
 * is read in the parse pool (services/parse-jobs.ts), off the main thread and under budgets.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { actorOf, requireScope } from '../plugins/auth.js';
import { importParsedReport } from '../../services/import-report.js';
import { runParseJob } from '../../services/parse-jobs.js';
import { listImports } from '../../db/imports.repository.js';
import { readSingleUpload } from '../uploads.js';

const readUpload = (request: FastifyRequest) => readSingleUpload(request, '报告文件');

const OptionsSchema = z.object({
  org: z.string().trim().min(1).max(200).optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'asOf 须为 YYYY-MM-DD').optional(),
});

export const importRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/imports/preview', {
    schema: { tags: ['imports'], summary: 'Read an uploaded report (txt, md, docx, pdf, doc) and return what was recognized; writes nothing', consumes: ['multipart/form-data'] },
  }, async (request) => {
    requireScope(request, 'writeLedger');
    const upload = await readUpload(request);
    return runParseJob(ctx, 'report', upload, {});
  });

  app.post('/api/imports', {
    schema: { tags: ['imports'], summary: 'Import an uploaded report into the ledger (fields: file, org?, asOf?); all or nothing', consumes: ['multipart/form-data'] },
  }, async (request) => {
    const scope = requireScope(request, 'writeLedger');
    const upload = await readUpload(request);
    const options = OptionsSchema.parse(upload.fields);
    const parsed = await runParseJob(ctx, 'report', upload, {});
    return importParsedReport(ctx, actorOf(request), parsed, upload, { ...options, allowedPaths: scope });
  });

  app.get('/api/imports', {
    schema: { tags: ['imports'], summary: 'Imported reports in the reader\'s scope, newest first' },
  }, async (request) => ({ items: await listImports(ctx.db, requireScope(request, 'read')) }));
};
