/** The audit trail for administrators, cut to their subtrees, filtered by record, action or actor, paged by id. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { listAuditTrail } from '../../services/audit.js';
import { accessOf } from '../access.js';
import { AuditPageQuery, AuditPageSchema, presentAuditPage } from '../audit-schemas.js';
import { COMMON_ERRORS } from '../schemas.js';

export const auditRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/audit', {
    schema: {
      tags: ['audit'], summary: 'Audit events of the administrator\'s subtrees, newest first',
      querystring: AuditPageQuery.extend({
        entityType: z.string().max(50).optional(), entityId: z.string().max(50).optional(), action: z.string().max(80).optional(),
        actorId: z.coerce.number().int().positive().optional(), assignmentId: z.coerce.number().int().positive().optional(),
      }),
      response: { 200: AuditPageSchema, ...COMMON_ERRORS },
    },
  }, async (request) => presentAuditPage(await listAuditTrail(ctx, accessOf(request, 'readAudit'), request.query), request.query.limit));
};
