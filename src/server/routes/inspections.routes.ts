/** Inspections (督察) and their plans (整改方案): read by related units, written by administrators of the unit. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import type { Inspection } from '../../core/api/inspections.js';
import type { PlanRecord } from '../../db/plans.repository.js';
import {
  createInspection, createPlan, getInspectionInScope, getPlanInScope, listInspectionPage, listPlanPage, updateInspectionFields, updatePlanFields,
} from '../../services/plans.js';
import { accessOf } from '../access.js';
import { ACCEPTANCE_LEVELS } from '../../core/settings.js';
import { COMMON_ERRORS, DateString, IdParams, PageQuery, TextFilter, Version, WRITE_ERRORS, pageOf } from '../schemas.js';

const KIND = z.enum(['central', 'provincial']);
/** The acceptance chain: the levels that accept in turn (县级验收 → 市级验收 → 省级审核); null or empty: the setting. */
const Chain = z.array(z.enum(ACCEPTANCE_LEVELS)).max(3).refine((l) => new Set(l).size === l.length, '验收层级不能重复').nullable();
const InspectionSchema = z.object({
  id: z.number(), name: z.string(), round: z.string(), kind: KIND, targetOrgId: z.number().nullable(),
  stationedFrom: z.string().nullable(), stationedTo: z.string().nullable(), feedbackDate: z.string().nullable(), acceptanceChain: z.array(z.string()).nullable(), version: z.number(),
});
const InspectionFields = z.object({
  name: z.string().trim().min(2).max(200), round: z.string().trim().min(1).max(30), kind: KIND, targetOrgId: z.number().int().positive(),
  stationedFrom: DateString.nullable().optional(), stationedTo: DateString.nullable().optional(), feedbackDate: DateString.nullable().optional(),
  acceptanceChain: Chain.optional(),
});
const PlanSchema = z.object({
  id: z.number(), inspectionId: z.number(), ownerOrgId: z.number(), ownerOrgName: z.string(), title: z.string(),
  issuedDate: z.string().nullable(), dueDate: z.string().nullable(), taskCount: z.number(), acceptanceChain: z.array(z.string()).nullable(), version: z.number(),
});
// No defaults here: the same fields serve PATCH, where an absent field must stay as it is.
const PlanFields = z.object({
  title: z.string().trim().min(2).max(300), issuedDate: DateString.nullable().optional(), dueDate: DateString.nullable().optional(), acceptanceChain: Chain.optional(),
});

const presentInspection = (i: Inspection) => ({
  id: i.id, name: i.name, round: i.round, kind: i.kind, targetOrgId: i.targetOrgId, stationedFrom: i.stationedFrom,
  stationedTo: i.stationedTo, feedbackDate: i.feedbackDate, acceptanceChain: i.acceptanceChain ?? null, version: i.version,
});
const presentPlan = (p: PlanRecord) => ({
  id: p.id, inspectionId: p.inspectionId, ownerOrgId: p.ownerOrgId, ownerOrgName: p.ownerOrgName, title: p.title,
  issuedDate: p.issuedDate, dueDate: p.dueDate, taskCount: p.taskCount, acceptanceChain: p.acceptanceChain ?? null, version: p.version,
});

export const inspectionRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/inspections', {
    schema: {
      tags: ['inspections'], summary: 'Inspections of units related to the reader',
      querystring: PageQuery.extend({ round: z.string().max(30).optional(), kind: KIND.optional(), q: TextFilter, sort: z.enum(['id', 'name', 'feedbackDate']).default('id') }),
      response: { 200: pageOf(InspectionSchema), ...COMMON_ERRORS },
    },
  }, async (request) => {
    const { rows, total } = await listInspectionPage(ctx, accessOf(request, 'read'), request.query);
    return { items: rows.map(presentInspection), total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.get('/api/inspections/:id', {
    schema: { tags: ['inspections'], summary: 'One inspection', params: IdParams, response: { 200: InspectionSchema, ...COMMON_ERRORS } },
  }, async (request) => presentInspection(await getInspectionInScope(ctx, accessOf(request, 'read'), request.params.id)));

  app.post('/api/inspections', {
    schema: { tags: ['inspections'], summary: 'Record an inspection of a unit the administrator manages', body: InspectionFields, response: { 201: InspectionSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => {
    const b = request.body;
    const input = { ...b, stationedFrom: b.stationedFrom ?? null, stationedTo: b.stationedTo ?? null, feedbackDate: b.feedbackDate ?? null };
    return reply.status(201).send(presentInspection(await createInspection(ctx, accessOf(request, 'writeLedger'), input)));
  });

  app.patch('/api/inspections/:id', {
    schema: {
      tags: ['inspections'], summary: 'Edit an inspection at the version last read (409 with the current state when stale)',
      params: IdParams, body: InspectionFields.partial().extend({ version: Version }), response: { 200: InspectionSchema, ...WRITE_ERRORS },
    },
  }, async (request) => presentInspection(await updateInspectionFields(ctx, accessOf(request, 'writeLedger'), request.params.id, request.body)));

  app.get('/api/plans', {
    schema: {
      tags: ['inspections'], summary: 'Plans owned by units related to the reader',
      querystring: PageQuery.extend({
        inspectionId: z.coerce.number().int().positive().optional(), ownerOrgId: z.coerce.number().int().positive().optional(), q: TextFilter,
        sort: z.enum(['id', 'title', 'issuedDate']).default('id'),
      }),
      response: { 200: pageOf(PlanSchema), ...COMMON_ERRORS },
    },
  }, async (request) => {
    const { rows, total } = await listPlanPage(ctx, accessOf(request, 'read'), request.query);
    return { items: rows.map(presentPlan), total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.get('/api/plans/:id', {
    schema: { tags: ['inspections'], summary: 'One plan', params: IdParams, response: { 200: PlanSchema, ...COMMON_ERRORS } },
  }, async (request) => presentPlan(await getPlanInScope(ctx, accessOf(request, 'read'), request.params.id)));

  app.post('/api/plans', {
    schema: {
      tags: ['inspections'], summary: 'Create a unit\'s plan for an inspection (one per unit and inspection)',
      body: PlanFields.extend({ inspectionId: z.number().int().positive(), ownerOrgId: z.number().int().positive() }), response: { 201: PlanSchema, ...WRITE_ERRORS },
    },
  }, async (request, reply) => {
    const input = { ...request.body, issuedDate: request.body.issuedDate ?? null, dueDate: request.body.dueDate ?? null };
    return reply.status(201).send(presentPlan(await createPlan(ctx, accessOf(request, 'writeLedger'), input)));
  });

  app.patch('/api/plans/:id', {
    schema: {
      tags: ['inspections'], summary: 'Edit a plan at the version last read (409 with the current state when stale)',
      params: IdParams, body: PlanFields.partial().extend({ version: Version }), response: { 200: PlanSchema, ...WRITE_ERRORS },
    },
  }, async (request) => presentPlan(await updatePlanFields(ctx, accessOf(request, 'writeLedger'), request.params.id, request.body)));
};
