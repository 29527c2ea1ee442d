import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { checkDatabase } from '../../services/health.js';

export const healthRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/health', {
    schema: { tags: ['system'], summary: 'Liveness and database check', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) } },
  }, async () => {
    await checkDatabase(ctx);
    return { status: 'ok' as const, database: ctx.dialect };
  });
};
