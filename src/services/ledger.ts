/** Reading the ledger: the filtered page, one assignment with everything about it, the dashboard. Scoped reads only. */
import { listReportHistories } from '../db/report-history.repository.js';
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import { can, type Membership } from '../core/roles.js';
import { isRelated } from '../core/scope.js';
import { getAssignmentById, listAssignmentsOfTask, type LedgerFilter } from '../db/assignments.repository.js';
import { findLedgerPage } from '../db/ledger-page.repository.js';
import type { LedgerRow } from '../core/api/assignments.js';
import { dashboardCountsAsOf, findLedgerPageAsOf } from '../db/state-history-reads.repository.js';
import type { StateMeasure } from '../db/state-history.repository.js';
import { getOrgUnitById, listOrgUnitsByIds, listOrgUnitsWithin } from '../db/org-units.repository.js';
import { getTaskById, listDocumentsOfAssignment, listMeasures, listMeasuresOf } from '../db/tasks.repository.js';
import { getPlanHeader } from '../db/plans.repository.js';
import type { TaskLedgerRow } from '../export/types.js';
import { listProgressReports } from '../db/progress-reports.repository.js';
import { listAuditEvents } from '../db/audit.repository.js';
import { getInspectionById } from '../db/inspections.repository.js';
import { dashboardCounts, scopeRootIds } from '../db/dashboard.repository.js';
import { listMilestones, listIndicatorsWithValues, listEvidenceOf } from '../db/assignment-details.repository.js';
import { today, warningSettings } from './schedule.js';

/** The ledger filter of the services: a unit by id, and `asOf` (a past day: the ledger as it stood at its end). */
export type LedgerRequest = Omit<LedgerFilter, 'scopePaths' | 'orgPath'> & { orgUnitId?: number; asOf?: string };

/** A past day reads the recorded history; today, a later day or none reads the ledger itself. */
const isPast = (asOf: string | undefined): asOf is string => asOf !== undefined && asOf < today();

