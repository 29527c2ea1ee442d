/** The ledger: filtered pages of assignments, one assignment's full page, and the dashboard figures. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { getAssignmentDetail, getDashboard, getLedgerExportRows, getLedgerPage } from '../../services/ledger.js';
import { renderTaskLedgerXlsx } from '../../export/xlsx-ledgers.js';
import { contentDisposition } from '../../core/file-names.js';
import { requireScope, requireUser } from '../plugins/auth.js';
import { SCHEDULE_STATUSES } from '../../core/schedule.js';
import { today } from '../../services/schedule.js';
import { LedgerPageSchema } from '../../core/api/assignments.js';
import { AssignmentDetailSchema, DashboardSchema } from '../../core/api/ledger.js';
import { FileDownload } from '../../core/api/common.js';
import { COMMON_ERRORS } from '../schemas.js';

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z.string().optional().transform((s) => (s ? s.split(',').filter(Boolean) : undefined)).pipe(z.array(z.enum(values)).optional());
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const LedgerQuerySchema = z.object({
  /** Only this org unit and its descendants. */
  orgUnitId: z.coerce.number().int().positive().optional(),
  inspectionId: z.coerce.number().int().positive().optional(),
  /** Comma-separated schedule statuses. */
  status: csv(SCHEDULE_STATUSES),
  /** Comma-separated warning colours: red,yellow,green. */
  warning: csv(['red', 'yellow', 'green'] as const),
  category: z.string().max(50).optional(),
  deadlineFrom: date.optional(),
  deadlineTo: date.optional(),
  /** Chinese full-text search (3+ characters through the index; shorter still works). */
  q: z.string().max(100).optional(),
  sort: z.enum(['code', 'deadline', 'updated', 'warning', 'org']).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** A past day: the ledger as it stood at the end of that day (tasks created later absent, states as they were). */
  asOf: date.optional(),
});

/** The query string as the ledger service's filter (`status` there is the schedule status). */
export const ledgerFilterOf = ({ status, ...rest }: z.infer<typeof LedgerQuerySchema>) => ({ ...rest, scheduleStatus: status });

export const ledgerRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/assignments', {
    schema: { tags: ['ledger'], summary: 'The ledger: assignments in the reader\'s scope, filtered, sorted, paginated', querystring: LedgerQuerySchema, response: { 200: LedgerPageSchema, ...COMMON_ERRORS } },
  }, async (request) => {
    const scope = requireScope(request, 'read');
    const { rows, total } = await getLedgerPage(ctx, scope, ledgerFilterOf(request.query));
    return { items: rows, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.get('/api/assignments/export.xlsx', {
    schema: { tags: ['ledger'], summary: 'The ledger as shown (same filters, all pages up to 10,000 rows) as an XLSX task ledger', querystring: LedgerQuerySchema, response: { 200: FileDownload, ...COMMON_ERRORS } },
  }, async (request, reply) => {
    const scope = requireScope(request, 'read');
    const rows = await getLedgerExportRows(ctx, scope, ledgerFilterOf(request.query));
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(`整改任务台账-${request.query.asOf ?? today()}.xlsx`))
      .send(await renderTaskLedgerXlsx(rows));
  });

  app.get('/api/assignments/:id', {
    schema: { tags: ['ledger'], summary: 'One assignment with its task, measures, milestones, indicators, reports, evidence, documents, hierarchy and history', params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: AssignmentDetailSchema, ...COMMON_ERRORS } },
  }, async (request) => {
    return getAssignmentDetail(ctx, requireUser(request).memberships, request.params.id);
  });

  app.get('/api/dashboard', {
    schema: { tags: ['ledger'], summary: 'Counts by status and warning, by category, by org unit, completions over time', querystring: z.object({ orgUnitId: z.coerce.number().int().positive().optional(), asOf: date.optional() }), response: { 200: DashboardSchema, ...COMMON_ERRORS } },
  }, async (request) => {
    return getDashboard(ctx, requireScope(request, 'read'), request.query.orgUnitId, request.query.asOf);
  });
};
