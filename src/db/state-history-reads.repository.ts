/**
 * The as-of reads over the recorded history (`assignment_states`): the report's source, the ledger's page and the
 * dashboard's figures as they stood at the end of a past day. They serve only requests that name a past date; the
 * ordinary reads stay on the live tables and roll-ups.
 */
import { parseReason } from '../core/reason-text.js';
import type { Conn } from './database.js';
import { assembleReportSource, type ReportSourceRow } from './report-source.repository.js';
import type { LedgerFilter } from './assignments.repository.js';
import type { LedgerRow } from '../core/api/assignments.js';
import { UNCATEGORIZED } from './dashboard.repository.js';
import type { DashboardCounts } from '../core/api/ledger.js';
import { searchTerms } from './text-match.js';
import type { DeadlineKind, ScheduleStatus, WarningColor } from '../core/schedule.js';
import { addDays } from '../core/workdays.js';
import { statesAsOf, type AssignmentStateRow, type StateDocument, type StateMeasure } from './state-history.repository.js';

export interface ReportSourceAsOfRow extends ReportSourceRow { measures: StateMeasure[]; documents: StateDocument[] }

/**
 * What a unit's report covered at the end of `asOf` (the same rule as the live `listReportSource`): its own shares of
 * the inspection's tasks, and the shares then held under it of its own plan's tasks it held none of, each task once.
 */
export async function reportSourceAsOf(db: Conn, org: { id: number; path: string }, inspectionId: number, asOf: string): Promise<ReportSourceAsOfRow[]> {
  const units = await unitsWithin(db, undefined, org.path);
  const states = await statesAsOf(db, asOf, { orgUnitIds: [...units.keys()], inspectionId });
  const inspection = await db.selectFrom('inspections').select('name').where('id', '=', inspectionId).executeTakeFirst();
  const ownPlanTasks = new Set((await db.selectFrom('tasks as t').innerJoin('plans as p', 'p.id', 't.plan_id').select('t.id')
    .where('p.owner_org_id', '=', org.id).where('p.inspection_id', '=', inspectionId).execute()).map((t) => t.id));
  const share = (s: AssignmentStateRow) => ({ ...s, id: s.assignment_id, org_name: units.get(s.org_unit_id)!.name });
  const own = states.filter((s) => s.org_unit_id === org.id).map(share);
  const heldByOrg = new Set(own.map((s) => s.task_id));
  const pathOf = (s: AssignmentStateRow) => units.get(s.org_unit_id)!.path;
  const below = states.filter((s) => s.org_unit_id !== org.id && ownPlanTasks.has(s.task_id) && !heldByOrg.has(s.task_id))
    .sort((x, y) => (pathOf(x) < pathOf(y) ? -1 : pathOf(x) > pathOf(y) ? 1 : x.assignment_id - y.assignment_id)).map(share);
  return assembleReportSource(own, below, (s, shareIds) => ({
    assignmentId: s.assignment_id, code: s.code, number: s.number, problem: s.problem, goal: s.goal, deadlineText: s.deadline_text,
    deadlineDate: s.deadline_date, responsibleUnits: s.responsible_units, responsiblePerson: s.responsible_person,
    statusText: s.status_text, scheduleStatus: s.schedule_status, warning: s.warning, latestProgress: s.latest_progress,
    inspectionName: inspection?.name ?? '', shareIds, heldBy: [s.org_name],
    measures: JSON.parse(s.measures) as StateMeasure[], documents: JSON.parse(s.documents) as StateDocument[],
  }));
}

interface Unit { id: number; name: string; path: string }

