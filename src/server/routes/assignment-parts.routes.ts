/**
 * Measures, milestones and indicators of an assignment: administrators of its unit create, edit (at a version) and
 * delete (at a version) them. Reporters mark milestones done only through progress submission, not here.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import type { PartTable } from '../../db/assignment-parts.repository.js';
import { createPart, deletePartAt, listIndicatorValues, updatePartFields } from '../../services/assignment-parts.js';
import { accessOf } from '../access.js';
import { COMMON_ERRORS, DateString, IdParams, PageQuery, Version, WRITE_ERRORS, pageOf } from '../schemas.js';

const nullableDate = DateString.nullable().optional();
const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();

// Field sets without defaults: each serves POST (required fields enforced) and PATCH (all optional).
const PARTS = {
  measures: {
    path: 'measures', label: 'measure',
    fields: z.object({
      text: z.string().trim().min(1).max(5000), items: z.array(z.string().trim().min(1).max(2000)).max(50).optional(),
      ordinal: z.number().int().min(0).nullable().optional(), sortOrder: z.number().int().min(0).optional(),
      responsibleUnit: nullableText(100), dueDate: nullableDate, doneDate: nullableDate,
    }),
    out: z.object({
      id: z.number(), assignmentId: z.number(), ordinal: z.number().nullable(), sortOrder: z.number(), text: z.string(), items: z.array(z.string()),
      responsibleUnit: z.string().nullable(), dueDate: z.string().nullable(), doneDate: z.string().nullable(), version: z.number(),
    }),
  },
  milestones: {
    path: 'milestones', label: 'milestone (a dated stage goal; drives 序时进度)',
    fields: z.object({
      title: z.string().trim().min(1).max(500), dueDate: DateString, doneDate: nullableDate,
      measureId: z.number().int().positive().nullable().optional(), weight: z.number().positive().max(1000).optional(),
    }),
    out: z.object({
      id: z.number(), assignmentId: z.number(), measureId: z.number().nullable(), title: z.string(), dueDate: z.string(),
      doneDate: z.string().nullable(), weight: z.number(), version: z.number(),
    }),
  },
  indicators: {
    path: 'indicators', label: 'indicator (a measured target; drives 序时进度 without milestones)',
    fields: z.object({
      name: z.string().trim().min(1).max(200), unit: nullableText(30), baseline: z.number().nullable().optional(), baselineDate: nullableDate,
      target: z.number(), targetDate: nullableDate, comparator: z.enum(['>=', '<=', '=']).optional(),
    }),
    out: z.object({
      id: z.number(), assignmentId: z.number(), name: z.string(), unit: z.string().nullable(), baseline: z.number().nullable(),
      baselineDate: z.string().nullable(), target: z.number(), targetDate: z.string().nullable(), comparator: z.string(), version: z.number(),
    }),
  },
} as const satisfies Record<PartTable, unknown>;

const ValueSchema = z.object({ id: z.number(), value: z.number(), asOf: z.string(), progressReportId: z.number().nullable(), recordedBy: z.number().nullable(), createdAt: z.string() });

export const assignmentPartRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  for (const table of Object.keys(PARTS) as PartTable[]) {
    const { path, label, fields, out } = PARTS[table];
    app.post(`/api/assignments/:id/${path}`, {
      schema: { tags: ['assignments'], summary: `Add a ${label}`, params: IdParams, body: fields, response: { 201: out, ...WRITE_ERRORS } },
    }, async (request, reply) => reply.status(201).send(await createPart(ctx, accessOf(request, 'writeLedger'), table, request.params.id, request.body)));

    app.patch(`/api/${path}/:id`, {
      schema: {
        tags: ['assignments'], summary: `Edit a ${label.split(' ')[0]} at the version last read (409 with the current state when stale)`,
        params: IdParams, body: fields.partial().extend({ version: Version }), response: { 200: out, ...WRITE_ERRORS },
      },
    }, async (request) => {
      const { version, ...patch } = request.body;
      return updatePartFields(ctx, accessOf(request, 'writeLedger'), table, request.params.id, version, patch);
    });

    app.delete(`/api/${path}/:id`, {
      schema: {
        tags: ['assignments'], summary: `Delete a ${label.split(' ')[0]} at the version last read`,
        params: IdParams, querystring: z.object({ version: z.coerce.number().int().positive() }), response: { 204: z.null(), ...WRITE_ERRORS },
      },
    }, async (request, reply) => {
      await deletePartAt(ctx, accessOf(request, 'writeLedger'), table, request.params.id, request.query.version);
      return reply.status(204).send(null);
    });
  }

  app.get('/api/indicators/:id/values', {
    schema: {
      tags: ['assignments'], summary: 'An indicator\'s recorded values by date',
      params: IdParams, querystring: PageQuery.extend({ from: DateString.optional(), to: DateString.optional() }),
      response: { 200: pageOf(ValueSchema), ...COMMON_ERRORS },
    },
  }, async (request) => {
    const { rows, total } = await listIndicatorValues(ctx, accessOf(request, 'read'), request.params.id, request.query);
    return { items: rows, total, page: request.query.page, pageSize: request.query.pageSize };
  });
};
