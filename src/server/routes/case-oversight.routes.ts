/**
 * Oversight of cases and tasks: listed supervision (挂牌督办) and delisting (摘牌, refused before 办结 unless the listing
 * unit gives a reason), leaders in personal charge (领导包案) with their visits and instructions, accountability
 * records (问责, one per person, the measure from the standard list), and the quarterly revisit draws (复查回访).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { SUBJECT_TYPES } from '../../core/case.js';
import { delistSubject, listListingsInScope, listSubject } from '../../services/cases/listings.js';
import { listAccountabilityOf, recordAccountability } from '../../services/cases/accountability.js';
import { addLeaderAction, addLeaderCharge, listLeaderChargesOf } from '../../services/cases/leaders.js';
import { drawRevisits, getDrawDetail, topUpRevisits, listDrawsInScope, recordRevisit } from '../../services/cases/revisits.js';
import { accessOf } from '../access.js';
import { COMMON_ERRORS, IdParams, WRITE_ERRORS } from '../schemas.js';
import {
  AccountabilityBody, AccountabilitySchema, CaseSchema, DelistBody, DrawBody, LeaderActionBody, LeaderActionSchema, LeaderChargeBody, LeaderChargeSchema, ListingBody,
  ListingSchema, RevisitBody, RevisitSchema,
} from './case-schemas.js';

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
    schema: {
      tags: ['oversight'], summary: 'Delist (摘牌) with the decision recorded: once the case or task share is 办结; before that only the listing unit or above, with a reason (409 SUBJECT_NOT_DONE without)',
      params: IdParams, body: DelistBody, response: { 200: ListingSchema, ...WRITE_ERRORS },
    },
  }, async (request) => delistSubject(ctx, accessOf(request, 'writeLedger'), request.params.id, request.body));

  app.get('/api/leader-charges', {
    schema: {
      tags: ['oversight'], summary: 'Leaders in personal charge (领导包案) of a case or an assignment, each with its visits and instructions',
      querystring: z.object({ subjectType: z.enum(SUBJECT_TYPES), subjectId: z.coerce.number().int().positive() }),
      response: { 200: z.object({ items: z.array(LeaderChargeSchema) }), ...COMMON_ERRORS },
    },
  }, async (request) => ({ items: await listLeaderChargesOf(ctx, accessOf(request, 'read'), request.query.subjectType, request.query.subjectId) }));

  app.post('/api/leader-charges', {
    schema: { tags: ['oversight'], summary: 'Record a leader taking personal charge (领导包案): name, position, unit, the day assigned', body: LeaderChargeBody, response: { 201: LeaderChargeSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => reply.status(201).send(await addLeaderCharge(ctx, accessOf(request, 'writeLedger'), request.body)));

  app.post('/api/leader-charges/:id/actions', {
    schema: {
      tags: ['oversight'], summary: 'Add a charged leader\'s visit or instruction (现场督导, 批示, 约谈, 调度会, 接访, 其他): day (not before the charge, not in the future), content',
      params: IdParams, body: LeaderActionBody, response: { 201: LeaderActionSchema, ...WRITE_ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await addLeaderAction(ctx, accessOf(request, 'writeLedger'), request.params.id, request.body)));

  app.get('/api/accountability', {
    schema: {
      tags: ['oversight'], summary: 'Accountability records of a case or an assignment',
      querystring: z.object({ subjectType: z.enum(SUBJECT_TYPES), subjectId: z.coerce.number().int().positive() }),
      response: { 200: z.object({ items: z.array(AccountabilitySchema) }), ...COMMON_ERRORS },
    },
  }, async (request) => ({ items: await listAccountabilityOf(ctx, accessOf(request, 'read'), request.query.subjectType, request.query.subjectId) }));

  app.post('/api/accountability', {
    schema: { tags: ['oversight'], summary: 'Record accountability (问责) of one person: position, unit, the measure from the standard list (其他 with its words), date, document', body: AccountabilityBody, response: { 201: AccountabilitySchema, ...WRITE_ERRORS } },
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