/** Units within any of the paths (and within `orgPath` when given). */
async function unitsWithin(db: Conn, paths: readonly string[] | undefined, orgPath?: string): Promise<Map<number, Unit>> {
  let q = db.selectFrom('org_units').select(['id', 'name', 'path']);
  if (paths) q = q.where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p}%`))));
  if (orgPath) q = q.where('path', 'like', `${orgPath}%`);
  return new Map((await q.execute()).map((u) => [u.id, u]));
}

const WARNING_ORDER: Record<string, number> = { red: 0, yellow: 1 };
const textOf = (s: AssignmentStateRow, unit: string) =>
  [s.code, s.problem, s.goal ?? '', s.status_text ?? '', unit, ...(JSON.parse(s.measures) as StateMeasure[]).map((m) => m.text)].join('\n').toLowerCase();

/**
 * The ledger's page as it stood at the end of `asOf`: the same filters and sorts as the live page, applied to each
 * assignment's state then (the search tests the same texts the live search text is made of). "Last changed" sorts by
 * when the state then shown was recorded. Also the measures of the rows (exports).
 */
export async function findLedgerPageAsOf(db: Conn, f: LedgerFilter, asOf: string): Promise<{ rows: LedgerRow[]; total: number; measures: Map<number, StateMeasure[]> }> {
  const empty = { rows: [], total: 0, measures: new Map<number, StateMeasure[]>() };
  if (f.scopePaths && f.scopePaths.length === 0) return empty;
  const units = await unitsWithin(db, f.scopePaths, f.orgPath);
  const states = await statesAsOf(db, asOf, { orgUnitIds: [...units.keys()], inspectionId: f.inspectionId });
  const terms = searchTerms(f.q).map((t) => t.toLowerCase());
  const matching = states.filter((s) =>
    (f.category === undefined || (f.category === UNCATEGORIZED ? s.category === null : s.category === f.category))
    && (!f.scheduleStatus?.length || f.scheduleStatus.includes(s.schedule_status as ScheduleStatus))
    && (!f.warning?.length || f.warning.includes(s.warning as WarningColor))
    && (!f.deadlineFrom || (s.deadline_date !== null && s.deadline_date >= f.deadlineFrom))
    && (!f.deadlineTo || (s.deadline_date !== null && s.deadline_date <= f.deadlineTo))
    && (terms.length === 0 || ((text) => terms.every((t) => text.includes(t)))(textOf(s, units.get(s.org_unit_id)!.name))));
  if (matching.length === 0) return empty;
  const tasks = new Map<number, { planId: number; inspectionId: number; inspectionName: string }>();
  const taskIds = [...new Set(matching.map((s) => s.task_id))];
  for (let i = 0; i < taskIds.length; i += 500) {
    const rows = await db.selectFrom('tasks as t').innerJoin('plans as p', 'p.id', 't.plan_id').innerJoin('inspections as i', 'i.id', 'p.inspection_id')
      .select(['t.id', 't.plan_id', 'p.inspection_id', 'i.name']).where('t.id', 'in', taskIds.slice(i, i + 500)).execute();
    for (const r of rows) tasks.set(r.id, { planId: r.plan_id, inspectionId: r.inspection_id, inspectionName: r.name });
  }
  const dir = f.order === 'desc' ? -1 : 1;
  const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  const path = (s: AssignmentStateRow) => units.get(s.org_unit_id)!.path;
  const order: Record<NonNullable<LedgerFilter['sort']>, (a: AssignmentStateRow, b: AssignmentStateRow) => number> = {
    code: (a, b) => dir * (cmp(tasks.get(a.task_id)!.planId, tasks.get(b.task_id)!.planId) || cmp(a.sort_order, b.sort_order) || cmp(path(a), path(b)) || a.assignment_id - b.assignment_id),
    deadline: (a, b) => dir * cmp(a.deadline_date, b.deadline_date) || a.assignment_id - b.assignment_id,
    updated: (a, b) => dir * cmp(a.valid_from, b.valid_from) || a.assignment_id - b.assignment_id,
    warning: (a, b) => dir * ((WARNING_ORDER[a.warning ?? ''] ?? 2) - (WARNING_ORDER[b.warning ?? ''] ?? 2)) || a.assignment_id - b.assignment_id,
    org: (a, b) => dir * (cmp(path(a), path(b)) || cmp(tasks.get(a.task_id)!.planId, tasks.get(b.task_id)!.planId) || cmp(a.sort_order, b.sort_order) || a.assignment_id - b.assignment_id),
  };
  matching.sort(order[f.sort ?? 'code']);
  const pageSize = f.exportLimit ?? Math.min(Math.max(f.pageSize ?? 20, 1), 200);
  const page = f.exportLimit ? 1 : Math.max(f.page ?? 1, 1);
  const shown = matching.slice((page - 1) * pageSize, page * pageSize);
  const versions = new Map((shown.length ? await db.selectFrom('assignments').select(['id', 'version']).where('id', 'in', shown.map((s) => s.assignment_id)).execute() : []).map((r) => [r.id, r.version]));
  return {
    total: matching.length,
    measures: new Map(shown.map((s) => [s.assignment_id, JSON.parse(s.measures) as StateMeasure[]])),
    rows: shown.map((s) => {
      const t = tasks.get(s.task_id)!;
      return {
        id: s.assignment_id, taskId: s.task_id, taskCode: s.code, taskNumber: s.number, problem: s.problem, category: s.category,
        orgUnitId: s.org_unit_id, orgUnitName: units.get(s.org_unit_id)!.name, inspectionId: t.inspectionId, inspectionName: t.inspectionName,
        statusText: s.status_text, scheduleStatus: s.schedule_status as ScheduleStatus | null, warning: s.warning as WarningColor | null,
        warningReason: s.warning_reason, warningReasonCode: parseReason(s.warning_reason_code), deadlineKind: s.deadline_kind as DeadlineKind, deadlineDate: s.deadline_date,
        isCompleted: s.is_completed === 1, isClosed: s.is_closed === 1, isLongTerm: s.is_long_term === 1,
        responsiblePerson: s.responsible_person, latestProgress: s.latest_progress, updatedAt: s.valid_from, version: versions.get(s.assignment_id) ?? 0,
      };
    }),
  };
}

/**
 * The dashboard's figures as they stood at the end of `asOf`, counted over each assignment's state then (the live
 * dashboard reads the roll-ups; these equal what the roll-ups held that day).
 */
export async function dashboardCountsAsOf(db: Conn, rootIds: readonly number[], opts: { asOf: string; dueWithinDays: number; childrenOf: { id: number; name: string }[] }): Promise<DashboardCounts> {
  const none: DashboardCounts = { total: 0, byStatus: {}, byWarning: {}, byCategory: [], byOrg: [], completedByMonth: [], dueSoon: 0 };
  if (rootIds.length === 0) return none;
  const roots = await db.selectFrom('org_units').select('path').where('id', 'in', [...rootIds]).execute();
  const units = await unitsWithin(db, roots.map((r) => r.path));
  const states = await statesAsOf(db, opts.asOf, { orgUnitIds: [...units.keys()] });
  const add = (rec: Record<string, number>, k: string) => { rec[k] = (rec[k] ?? 0) + 1; };
  const byStatus: Record<string, number> = {};
  const byWarning: Record<string, number> = {};
  const categories = new Map<string, { total: number; completed: number }>();
  const months: Record<string, number> = {};
  const children = opts.childrenOf.map((c) => ({ ...c, path: '' }));
  const childPaths = await db.selectFrom('org_units').select(['id', 'path']).where('id', 'in', children.length ? children.map((c) => c.id) : [0]).execute();
  for (const c of children) c.path = childPaths.find((p) => p.id === c.id)?.path ?? '\u0000';
  const byChild = new Map<number, DashboardCounts['byOrg'][number]>();
  const until = addDays(opts.asOf, opts.dueWithinDays);
  let dueSoon = 0;
  for (const s of states) {
    add(byStatus, s.schedule_status || 'unknown');
    add(byWarning, s.warning || 'unknown');
    const cat = categories.get(s.category ?? UNCATEGORIZED) ?? { total: 0, completed: 0 };
    cat.total++;
    if (s.is_completed === 1) cat.completed++;
    categories.set(s.category ?? UNCATEGORIZED, cat);
    if (s.completed_at) add(months, s.completed_at.slice(0, 7));
    if (s.is_completed === 0 && s.deadline_date && s.deadline_date >= opts.asOf && s.deadline_date <= until) dueSoon++;
    const path = units.get(s.org_unit_id)!.path;
    const child = children.find((c) => path.startsWith(c.path));
    if (child) {
      const row = byChild.get(child.id) ?? { orgUnitId: child.id, orgName: child.name, total: 0, completed: 0, red: 0, yellow: 0 };
      row.total++;
      if (s.is_completed === 1) row.completed++;
      if (s.warning === 'red') row.red++;
      if (s.warning === 'yellow') row.yellow++;
      byChild.set(child.id, row);
    }
  }
  let running = 0;
  return {
    total: states.length, byStatus, byWarning,
    byCategory: [...categories].map(([category, c]) => ({ category, ...c })),
    byOrg: children.flatMap((c) => byChild.get(c.id) ?? []),
    completedByMonth: Object.keys(months).sort().map((month) => ({ month, completed: (running += months[month]!) })),
    dueSoon,
  };
}
