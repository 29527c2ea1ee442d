/**
 * The audit trail for administrators, cut to their subtrees, filtered by record, action, person, unit (and below) or
 * a range of days, paged by id; each event with the names its sentence needs (who, their unit, what it concerns).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { listAuditTrail } from '../../services/audit.js';
import { accessOf } from '../access.js';
import { AuditPageQuery, AuditTrailPageSchema, presentAuditTrailPage } from '../audit-schemas.js';
import { COMMON_ERRORS, DateString } from '../schemas.js';

export const auditRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/audit', {
    schema: {
      tags: ['audit'], summary: 'Audit events of the administrator\'s subtrees, newest first',
      querystring: AuditPageQuery.extend({
        entityType: z.string().max(50).optional(), entityId: z.string().max(50).optional(), action: z.string().max(80).optional(),
        actorId: z.coerce.number().int().positive().optional(), assignmentId: z.coerce.number().int().positive().optional(),
        /** Events concerning this unit and the units below it. */
        orgUnitId: z.coerce.number().int().positive().optional(),
        /** China calendar days, inclusive. */
        from: DateString.optional(), to: DateString.optional(),
      }),
      response: { 200: AuditTrailPageSchema, ...COMMON_ERRORS },
    },
  }, async (request) => presentAuditTrailPage(await listAuditTrail(ctx, accessOf(request, 'readAudit'), request.query), request.query.limit));
};
