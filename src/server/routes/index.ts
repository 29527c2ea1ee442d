/** Every API route, registered in one place so the surface is visible at a glance. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../services/context.js';
import { healthRoutes } from './health.routes.js';
import { authRoutes } from './auth.routes.js';
import { publicRoutes } from './public.routes.js';
import { ledgerRoutes } from './ledger.routes.js';

export async function registerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(healthRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(publicRoutes(ctx));
  await app.register(ledgerRoutes(ctx));
}
