/**
 * Oversight of cases and tasks: listed supervision (挂牌督办) and delisting (摘牌), accountability records (问责),
 * and the quarterly revisit draws (复查回访) with each revisit's result.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { SUBJECT_TYPES } from '../../core/case.js';
import { delistSubject, listListingsInScope, listSubject } from '../../services/cases/listings.js';
import { listAccountabilityOf, recordAccountability } from '../../services/cases/accountability.js';
import { drawRevisits, getDrawDetail, topUpRevisits, listDrawsInScope, recordRevisit } from '../../services/cases/revisits.js';
import { accessOf } from '../access.js';
import { COMMON_ERRORS, IdParams, WRITE_ERRORS } from '../schemas.js';
import { AccountabilityBody, AccountabilitySchema, CaseSchema, DrawBody, ListingBody, ListingSchema, RevisitBody, RevisitSchema } from './case-schemas.js';

const DrawSchema = z.object({
  id: z.number(), quarter: z.string(), scopeOrgId: z.number(), scopeOrgName: z.string(), seed: z.string(), share: z.number(), drawnAt: z.string(), populationSize: z.number(),
});
const DrawDetailSchema = z.object({
  draw: DrawSchema.extend({ topUps: z.number() }), reproducible: z.boolean(), revisits: z.array(RevisitSchema),
  quota: z.object({
    quarterEnd: z.string(), daysLeft: z.number(), status: z.enum(['met', 'short', 'warning', 'missed']), message: z.string().nullable(),
    units: z.array(z.object({ orgUnitId: z.number(), population: z.number(), drawn: z.number(), required: z.number(), short: z.number() })),
  }),
});

export const caseOversightRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/supervision-listings', {
    schema: {
      tags: ['oversight'], summary: 'Listed supervision of cases and assignments in scope, newest first',
      querystring: z.object({ active: z.enum(['true', 'false']).optional(), subjectType: z.enum(SUBJECT_TYPES).optional() }),
      response: { 200: z.object({ items: z.array(ListingSchema.extend({ orgUnitId: z.number(), orgUnitName: z.string(), subjectLabel: z.string() })) }), ...COMMON_ERRORS },
    },
  }, async (request) => ({ items: await listListingsInScope(ctx, accessOf(request, 'read'), { active: request.query.active === 'true' ? true : undefined, subjectType: request.query.subjectType }) }));

  app.post('/api/supervision-listings', {
    schema: { tags: ['oversight'], summary: 'List a case or an assignment for supervision (挂牌督办) at a level, with reason, leader, measures, deadline', body: ListingBody, response: { 201: ListingSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => reply.status(201).send(await listSubject(ctx, accessOf(request, 'writeLedger'), request.body)));

  app.post('/api/supervision-listings/:id/delist', {
    schema: { tags: ['oversight'], summary: 'Delist (摘牌) with the decision recorded', params: IdParams, body: z.object({ decision: z.string().trim().min(2).max(5000) }), response: { 200: ListingSchema, ...WRITE_ERRORS } },
  }, async (request) => delistSubject(ctx, accessOf(request, 'writeLedger'), request.params.id, request.body.decision));

  app.get('/api/accountability', {
    schema: {
      tags: ['oversight'], summary: 'Accountability records of a case or an assignment',
      querystring: z.object({ subjectType: z.enum(SUBJECT_TYPES), subjectId: z.coerce.number().int().positive() }),
      response: { 200: z.object({ items: z.array(AccountabilitySchema) }), ...COMMON_ERRORS },
    },
  }, async (request) => ({ items: await listAccountabilityOf(ctx, accessOf(request, 'read'), request.query.subjectType, request.query.subjectId) }));

  app.post('/api/accountability', {
    schema: { tags: ['oversight'], summary: 'Record accountability (问责): persons, units, measures, date, document', body: AccountabilityBody, response: { 201: AccountabilitySchema, ...WRITE_ERRORS } },
  }, async (request, reply) => reply.status(201).send(await recordAccountability(ctx, accessOf(request, 'writeLedger'), request.body)));

  app.get('/api/revisit-draws', {
    schema: { tags: ['oversight'], summary: 'Revisit draws in scope, newest quarter first', response: { 200: z.object({ items: z.array(DrawSchema.extend({ drawn: z.number(), visited: z.number() })) }), ...COMMON_ERRORS } },
  }, async (request) => ({ items: await listDrawsInScope(ctx, accessOf(request, 'read')) }));

  app.post('/api/revisit-draws', {
    schema: { tags: ['oversight'], summary: 'Draw the quarter\'s revisit sample for a unit\'s subtree: at least the share per unit, from a recorded seed', body: DrawBody, response: { 201: DrawDetailSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => reply.status(201).send(await drawRevisits(ctx, accessOf(request, 'writeLedger'), request.body)));

  app.get('/api/revisit-draws/:id', {
    schema: { tags: ['oversight'], summary: 'A draw with its revisits and whether its seed reproduces the sample', params: IdParams, response: { 200: DrawDetailSchema, ...COMMON_ERRORS } },
  }, async (request) => getDrawDetail(ctx, accessOf(request, 'read'), request.params.id));

  app.post('/api/revisit-draws/:id/top-up', {
    schema: {
      tags: ['oversight'], summary: 'Top the draw up with cases handled since, per unit up to the quota of its cases now, reproducibly from the recorded seed',
      params: IdParams, response: { 200: DrawDetailSchema, ...WRITE_ERRORS },
    },
  }, async (request) => topUpRevisits(ctx, accessOf(request, 'writeLedger'), request.params.id));

  app.put('/api/revisits/:id', {
    schema: {
      tags: ['oversight'], summary: 'Record a revisit: date, method, finding, satisfaction, relapse (a relapse reopens the case)', params: IdParams, body: RevisitBody,
      response: { 200: z.object({ revisit: RevisitSchema, reopened: z.boolean(), case: CaseSchema }), ...WRITE_ERRORS },
    },
  }, async (request) => recordRevisit(ctx, accessOf(request, 'review'), request.params.id, request.body));
};
