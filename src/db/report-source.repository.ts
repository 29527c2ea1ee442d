/**
 * What a generated report is made of: the tasks an org unit reports on for one inspection (its own shares, and its own
 * plan's tasks held only below it), with their state as of a date.
 */
import type { Conn } from './database.js';
import { rollUp, rollUpStatus, type RollUpChild, type ScheduleStatus, type WarningColor } from '../core/schedule.js';

export interface ReportSourceRow {
  assignmentId: number;
  code: string;
  number: number | null;
  problem: string;
  goal: string | null;
  deadlineText: string | null;
  deadlineDate: string | null;
  responsibleUnits: string;
  responsiblePerson: string | null;
  statusText: string | null;
  /** The computed status (rolled up from the shares below for a parent). */
  scheduleStatus: string | null;
  warning: string | null;
  latestProgress: string | null;
  inspectionName: string;
  /**
   * The shares the row stands for: its own, or for a task only units below hold, every share of theirs (evidence is
   * counted over them all).
   */
  shareIds: number[];
  /** The units holding the share(s) the row reads from. */
  heldBy: string[];
}

/**
 * The inspections a unit reports on, newest first: those it holds shares of, and those of its own plans whose tasks
 * are held by units under it (a city's plan carried out by its departments and counties).
 */
export async function listInspectionsOfOrg(db: Conn, org: { id: number; path: string }): Promise<{ id: number; name: string }[]> {
  const rows = await db.selectFrom('assignments as a').innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('inspections as i', 'i.id', 'p.inspection_id').innerJoin('org_units as o', 'o.id', 'a.org_unit_id').select(['i.id', 'i.name']).distinct()
    .where((eb) => eb.or([eb('a.org_unit_id', '=', org.id), eb.and([eb('p.owner_org_id', '=', org.id), eb('o.path', 'like', `${org.path}%`)])]))
    .orderBy('i.id', 'desc').execute();
  return rows;
}

const SOURCE_COLUMNS = ['a.id', 'a.parent_id', 'a.task_id', 't.sort_order', 't.code', 't.number', 't.problem', 't.goal', 't.deadline_text', 'a.deadline_date',
  't.responsible_units', 'a.responsible_person', 'a.status_text', 'a.schedule_status', 'a.warning', 'a.latest_progress', 'i.name', 'o.name as org_name'] as const;

/**
 * What a unit's report covers for one inspection, each task once, in plan order: the tasks it holds a share of (that
 * share's state, itself rolled up from any shares below it), and the tasks of its own plan that only units under it
 * hold. Such a task held by one unit reads as that share; held by several, it reads as a parent with no items of its
 * own over their shares (the roll-up rule, core/schedule.ts `rollUpStatus`): completed when all are, else the worst
 * unfinished status, and the worst warning.
 */
export async function listReportSource(db: Conn, org: { id: number; path: string }, inspectionId: number): Promise<ReportSourceRow[]> {
  const base = () => db.selectFrom('assignments as a').innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('inspections as i', 'i.id', 'p.inspection_id').innerJoin('org_units as o', 'o.id', 'a.org_unit_id').select(SOURCE_COLUMNS)
    .where('p.inspection_id', '=', inspectionId);
  const own = await base().where('a.org_unit_id', '=', org.id).execute();
  const below = await base().where('p.owner_org_id', '=', org.id).where('o.path', 'like', `${org.path}_%`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('assignments as x').select('x.id').whereRef('x.task_id', '=', 'a.task_id').where('x.org_unit_id', '=', org.id))))
    .orderBy('o.path').orderBy('a.id').execute();
  return assembleReportSource(own, below, toSource);
}

/** One share as the report source reads it, live or from the recorded history. */
export interface SourceShare { id: number; parent_id: number | null; task_id: number; sort_order: number; org_name: string }

/**
 * The report's rows from a unit's own shares and the shares below it of its own plan's tasks it holds none of (those
 * in subtree order): each task once, in plan order; a task held below by several top shares reads as their roll-up.
 */
