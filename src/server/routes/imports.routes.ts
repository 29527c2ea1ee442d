/**
 * Uploading published reports: preview what was recognized (nothing written), then import (all or nothing). The file
 * is read in the parse pool (services/parse-jobs.ts), off the main thread and under budgets.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { actorOf, requireScope } from '../plugins/auth.js';
import { AppError } from '../../core/errors.js';
import { type ImportCorrection, ImportCorrectionsSchema, ParsedReportSchema } from '../../core/report.js';
import { ImportRecordSchema, ImportSummarySchema } from '../../core/api/imports.js';
import { importReportFile } from '../../services/import-report-file.js';
import { runParseJob } from '../../services/parse-jobs.js';
import { listImportedFiles } from '../../services/import-report-file.js';
import { readSingleUpload } from '../uploads.js';
import { COMMON_ERRORS, ErrorResponse, WRITE_ERRORS } from '../schemas.js';

const readUpload = (request: FastifyRequest) => readSingleUpload(request, '报告文件');

/** The optional `corrections` field: a JSON array of ImportCorrection (what a person corrected in the preview). */
function correctionsOf(fields: Record<string, string>): ImportCorrection[] | undefined {
  const raw = fields.corrections;
  if (raw === undefined || raw.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('VALIDATION_FAILED', '更正（corrections）不是有效的 JSON', [{ field: 'corrections', message: '须为 JSON 数组' }]);
  }
  return ImportCorrectionsSchema.parse(json);
}

const OptionsSchema = z.object({
  org: z.string().trim().min(1).max(200).optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'asOf 须为 YYYY-MM-DD').optional(),
});

export const importRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/imports/preview', {
    schema: { tags: ['imports'], summary: 'Read an uploaded report (txt, md, html, docx, pdf, doc; optional field corrections: JSON array of per-task corrections) and return what was recognized; writes nothing', consumes: ['multipart/form-data'],
      response: { 200: ParsedReportSchema, ...COMMON_ERRORS, 413: ErrorResponse, 415: ErrorResponse, 503: ErrorResponse } },
  }, async (request) => {
    requireScope(request, 'writeLedger');
    const upload = await readUpload(request);
    return runParseJob(ctx, 'report', upload, { corrections: correctionsOf(upload.fields) });
  });

  app.post('/api/imports', {
    schema: { tags: ['imports'], summary: 'Import an uploaded report into the ledger (fields: file, org?, asOf?, corrections?); all or nothing', consumes: ['multipart/form-data'],
      response: { 200: ImportSummarySchema, ...WRITE_ERRORS, 413: ErrorResponse, 415: ErrorResponse, 503: ErrorResponse } },
  }, async (request) => {
    const scope = requireScope(request, 'writeLedger');
    const upload = await readUpload(request);
    const options = OptionsSchema.parse(upload.fields);
    return importReportFile(ctx, actorOf(request), upload, { ...options, allowedPaths: scope, corrections: correctionsOf(upload.fields) });
  });

  app.get('/api/imports', {
    schema: { tags: ['imports'], summary: 'Imported reports in the reader\'s scope, newest first', response: { 200: z.object({ items: z.array(ImportRecordSchema) }), ...COMMON_ERRORS } },
  }, async (request) => ({ items: await listImportedFiles(ctx, requireScope(request, 'read')) }));
};
