/** The signed-in user's own notifications: list (newest first), mark one or all read. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { listMyNotifications, readAllMyNotifications, readMyNotification } from '../../services/my-notifications.js';
import { countTodo } from '../../services/reporting/workbench.js';
import { TodoCountsSchema } from './workbench.routes.js';
import { accessOf } from '../access.js';
import { COMMON_ERRORS, IdParams } from '../schemas.js';

const NotificationSchema = z.object({
  id: z.number(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), orgUnitId: z.number().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  createdAt: z.string(), readAt: z.string().nullable(),
});

export const notificationRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/notifications', {
    schema: {
      tags: ['notifications'], summary: 'My notifications, newest first, with the unread count and my to-do count (the workbench\'s figures)',
      querystring: z.object({ unread: z.enum(['true', 'false']).optional(), beforeId: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).optional() }),
      response: { 200: z.object({ items: z.array(NotificationSchema), unread: z.number(), todo: TodoCountsSchema }), ...COMMON_ERRORS },
    },
  }, async (request) => {
    const access = accessOf(request, 'read');
    const notices = await listMyNotifications(ctx, access, { unreadOnly: request.query.unread === 'true', beforeId: request.query.beforeId, limit: request.query.limit });
    return { ...notices, todo: await countTodo(ctx, access) };
  });

  app.post('/api/notifications/:id/read', {
    schema: { tags: ['notifications'], summary: 'Mark one of my notifications read', params: IdParams, response: { 200: z.object({ unread: z.number() }), ...COMMON_ERRORS } },
  }, async (request) => readMyNotification(ctx, accessOf(request, 'read'), request.params.id));

  app.post('/api/notifications/read-all', {
    schema: { tags: ['notifications'], summary: 'Mark all my notifications read', response: { 200: z.object({ marked: z.number(), unread: z.number() }), ...COMMON_ERRORS } },
  }, async (request) => readAllMyNotifications(ctx, accessOf(request, 'read')));
};
