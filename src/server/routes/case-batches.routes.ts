/**
 * Handover batches of complaint cases: preview an uploaded table (the suggested column mapping, what would be
 * created, every bad row by number; nothing written), import it with the (possibly edited) mapping — all or
 * nothing — list batches, open one by hand, and publish a batch's results table.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { redactText } from '../../services/cases/redact.js';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { planCaseImport, type CaseImportPlan } from '../../services/cases/plan-case-import.js';
import { importCaseBatch } from '../../services/cases/import-case-batch.js';
import { createCaseBatch, listCaseBatchesInScope } from '../../services/cases/batches.js';
import { publishCaseBatch } from '../../services/cases/publication.js';
import { accessOf } from '../access.js';
import { COMMON_ERRORS, DateString, IdParams, WRITE_ERRORS } from '../schemas.js';
import { ImportFieldsSchema } from './case-schemas.js';
import { readSingleUpload } from '../uploads.js';

/** The one uploaded table and the form fields beside it. */
async function readUpload(request: FastifyRequest) {
  const { name, data, fields } = await readSingleUpload(request, '交办清单');
  return { file: { name, data }, options: ImportFieldsSchema.parse(fields) };
}

/** The row's texts as the preview shows them: redacted with the row's own complainant, the content cut short. */
function previewTexts(c: CaseImportPlan['cases'][number]) {
  const known = [c.complainantName, c.complainantContact];
  const content = redactText(c.content, known);
  return { targetName: redactText(c.targetName, known), content: content.length > 120 ? `${content.slice(0, 120)}…` : content };
}

/** The preview says whether personal data is present, never what it is. */
function presentPlan(plan: CaseImportPlan) {
  return {
    fileName: plan.fileName, format: plan.parsed.format, headerRow: plan.parsed.headerRow, headers: plan.parsed.headers, title: plan.parsed.title,
    suggestedMapping: plan.parsed.suggestedMapping, mapping: plan.mapping, importingUnit: { id: plan.importingUnit.id, name: plan.importingUnit.name },
    batches: plan.batches,
    cases: plan.cases.map((c) => ({
      row: c.row, caseNo: c.caseNo, batchNo: c.batchNo, handedOverAt: c.handedOverAt, orgUnitId: c.orgUnitId, orgUnitName: c.orgUnitName, regionText: c.regionText,
      ...previewTexts(c),
      pollutionType: c.pollutionType, source: c.source,
      isKey: c.isKey, deadline: c.deadline, hasComplainantName: c.complainantName !== null, hasComplainantContact: c.complainantContact !== null, repeat: c.repeat,
    })),
    errors: plan.errors, warnings: plan.warnings, ready: plan.errors.length === 0 && plan.cases.length > 0,
  };
}

const PublishedSchema = z.object({ publishedAt: z.string(), cases: z.number() });
const BatchSchema = z.object({
  id: z.number(), inspectionId: z.number(), orgUnitId: z.number(), batchNo: z.string(), handedOverAt: z.string(), fileName: z.string().nullable(),
  createdAt: z.string(), publishedAt: z.string().nullable(),
});

export const caseBatchRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/case-batches/import/preview', {
    schema: { tags: ['cases'], consumes: ['multipart/form-data'], summary: 'Read a handover table (XLSX/CSV; fields: file, inspectionId, orgUnitId, defaultOrgUnitId?, batchNo?, handedOverAt?, mapping?) and show what would be created; writes nothing' },
  }, async (request) => {
    const access = accessOf(request, 'writeLedger');
    const { file, options } = await readUpload(request);
    return presentPlan(await planCaseImport(ctx, access, file, options));
  });

  app.post('/api/case-batches/import', {
    schema: { tags: ['cases'], consumes: ['multipart/form-data'], summary: 'Import a handover table with the given mapping: all or nothing (any bad row → nothing written, errors name the rows)' },
  }, async (request, reply) => {
    const access = accessOf(request, 'writeLedger');
    const { file, options } = await readUpload(request);
    return reply.status(201).send(await importCaseBatch(ctx, access, file, options));
  });

  app.get('/api/case-batches', {
    schema: { tags: ['cases'], summary: 'Handover batches of units in the reader\'s scope, newest first, with case counts', querystring: z.object({ inspectionId: z.coerce.number().int().positive().optional() }),
      response: { 200: z.object({ items: z.array(BatchSchema.extend({ orgUnitName: z.string(), inspectionName: z.string(), total: z.number(), handled: z.number() })) }), ...COMMON_ERRORS } },
  }, async (request) => ({ items: await listCaseBatchesInScope(ctx, accessOf(request, 'read'), request.query.inspectionId) }));

  app.post('/api/case-batches', {
    schema: {
      tags: ['cases'], summary: 'Open a batch by hand, to register its cases one by one',
      body: z.object({ inspectionId: z.number().int().positive(), orgUnitId: z.number().int().positive(), batchNo: z.string().trim().min(1).max(20), handedOverAt: DateString }),
      response: { 201: BatchSchema, ...WRITE_ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await createCaseBatch(ctx, accessOf(request, 'writeLedger'), request.body)));

  app.post('/api/case-batches/:id/publish', {
    schema: { tags: ['cases'], summary: 'Publish (or republish) the batch\'s public table, personal data removed; administrators of its unit', params: IdParams, response: { 200: PublishedSchema, ...COMMON_ERRORS } },
  }, async (request) => publishCaseBatch(ctx, accessOf(request, 'publish'), request.params.id));
};
