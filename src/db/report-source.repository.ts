/** What a generated report is made of: an org unit's assignments of one inspection, with their state as of a date. */
import type { Conn } from './database.js';

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
}

/** The inspections that have assignments at the unit, newest first. */
export async function listInspectionsOfOrg(db: Conn, orgUnitId: number): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('assignments as a').innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('inspections as i', 'i.id', 'p.inspection_id').select(['i.id', 'i.name']).distinct()
    .where('a.org_unit_id', '=', orgUnitId).orderBy('i.id', 'desc').execute();
}

export async function listReportSource(db: Conn, orgUnitId: number, inspectionId: number): Promise<ReportSourceRow[]> {
  const rows = await db.selectFrom('assignments as a').innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('inspections as i', 'i.id', 'p.inspection_id')
    .select(['a.id', 't.code', 't.number', 't.problem', 't.goal', 't.deadline_text', 'a.deadline_date', 't.responsible_units',
      'a.responsible_person', 'a.status_text', 'a.schedule_status', 'a.warning', 'a.latest_progress', 'i.name'])
    .where('a.org_unit_id', '=', orgUnitId).where('p.inspection_id', '=', inspectionId)
    .orderBy('t.sort_order').orderBy('t.id').execute();
  return rows.map((r) => ({
    assignmentId: r.id, code: r.code, number: r.number, problem: r.problem, goal: r.goal, deadlineText: r.deadline_text,
    deadlineDate: r.deadline_date, responsibleUnits: r.responsible_units, responsiblePerson: r.responsible_person,
    statusText: r.status_text, scheduleStatus: r.schedule_status, warning: r.warning, latestProgress: r.latest_progress, inspectionName: r.name,
  }));
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
