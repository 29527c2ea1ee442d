/** A person's override of an assignment's computed schedule status (人工认定), with a reason; and clearing it. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import type { Assignment } from '../../core/api/assignments.js';
import { clearScheduleOverride, ScheduleOverrideSchema, setScheduleOverride } from '../../services/schedule-override.js';
import { accessOf } from '../access.js';
import { IdParams, WRITE_ERRORS } from '../schemas.js';
import { ReasonSchema } from '../assignment-schemas.js';

const ScheduleSchema = z.object({
  id: z.number(), scheduleStatus: z.string().nullable(), warning: z.string().nullable(), warningReason: z.string().nullable(), warningReasonCode: ReasonSchema.nullable(),
  overrideStatus: z.string().nullable(), overrideReason: z.string().nullable(), overrideBy: z.number().nullable(), overrideAt: z.string().nullable(), version: z.number(),
});
const present = (a: Assignment) => ({
  id: a.id, scheduleStatus: a.scheduleStatus, warning: a.warning, warningReason: a.warningReason, warningReasonCode: a.warningReasonCode, overrideStatus: a.overrideStatus,
  overrideReason: a.overrideReason, overrideBy: a.overrideBy, overrideAt: a.overrideAt, version: a.version,
});

export const scheduleRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.put('/api/assignments/:id/schedule-override', {
    schema: {
      tags: ['schedule'], summary: 'Override the computed schedule status with a reason (reviewers and administrators); the computed status is kept',
      params: IdParams, body: ScheduleOverrideSchema, response: { 200: ScheduleSchema, ...WRITE_ERRORS },
    },
  }, async (request) => present(await setScheduleOverride(ctx, accessOf(request, 'review'), request.params.id, request.body)));

  app.delete('/api/assignments/:id/schedule-override', {
    schema: {
      tags: ['schedule'], summary: 'Clear the override at the version last read; the computed status applies again',
      params: IdParams, querystring: z.object({ version: z.coerce.number().int().positive() }), response: { 200: ScheduleSchema, ...WRITE_ERRORS },
    },
  }, async (request) => present(await clearScheduleOverride(ctx, accessOf(request, 'review'), request.params.id, request.query.version)));
};
