/** Every API route, registered in one place so the surface is visible at a glance. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../services/context.js';
import { healthRoutes } from './health.routes.js';
import { authRoutes } from './auth.routes.js';
import { publicRoutes } from './public.routes.js';
import { ledgerRoutes } from './ledger.routes.js';
import { orgUnitRoutes } from './org-units.routes.js';
import { inspectionRoutes } from './inspections.routes.js';
import { taskRoutes } from './tasks.routes.js';
import { assignmentRoutes } from './assignments.routes.js';
import { assignmentPartRoutes } from './assignment-parts.routes.js';
import { evidenceRoutes } from './evidence.routes.js';
import { userRoutes } from './users.routes.js';
import { tokenRoutes } from './tokens.routes.js';
import { auditRoutes } from './audit.routes.js';
import { importRoutes } from './imports.routes.js';
import { reportRoutes } from './reports.routes.js';
import { settingsRoutes } from './settings.routes.js';
import { roundRoutes } from './rounds.routes.js';
import { progressReportRoutes } from './progress-reports.routes.js';
import { scheduleRoutes } from './schedule.routes.js';
import { closureRoutes } from './closures.routes.js';
import { notificationRoutes } from './notifications.routes.js';

export async function registerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(healthRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(publicRoutes(ctx));
  await app.register(ledgerRoutes(ctx));
  await app.register(orgUnitRoutes(ctx));
  await app.register(inspectionRoutes(ctx));
  await app.register(taskRoutes(ctx));
  await app.register(assignmentRoutes(ctx));
  await app.register(assignmentPartRoutes(ctx));
  await app.register(evidenceRoutes(ctx));
  await app.register(userRoutes(ctx));
  await app.register(tokenRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(importRoutes(ctx));
  await app.register(reportRoutes(ctx));
  await app.register(settingsRoutes(ctx));
  await app.register(roundRoutes(ctx));
  await app.register(progressReportRoutes(ctx));
  await app.register(scheduleRoutes(ctx));
  await app.register(closureRoutes(ctx));
  await app.register(notificationRoutes(ctx));
}
