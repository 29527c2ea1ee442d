/**
 * The Excel round trip: download the ledger or a round's sheets in a form that can come back, upload a filled one
 * for a preview (what changes, what conflicts, what is refused: nothing written), apply it (all or nothing), and the
 * round sheets that came back.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FileDownload } from '../../core/api/common.js';
import type { AppContext } from '../../services/context.js';
import { exportLedgerSheet, exportRoundSheets, type SheetDownload } from '../../services/ledger-sheets/export.js';
import { applySheetUpload, previewSheetImport } from '../../services/ledger-sheets/import-sheet.js';
import { listSheetReturnsOfRound } from '../../services/ledger-sheets/returns.js';
import { contentDisposition } from '../../core/file-names.js';
import { AppError } from '../../core/errors.js';
import { accessOf } from '../access.js';
import { readSingleUpload } from '../uploads.js';
import { COMMON_ERRORS, IdParams, WRITE_ERRORS } from '../schemas.js';
import { LedgerQuerySchema, ledgerFilterOf } from './ledger.routes.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const send = (reply: FastifyReply, d: SheetDownload) => reply.header('content-type', XLSX).header('content-disposition', contentDisposition(d.fileName)).send(d.data);

/** Text fields beside the uploaded file: the round page's round, and the conflict choices when applying. */
const FieldsSchema = z.object({
  roundId: z.coerce.number().int().positive().optional(),
  take: z.enum(['file', 'rectify']).optional(),
  /** JSON object: assignment id → "file" | "rectify". */
  choices: z.string().max(1_000_000).optional().transform((s, c) => {
    if (!s) return undefined;
    try {
      const parsed = z.record(z.string().regex(/^\d+$/), z.enum(['file', 'rectify'])).safeParse(JSON.parse(s));
      if (parsed.success) return parsed.data;
    } catch { /* reported below */ }
    c.addIssue({ code: 'custom', message: 'choices 须为 { 任务分解编号: "file" | "rectify" } 形式的 JSON' });
    return z.NEVER;
  }),
});

async function readSheet(request: FastifyRequest) {
  const upload = await readSingleUpload(request, '表格文件');
  const parsed = FieldsSchema.safeParse(upload.fields);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues[0]?.message ?? '表单字段有误');
  return { upload, fields: parsed.data };
}

const FieldChange = z.object({ field: z.string(), label: z.string(), rectify: z.string().nullable(), file: z.string().nullable() });
const PreviewSchema = z.object({
  fileName: z.string(), kind: z.enum(['ledger', 'round']), roundId: z.number().nullable(), roundName: z.string().nullable(),
  exportedAt: z.string(), exportedByName: z.string(),
  units: z.array(z.object({ sheet: z.string(), orgUnitId: z.number().nullable(), orgUnitName: z.string().nullable() })),
  counts: z.object({ change: z.number(), conflict: z.number(), unchanged: z.number(), refused: z.number(), newerInRectify: z.number() }),
  refusals: z.array(z.string()),
  rows: z.array(z.object({
    sheet: z.string(), line: z.number(), assignmentId: z.number(), taskCode: z.string(), orgUnitName: z.string(),
    outcome: z.enum(['change', 'conflict', 'unchanged', 'refused']), mode: z.enum(['report', 'edit']), fields: z.array(FieldChange), refusals: z.array(z.string()),
  })),
});
const SummarySchema = z.object({
  fileName: z.string(), reports: z.number(), edits: z.number(), unchanged: z.number(), kept: z.number(), roundId: z.number().nullable(),
  returns: z.array(z.object({ orgUnitId: z.number(), orgUnitName: z.string().nullable() })),
});
const ReturnSchema = z.object({
  id: z.number(), orgUnitId: z.number(), orgUnitName: z.string(), fileName: z.string(), returnedByName: z.string().nullable(), returnedAt: z.string(),
  summary: z.object({ reports: z.number(), edits: z.number(), unchanged: z.number(), kept: z.number() }),
});

export const ledgerSheetRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/assignments/roundtrip.xlsx', {
    schema: { tags: ['ledger'], summary: 'The ledger as filtered (up to 10,000 rows) as a sheet that can be filled in offline and imported back', querystring: LedgerQuerySchema.omit({ asOf: true }), response: { 200: FileDownload } },
  }, async (request, reply) => send(reply, await exportLedgerSheet(ctx, accessOf(request, 'read'), ledgerFilterOf(request.query))));

  app.get('/api/rounds/:id/sheet.xlsx', {
    schema: {
      tags: ['rounds'], summary: 'The round\'s sheets (调度表): one per unit owing reports in the reader\'s scope, or only under orgUnitId',
      params: IdParams, querystring: z.object({ orgUnitId: z.coerce.number().int().positive().optional() }), response: { 200: FileDownload },
    },
  }, async (request, reply) => send(reply, await exportRoundSheets(ctx, accessOf(request, 'read'), request.params.id, request.query.orgUnitId)));

  app.get('/api/rounds/:id/sheet-returns', {
    schema: { tags: ['rounds'], summary: 'The round sheets that came back, per unit, newest first', params: IdParams, response: { 200: z.object({ items: z.array(ReturnSchema) }), ...COMMON_ERRORS } },
  }, async (request) => ({ items: await listSheetReturnsOfRound(ctx, accessOf(request, 'read'), request.params.id) }));

  app.post('/api/ledger-sheets/preview', {
    schema: {
      tags: ['ledger'], summary: 'Read a returned ledger or round sheet (fields: file, roundId?) and show per row what changes, conflicts or is refused; writes nothing',
      consumes: ['multipart/form-data'], response: { 200: PreviewSchema, ...COMMON_ERRORS },
    },
  }, async (request) => {
    const access = accessOf(request, 'writeProgress');
    const { upload, fields } = await readSheet(request);
    return previewSheetImport(ctx, access, upload, { expectRoundId: fields.roundId });
  });

  app.post('/api/ledger-sheets/apply', {
    schema: {
      tags: ['ledger'], summary: 'Apply a returned sheet (fields: file, roundId?, choices? JSON per conflicting row, take?): reports for reporters, edits for administrators; all or nothing',
      consumes: ['multipart/form-data'], response: { 200: SummarySchema, ...WRITE_ERRORS },
    },
  }, async (request) => {
    const access = accessOf(request, 'writeProgress');
    const { upload, fields } = await readSheet(request);
    return applySheetUpload(ctx, access, upload, { choices: fields.choices, take: fields.take }, { expectRoundId: fields.roundId });
  });
};
