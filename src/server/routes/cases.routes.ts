/**
 * Complaint cases (信访件): the ledger, the dashboard counts, the XLSX export, one case's page, creating and editing a
 * case, recording its handling, moving it through its states, its penalties and its evidence.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileDownload } from '../../core/api/common.js';
import { ACCOUNTABILITY_MEASURES } from '../../core/supervision.js';
import type { AppContext } from '../../services/context.js';
import type { ComplaintCase } from '../../db/cases.repository.js';
import { getCasePage, getCaseSummary, exportCaseLedger } from '../../services/cases/case-ledger.js';
import { getCaseDetail, revealComplainant } from '../../services/cases/case-detail.js';
import { redactCase, withRedactedConflict } from '../../services/cases/redact.js';
import { createCase, updateCaseDetails } from '../../services/cases/case-edit.js';
import { recordHandling, transitionCase } from '../../services/cases/case-transitions.js';
import { addPenalty, removePenalty } from '../../services/cases/penalties.js';
import { uploadCaseEvidence } from '../../services/cases/case-evidence.js';
import { accessOf } from '../access.js';
import { readSingleUpload } from '../uploads.js';
import { COMMON_ERRORS, ErrorResponse, IdParams, WRITE_ERRORS, pageOf } from '../schemas.js';
import {
  CaseDetailSchema, CaseItemSchema, CaseQuerySchema, CaseSchema, CreateCaseBody, HandlingBody, PenaltyBody, PenaltySchema, TransitionBody, UpdateCaseBody,
} from './case-schemas.js';

export const CaseRevealSchema = z.object({
  complainant: z.union([z.object({ name: z.string().nullable(), contact: z.string().nullable() }), z.object({ unavailable: z.string() })]).nullable(),
  texts: z.object({ content: z.string(), targetName: z.string().nullable(), handling: z.string().nullable(), stagePlan: z.string().nullable() }),
  revisits: z.array(z.object({ id: z.number(), finding: z.string().nullable() })),
});
/** The query string as the case ledger service's query. */
export const toQuery = ({ state, type, ...rest }: z.infer<typeof CaseQuerySchema>) => ({ ...rest, states: state, pollutionType: type });
const PenaltyParams = z.object({ id: z.coerce.number().int().positive(), penaltyId: z.coerce.number().int().positive() });