export function assembleReportSource<S extends SourceShare, R extends ReportSourceRow>(own: readonly S[], below: readonly S[], toRow: (share: S, shareIds: number[]) => R): R[] {
  const rows: { sort: number; taskId: number; row: R }[] = own.map((r) => ({ sort: r.sort_order, taskId: r.task_id, row: toRow(r, [r.id]) }));
  const byTask = new Map<number, S[]>();
  for (const r of below) byTask.set(r.task_id, [...(byTask.get(r.task_id) ?? []), r]);
  for (const [taskId, shares] of byTask) {
    // The top shares within the unit's subtree: a share whose parent share is also there is already counted in it.
    const ids = new Set(shares.map((s) => s.id));
    const top = shares.filter((s) => s.parent_id === null || !ids.has(s.parent_id));
    const lead = top[0]!;
    const allIds = shares.map((s) => s.id);
    if (top.length === 1) { rows.push({ sort: lead.sort_order, taskId, row: toRow(lead, allIds) }); continue; }
    const children: RollUpChild[] = top.map((s) => {
      const row = toRow(s, [s.id]);
      return { status: (row.scheduleStatus ?? 'unknown') as ScheduleStatus, warning: (row.warning ?? 'green') as WarningColor, label: s.org_name, reason: null };
    });
    const status = rollUpStatus({ status: 'unknown', ratio: null, reason: '' }, children).status;
    rows.push({
      sort: lead.sort_order, taskId,
      row: { ...toRow(lead, allIds), statusText: null, scheduleStatus: status, warning: rollUp(children).warning, latestProgress: null, heldBy: top.map((s) => s.org_name) },
    });
  }
  return rows.sort((x, y) => x.sort - y.sort || x.taskId - y.taskId).map((r) => r.row);
}

function toSource(r: {
  id: number; code: string; number: number | null; problem: string; goal: string | null; deadline_text: string | null; deadline_date: string | null;
  responsible_units: string; responsible_person: string | null; status_text: string | null; schedule_status: string | null; warning: string | null;
  latest_progress: string | null; name: string; org_name: string;
}, shareIds: number[]): ReportSourceRow {
  return {
    assignmentId: r.id, code: r.code, number: r.number, problem: r.problem, goal: r.goal, deadlineText: r.deadline_text,
    deadlineDate: r.deadline_date, responsibleUnits: r.responsible_units, responsiblePerson: r.responsible_person,
    statusText: r.status_text, scheduleStatus: r.schedule_status, warning: r.warning, latestProgress: r.latest_progress, inspectionName: r.name,
    shareIds, heldBy: [r.org_name],
  };
}

/**
 * The latest accepted report of each assignment on or before a date: its status and measures as then reported.
 * `recordedBefore` (as-of reads of a past day) keeps only reports accepted before that instant, and those imported
 * from a published report, which speak for their own date whenever they were loaded.
 */
export async function latestAcceptedReports(db: Conn, assignmentIds: readonly number[], asOf: string, recordedBefore?: string) {
  if (assignmentIds.length === 0) return new Map<number, { statusText: string | null; measures: string | null; problems: string | null; nextSteps: string | null; progress: string | null }>();
  const rows = await db.selectFrom('progress_reports').select(['assignment_id', 'status_text', 'measures_snapshot', 'problems', 'next_steps', 'progress', 'as_of', 'id'])
    .where('assignment_id', 'in', [...assignmentIds]).where('state', '=', 'accepted').where('as_of', '<=', asOf)
    .$if(recordedBefore !== undefined, (q) => q.where((eb) => eb.or([eb('import_id', 'is not', null), eb(eb.fn.coalesce('reviewed_at', 'updated_at'), '<', recordedBefore!)])))
    .orderBy('as_of').orderBy('id').execute();
  const latest = new Map<number, { statusText: string | null; measures: string | null; problems: string | null; nextSteps: string | null; progress: string | null }>();
  for (const r of rows) latest.set(r.assignment_id, { statusText: r.status_text, measures: r.measures_snapshot, problems: r.problems, nextSteps: r.next_steps, progress: r.progress });
  return latest;
}

/** Evidence counts per assignment (its own files and its reports'); `uploadedBefore`: only files uploaded by then. */
export async function evidenceCounts(db: Conn, assignmentIds: readonly number[], uploadedBefore?: string): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (assignmentIds.length === 0) return out;
  const own = await db.selectFrom('evidence_files').select(['owner_id', (eb) => eb.fn.countAll().as('n')])
    .where('owner_type', '=', 'assignment').where('owner_id', 'in', [...assignmentIds])
    .$if(uploadedBefore !== undefined, (q) => q.where('uploaded_at', '<', uploadedBefore!)).groupBy('owner_id').execute();
  const viaReports = await db.selectFrom('evidence_files as e').innerJoin('progress_reports as r', 'r.id', 'e.owner_id')
    .select(['r.assignment_id', (eb) => eb.fn.countAll().as('n')]).where('e.owner_type', '=', 'progress_report')
    .where('r.assignment_id', 'in', [...assignmentIds])
    .$if(uploadedBefore !== undefined, (q) => q.where('e.uploaded_at', '<', uploadedBefore!)).groupBy('r.assignment_id').execute();
  for (const r of own) out.set(r.owner_id, Number(r.n));
  for (const r of viaReports) out.set(r.assignment_id, (out.get(r.assignment_id) ?? 0) + Number(r.n));
  return out;
}
