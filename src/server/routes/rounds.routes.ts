/** Reporting rounds (调度): open, list, the round's page (who reported, who is late, what awaits review), close. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileDownload } from '../../core/api/common.js';
import type { AppContext } from '../../services/context.js';
import type { Round } from '../../db/rounds.repository.js';
import { OpenRoundSchema } from '../../core/reporting-inputs.js';
import { closeRound, getRoundView, listRounds, openRound } from '../../services/reporting/rounds.js';
import { exportRoundStatus, reviewRoundReports, urgeRound } from '../../services/reporting/round-actions.js';
import { BatchReviewSchema, UrgeRoundSchema } from '../../core/workbench.js';
import { contentDisposition } from '../../core/file-names.js';
import { accessOf } from '../access.js';
import { COMMON_ERRORS, IdParams, PageQuery, Version, WRITE_ERRORS } from '../schemas.js';

const RoundSchema = z.object({
  id: z.number(), name: z.string(), cycle: z.string(), periodStart: z.string(), periodEnd: z.string(), dueDate: z.string(),
  scopeOrgId: z.number(), scopeOrgName: z.string(), inspectionId: z.number().nullable(), state: z.string(), createdAt: z.string(), version: z.number(),
});
const presentRound = (r: Round) => ({
  id: r.id, name: r.name, cycle: r.cycle, periodStart: r.periodStart, periodEnd: r.periodEnd, dueDate: r.dueDate, scopeOrgId: r.scopeOrgId,
  scopeOrgName: r.scopeOrgName, inspectionId: r.inspectionId, state: r.state, createdAt: r.createdAt, version: r.version,
});
const EntrySchema = z.object({
  assignmentId: z.number(), taskCode: z.string(), problem: z.string(), orgUnitId: z.number(), orgUnitName: z.string(),
  state: z.enum(['missing', 'awaiting_review', 'returned', 'accepted']), isLate: z.boolean(), submittedLate: z.boolean(),
  reportId: z.number().nullable(), reportVersion: z.number().nullable(), submittedAt: z.string().nullable(),
});
const RoundViewSchema = z.object({
  round: RoundSchema, asOf: z.string(), mayReview: z.boolean(),
  counts: z.object({ owed: z.number(), reported: z.number(), awaitingReview: z.number(), accepted: z.number(), returned: z.number(), missing: z.number(), late: z.number() }),
  mayUrge: z.boolean(),
  units: z.array(z.object({
    orgUnitId: z.number(), orgUnitName: z.string(), owed: z.number(), reported: z.number(), late: z.number(), awaitingReview: z.number(),
    returned: z.number(), accepted: z.number(), missing: z.number(), lastUrgedAt: z.string().nullable(), urgedToday: z.boolean(),
  })),
  items: z.array(EntrySchema), total: z.number(), page: z.number(), pageSize: z.number(),
});

export const roundRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/rounds', {
    schema: { tags: ['rounds'], summary: 'Open a reporting round for a unit\'s subtree (administrators of the unit)', body: OpenRoundSchema, response: { 201: RoundSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => reply.status(201).send(presentRound(await openRound(ctx, accessOf(request, 'writeLedger'), request.body))));

  app.get('/api/rounds', {
    schema: {
      tags: ['rounds'], summary: 'Rounds that concern the reader (their scope contains or lies within the reader\'s units)',
      querystring: z.object({ state: z.enum(['open', 'closed']).optional() }), response: { 200: z.object({ items: z.array(RoundSchema) }), ...COMMON_ERRORS },
    },
  }, async (request) => ({ items: (await listRounds(ctx, accessOf(request, 'read'), request.query)).map(presentRound) }));

  app.get('/api/rounds/:id', {
    schema: {
      tags: ['rounds'], summary: 'The round\'s page: counts, units, and the owed reports the reader may see (filter: missing, late, awaiting_review, returned, accepted)',
      params: IdParams,
      querystring: PageQuery.omit({ order: true }).extend({
        status: z.enum(['missing', 'late', 'awaiting_review', 'returned', 'accepted']).optional(), orgUnitId: z.coerce.number().int().positive().optional(),
      }),
      response: { 200: RoundViewSchema, ...COMMON_ERRORS },
    },
  }, async (request) => {
    const view = await getRoundView(ctx, accessOf(request, 'read'), request.params.id, request.query);
    return { ...view, round: presentRound(view.round) };
  });

  app.post('/api/rounds/:id/close', {
    schema: { tags: ['rounds'], summary: 'Close the round (no more submissions; pending reviews remain)', params: IdParams, body: z.object({ version: Version }), response: { 200: RoundSchema, ...WRITE_ERRORS } },
  }, async (request) => presentRound(await closeRound(ctx, accessOf(request, 'writeLedger'), request.params.id, request.body.version)));

  app.post('/api/rounds/:id/urge', {
    schema: {
      tags: ['rounds'], summary: '催办: remind one unit (orgUnitId) or every unit that has not reported, in-app and by the configured e-mail/webhook; once a day per unit (a repeat for one unit answers 409 with when it was sent)',
      params: IdParams, body: UrgeRoundSchema,
      response: {
        200: z.object({
          sent: z.array(z.object({ orgUnitId: z.number(), orgUnitName: z.string(), owed: z.number(), recipients: z.number() })),
          skipped: z.array(z.object({ orgUnitId: z.number(), orgUnitName: z.string(), lastSentAt: z.string() })),
        }),
        ...WRITE_ERRORS,
      },
    },
  }, async (request) => urgeRound(ctx, accessOf(request, 'writeLedger'), request.params.id, request.body));

  app.post('/api/rounds/:id/review', {
    schema: {
      tags: ['rounds'], summary: 'Batch review of the round\'s reports: accept all selected, or return all with one reason; all or nothing (one transaction)',
      params: IdParams, body: BatchReviewSchema,
      response: { 200: z.object({ action: z.enum(['accept', 'return']), reviewed: z.array(z.object({ id: z.number(), version: z.number(), state: z.string() })) }), ...WRITE_ERRORS },
    },
  }, async (request) => reviewRoundReports(ctx, accessOf(request, 'review'), request.params.id, request.body));

  app.get('/api/rounds/:id/status.xlsx', {
    schema: { tags: ['rounds'], summary: 'The round\'s status table (调度情况表) as XLSX: per unit owed, awaiting review, returned, accepted, missing, late, last 催办', params: IdParams, response: { 200: FileDownload } },
  }, async (request, reply) => {
    const file = await exportRoundStatus(ctx, accessOf(request, 'read'), request.params.id);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(file.fileName)).header('cache-control', 'private, no-store').send(file.data);
  });
};