export async function getLedgerPage(ctx: AppContext, scopePaths: string[], filter: LedgerRequest): Promise<{ rows: LedgerRow[]; total: number; measuresAsOf?: Map<number, StateMeasure[]> }> {
  const orgPath = filter.orgUnitId ? (await getOrgUnitById(ctx.db, filter.orgUnitId)).path : undefined;
  // A unit beside the reader's subtrees answers like a missing one (an ancestor is fine: results stay cut to scope).
  if (orgPath && !isRelated(scopePaths, orgPath)) throw new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${filter.orgUnitId} 的单位`);
  const { asOf, ...rest } = filter;
  if (isPast(asOf)) {
    const { rows, total, measures } = await findLedgerPageAsOf(ctx.db, { ...rest, scopePaths, orgPath }, asOf);
    return { rows, total, measuresAsOf: measures };
  }
  return findLedgerPage(ctx.db, ctx.dialect, { ...rest, scopePaths, orgPath });
}

export const LEDGER_EXPORT_LIMIT = 10_000;
const LIGHT = { red: '红', yellow: '黄', green: '绿' } as const;

/** The rows the ledger shows for these filters (all pages, up to 10,000), as task-ledger rows for XLSX. */
export async function getLedgerExportRows(ctx: AppContext, scopePaths: string[], filter: LedgerRequest): Promise<TaskLedgerRow[]> {
  const { rows, measuresAsOf } = await getLedgerPage(ctx, scopePaths, { ...filter, exportLimit: LEDGER_EXPORT_LIMIT });
  const measures = measuresAsOf ?? await listMeasuresOf(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => ({
    code: r.taskCode, problem: r.problem, goal: null, measures: (measures.get(r.id) ?? []).map((m) => ({ ordinal: m.ordinal, text: m.text })),
    unit: r.orgUnitName, person: r.responsiblePerson, deadline: r.deadlineDate ? new Date(`${r.deadlineDate}T00:00:00Z`) : null,
    status: r.statusText, warning: r.warning ? LIGHT[r.warning] : null, latestProgress: r.latestProgress,
    targetProgress: null, issues: null, actions: null, nextSteps: null,
  }));
}

/** One assignment with its task, measures, milestones, indicators, reports, evidence, documents, hierarchy, history. */
/** The assignment's reports, each with its own steps (returns and their reasons stay after a later acceptance). */
async function withHistories(ctx: AppContext, assignmentId: number) {
  const histories = await listReportHistories(ctx.db, assignmentId);
  return (await listProgressReports(ctx.db, assignmentId)).map((r) => ({ ...r, steps: histories.get(r.id) ?? [] }));
}

export async function getAssignmentDetail(ctx: AppContext, memberships: readonly Membership[], id: number) {
  const assignment = await getAssignmentById(ctx.db, id);
  const org = await getOrgUnitById(ctx.db, assignment.orgUnitId);
  // Out of scope answers exactly like absent, so guessed ids reveal nothing.
  if (!can(memberships, 'read', org.path)) throw new AppError('ASSIGNMENT_NOT_FOUND', `找不到编号为 ${id} 的任务分解`);
  const task = await getTaskById(ctx.db, assignment.taskId);
  const plan = await getPlanHeader(ctx.db, task.planId);
  const inspection = await getInspectionById(ctx.db, plan.inspectionId);
  const siblings = await listAssignmentsOfTask(ctx.db, task.id);
  // The task's shares at every unit (a province's task has dozens): their units in one query, not one each.
  const units = new Map((await listOrgUnitsByIds(ctx.db, [...new Set(siblings.map((s) => s.orgUnitId))])).map((u) => [u.id, u]));
  const hierarchy = [];
  for (const s of siblings) {
    const unit = units.get(s.orgUnitId)!;
    if (can(memberships, 'read', unit.path)) hierarchy.push({ ...s, orgUnitName: unit.name, orgKind: unit.kind });
  }
  return {
    assignment, org, task, inspection, plan: { title: plan.title },
    measures: await listMeasures(ctx.db, id),
    milestones: await listMilestones(ctx.db, id),
    indicators: await listIndicatorsWithValues(ctx.db, id),
    progressReports: await withHistories(ctx, id),
    documents: await listDocumentsOfAssignment(ctx.db, id),
    evidence: await listEvidenceOf(ctx.db, id),
    hierarchy,
    history: await listAuditEvents(ctx.db, { assignmentId: id, limit: 200 }),
  };
}

/** The dashboard's figures now, or (`asOfDay` a past day) as they stood at the end of that day. */
export async function getDashboard(ctx: AppContext, scopePaths: string[], orgUnitId?: number, asOfDay?: string) {
  const settings = await warningSettings(ctx.db);
  const past = isPast(asOfDay);
  const asOf = past ? asOfDay : today();
  const root = orgUnitId ? await getOrgUnitById(ctx.db, orgUnitId) : undefined;
  if (root && !scopePaths.some((p) => root.path.startsWith(p))) throw new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${orgUnitId} 的单位`);
  // Break the figures down by the units directly under the chosen unit (or under each scope root).
  const rootIds = root ? [root.id] : scopeRootIds(scopePaths);
  const units = await listOrgUnitsWithin(ctx.db, rootIds);
  const childrenOf = units.filter((u) => u.parentId !== null && rootIds.includes(u.parentId)).map((u) => ({ id: u.id, name: u.name }));
  const ownRows = units.filter((u) => rootIds.includes(u.id)).map((u) => ({ id: u.id, name: `${u.name}（本级）` }));
  const counts = await (past ? dashboardCountsAsOf : dashboardCounts)(ctx.db, rootIds, { asOf, dueWithinDays: settings.yellowDueWithinDays, childrenOf });
  // Assignments held at the unit itself (not below) appear as "本级" so the bars add up: the whole minus the children.
  const childTotal = counts.byOrg.reduce((s, o) => s + o.total, 0);
  if (counts.total > childTotal && ownRows.length === 1) {
    const completedBelow = counts.byOrg.reduce((s, o) => s + o.completed, 0);
    const completedAll = Object.entries(counts.byStatus).filter(([k]) => k === 'completed' || k === 'closed').reduce((s, [, n]) => s + n, 0);
    counts.byOrg.unshift({ orgUnitId: ownRows[0]!.id, orgName: ownRows[0]!.name, total: counts.total - childTotal, completed: completedAll - completedBelow,
      red: (counts.byWarning.red ?? 0) - counts.byOrg.reduce((s, o) => s + o.red, 0), yellow: (counts.byWarning.yellow ?? 0) - counts.byOrg.reduce((s, o) => s + o.yellow, 0) });
  }
  return { asOf, settings, ...counts };
}