export const caseRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  /** A case in a write's answer: its texts redacted as in every answer, a stale version's current case too. */
  const present = async (write: () => Promise<ComplaintCase>) => CaseSchema.parse(await redactCase(ctx, ctx.db, await withRedactedConflict(ctx, write)));

  app.get('/api/cases', {
    schema: {
      tags: ['cases'], summary: 'The case ledger in the reader\'s scope: filter by batch, state, unit subtree, type, overdue, listed, repeat, key, text; sorted, paginated',
      querystring: CaseQuerySchema, response: { 200: pageOf(CaseItemSchema).extend({ asOf: z.string() }), ...COMMON_ERRORS },
    },
  }, async (request) => getCasePage(ctx, accessOf(request, 'read'), toQuery(request.query)));

  app.get('/api/cases/summary', {
    schema: {
      tags: ['cases'], summary: 'Counts for the dashboard: by state and finding, overdue, key, repeat, listed; accountability records by measure, cases in a leader\'s charge',
      querystring: CaseQuerySchema.pick({ orgUnitId: true, inspectionId: true, batchId: true }),
      response: {
        200: z.object({
          asOf: z.string(), total: z.number(), byState: z.record(z.string(), z.number()), byVerified: z.record(z.string(), z.number()),
          overdue: z.number(), key: z.number(), repeat: z.number(), listed: z.number(),
          /** 问责: records (one per person) of the cases counted, by measure (诫勉谈话, 通报批评, …). */
          accountability: z.object({ total: z.number(), byMeasure: z.record(z.enum(ACCOUNTABILITY_MEASURES), z.number()) }),
          /** Cases with a leader in personal charge (领导包案). */
          leaderCharged: z.number(),
        }),
        ...COMMON_ERRORS,
      },
    },
  }, async (request) => getCaseSummary(ctx, accessOf(request, 'read'), request.query));

  app.get('/api/cases/export.xlsx', {
    schema: { tags: ['cases'], summary: 'The case ledger (信访件台账) as XLSX, same filters as the ledger; no complainant data', querystring: CaseQuerySchema.omit({ page: true, pageSize: true }), response: { 200: FileDownload } },
  }, async (request, reply) => {
    const { data } = await exportCaseLedger(ctx, accessOf(request, 'read'), toQuery({ ...request.query, page: 1, pageSize: 20 }));
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="cases.xlsx"; filename*=UTF-8''${encodeURIComponent('信访件台账.xlsx')}`)
      .header('cache-control', 'private, no-store').send(data);
  });

  app.get('/api/cases/:id', {
    schema: { tags: ['cases'], summary: 'One case with its history, penalties, listings, revisits, accountability, evidence and closures', params: IdParams, response: { 200: CaseDetailSchema, ...COMMON_ERRORS } },
  }, async (request) => getCaseDetail(ctx, accessOf(request, 'read'), request.params.id));

  app.post('/api/cases/:id/complainant-views', {
    schema: {
      tags: ['cases'],
      summary: 'Open the complainant\'s details and the case\'s texts as written (readers granted complainants\' details at the case\'s unit); the view is recorded in the audit trail',
      params: IdParams, response: { 200: CaseRevealSchema, ...WRITE_ERRORS },
    },
  }, async (request) => revealComplainant(ctx, accessOf(request, 'read'), request.params.id));

  app.post('/api/cases', {
    schema: { tags: ['cases'], summary: 'Register one case in a batch (administrators of its unit)', body: CreateCaseBody, response: { 201: CaseSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => {
    const { batchId, ...input } = request.body;
    return reply.status(201).send(await present(() => createCase(ctx, accessOf(request, 'writeLedger'), batchId, input)));
  });

  app.patch('/api/cases/:id', {
    schema: { tags: ['cases'], summary: 'Edit a case\'s handover details at the version read (409 with the current case when stale)', params: IdParams, body: UpdateCaseBody, response: { 200: CaseSchema, ...WRITE_ERRORS } },
  }, async (request) => {
    const { version, ...patch } = request.body;
    return present(() => updateCaseDetails(ctx, accessOf(request, 'writeLedger'), request.params.id, version, patch));
  });

  app.patch('/api/cases/:id/handling', {
    schema: { tags: ['cases'], summary: 'Record the investigation (属实/部分属实/不属实) and handling without changing the state', params: IdParams, body: HandlingBody.extend({ version: z.number().int().positive() }), response: { 200: CaseSchema, ...WRITE_ERRORS } },
  }, async (request) => {
    const { version, ...fields } = request.body;
    return present(() => recordHandling(ctx, accessOf(request, 'writeProgress'), request.params.id, version, fields));
  });

  app.post('/api/cases/:id/transitions', {
    schema: { tags: ['cases'], summary: '阶段性办结 (plan and date required), 办结, or 重新办理; 销号 goes through /api/closures', params: IdParams, body: TransitionBody, response: { 200: CaseSchema, ...WRITE_ERRORS } },
  }, async (request) => {
    const { version, action, note, ...fields } = request.body;
    return present(() => transitionCase(ctx, accessOf(request, action === 'reopen' ? 'writeLedger' : 'writeProgress'), request.params.id, version, action, fields, note));
  });

  app.post('/api/cases/:id/penalties', {
    schema: { tags: ['cases'], summary: 'Add a penalty or measure (责令整改, 立案处罚 with the fine, 立案侦查, 拘留, 约谈, 问责)', params: IdParams, body: PenaltyBody, response: { 201: PenaltySchema, ...WRITE_ERRORS } },
  }, async (request, reply) => reply.status(201).send(await addPenalty(ctx, accessOf(request, 'writeProgress'), request.params.id, request.body)));

  app.delete('/api/cases/:id/penalties/:penaltyId', {
    schema: { tags: ['cases'], summary: 'Remove a penalty recorded by mistake', params: PenaltyParams, response: { 204: z.null(), ...WRITE_ERRORS } },
  }, async (request, reply) => {
    await removePenalty(ctx, accessOf(request, 'writeProgress'), request.params.id, request.params.penaltyId);
    return reply.status(204).send(null);
  });

  app.post('/api/cases/:id/evidence', {
    schema: { tags: ['cases'], summary: 'Upload one evidence file of the case (multipart field "file")', consumes: ['multipart/form-data'], params: IdParams, response: { 201: z.object({ id: z.number(), originalName: z.string(), mediaType: z.string(), size: z.number() }), ...WRITE_ERRORS, 413: ErrorResponse, 415: ErrorResponse } },
  }, async (request, reply) => {
    const access = accessOf(request, 'writeProgress');
    const { name, data } = await readSingleUpload(request, '证明材料');
    const stored = await uploadCaseEvidence(ctx, access, request.params.id, { name, data });
    return reply.status(201).send(stored);
  });
};
