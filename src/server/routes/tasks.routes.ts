/** Tasks of a plan: read where visible, created and edited by administrators of the plan owner's subtree. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import type { Task } from '../../core/api/tasks.js';
import { createTask, getTaskInScope, listTaskPage, updateTaskFields } from '../../services/tasks.js';
import { listAssignmentsOfTaskInScope } from '../../services/assignments.js';
import { accessOf } from '../access.js';
import { COMMON_ERRORS, DateString, IdParams, PageQuery, TextFilter, Version, WRITE_ERRORS, pageOf } from '../schemas.js';
import { AssignmentSchema, presentAssignment } from '../assignment-schemas.js';

const DEADLINE_KINDS = ['immediate', 'by_date', 'long_term', 'unknown'] as const;
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const TaskSchema = z.object({
  id: z.number(), planId: z.number(), code: z.string(), number: z.number().nullable(), sortOrder: z.number(), problem: z.string(),
  goal: z.string().nullable(), category: z.string().nullable(), deadlineKind: z.enum(DEADLINE_KINDS), deadlineDate: z.string().nullable(),
  deadlineText: z.string().nullable(), leadUnit: z.string().nullable(), responsibleUnits: z.array(z.string()),
  responsiblePerson: z.string().nullable(), supervisingUnit: z.string().nullable(), acceptingUnit: z.string().nullable(), version: z.number(),
});
// No defaults: the same fields serve PATCH, where an absent field must stay as it is.
const TaskFields = z.object({
  code: text(50), number: z.number().int().min(0).nullable().optional(), sortOrder: z.number().int().min(0).optional(), problem: text(5000),
  goal: optionalText(5000), category: optionalText(50), deadlineKind: z.enum(DEADLINE_KINDS), deadlineDate: DateString.nullable().optional(),
  deadlineText: optionalText(100), leadUnit: optionalText(100), responsibleUnits: z.array(text(100)).max(50).optional(),
  responsiblePerson: optionalText(100), supervisingUnit: optionalText(100), acceptingUnit: optionalText(100),
});

const present = (t: Task) => ({
  id: t.id, planId: t.planId, code: t.code, number: t.number, sortOrder: t.sortOrder, problem: t.problem, goal: t.goal, category: t.category,
  deadlineKind: t.deadlineKind, deadlineDate: t.deadlineDate, deadlineText: t.deadlineText, leadUnit: t.leadUnit,
  responsibleUnits: t.responsibleUnits, responsiblePerson: t.responsiblePerson, supervisingUnit: t.supervisingUnit,
  acceptingUnit: t.acceptingUnit, version: t.version,
});

export const taskRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/tasks', {
    schema: {
      tags: ['tasks'], summary: 'Tasks visible to the reader: their plans\' tasks and the tasks they carry',
      querystring: PageQuery.extend({
        planId: z.coerce.number().int().positive().optional(), category: z.string().max(50).optional(), deadlineKind: z.enum(DEADLINE_KINDS).optional(),
        q: TextFilter, sort: z.enum(['sortOrder', 'code', 'deadline', 'updated']).default('sortOrder'),
      }),
      response: { 200: pageOf(TaskSchema), ...COMMON_ERRORS },
    },
  }, async (request) => {
    const { rows, total } = await listTaskPage(ctx, accessOf(request, 'read'), request.query);
    return { items: rows.map(present), total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.get('/api/tasks/:id', {
    schema: { tags: ['tasks'], summary: 'One task', params: IdParams, response: { 200: TaskSchema, ...COMMON_ERRORS } },
  }, async (request) => present(await getTaskInScope(ctx, accessOf(request, 'read'), request.params.id)));

  app.get('/api/tasks/:id/assignments', {
    schema: {
      tags: ['tasks'], summary: 'The task\'s shares at units in the reader\'s scope, in org order',
      params: IdParams, querystring: PageQuery.omit({ order: true }), response: { 200: pageOf(AssignmentSchema), ...COMMON_ERRORS },
    },
  }, async (request) => {
    const { rows, total } = await listAssignmentsOfTaskInScope(ctx, accessOf(request, 'read'), request.params.id, request.query);
    return { items: rows.map(presentAssignment), total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.post('/api/plans/:id/tasks', {
    schema: { tags: ['tasks'], summary: 'Add a task to a plan', params: IdParams, body: TaskFields, response: { 201: TaskSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => {
    const b = request.body;
    const task = await createTask(ctx, accessOf(request, 'writeLedger'), {
      planId: request.params.id, code: b.code, number: b.number ?? (Number(b.code) || null), sortOrder: b.sortOrder ?? (Number(b.code) || 0),
      problem: b.problem, goal: b.goal ?? null, category: b.category ?? null, deadlineKind: b.deadlineKind, deadlineDate: b.deadlineDate ?? null,
      deadlineText: b.deadlineText ?? null, leadUnit: b.leadUnit ?? null, responsibleUnits: b.responsibleUnits ?? [],
      responsiblePerson: b.responsiblePerson ?? null, supervisingUnit: b.supervisingUnit ?? null, acceptingUnit: b.acceptingUnit ?? null,
    });
    return reply.status(201).send(present(task));
  });

  app.patch('/api/tasks/:id', {
    schema: {
      tags: ['tasks'], summary: 'Edit a task at the version last read (409 with the current state when stale)',
      params: IdParams, body: TaskFields.partial().extend({ version: Version }), response: { 200: TaskSchema, ...WRITE_ERRORS },
    },
  }, async (request) => present(await updateTaskFields(ctx, accessOf(request, 'writeLedger'), request.params.id, request.body)));
};
