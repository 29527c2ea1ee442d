/**
 * What the round-trip sheets need from the database, for many assignments at once (chunked, a few queries per 500
 * rows): each assignment's identity and fixed columns, its milestones, its indicators with their latest value, and
 * the report its editable columns start from. And the record of round sheets that came back (migration 011).
 */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import type { DeadlineKind, WarningColor } from '../core/schedule.js';
import type { ReportState } from '../core/reporting.js';
import type { ReportClaims } from './progress-reports.repository.js';
import { toAssignment } from './assignments.repository.js';
import type { Assignment } from '../core/api/assignments.js';

export interface SheetAssignment {
  id: number;
  version: number;
  taskCode: string;
  problem: string;
  orgUnitId: number;
  orgUnitName: string;
  orgPath: string;
  inspectionId: number;
  statusText: string | null;
  latestProgress: string | null;
  deadlineKind: DeadlineKind;
  deadlineDate: string | null;
  warning: WarningColor | null;
  isClosed: boolean;
  isLongTerm: boolean;
  parentId: number | null;
}

export interface SheetMilestone { id: number; title: string; doneDate: string | null }
export interface SheetIndicator { id: number; name: string; value: number | null }
export interface SheetReport {
  id: number; roundId: number | null; state: ReportState; version: number; progress: string | null; problems: string | null;
  nextSteps: string | null; statusText: string | null; evidenceNote: string | null; asOf: string;
}

export interface SheetRowData {
  assignment: SheetAssignment;
  measures: { ordinal: number | null; text: string }[];
  milestones: SheetMilestone[];
  indicators: SheetIndicator[];
  /** The round's report (round sheets), or the latest report not returned (ledgers); null when none. */
  report: SheetReport | null;
}

const CHUNK = 500;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

function group<T>(rows: T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) { const k = key(r); const l = out.get(k); if (l) l.push(r); else out.set(k, [r]); }
  return out;
}

/**
 * The sheet rows of these assignments, in the order given; ids that no longer exist are left out. Measures are what
 * an export prints; comparing a returned sheet does without them (`withMeasures: false`: empty lists, one query and
 * the measures' text less per 500 rows).
 */
export async function listSheetRows(db: Conn, ids: readonly number[], roundId: number | null, opts: { withMeasures?: boolean } = {}): Promise<SheetRowData[]> {
  const byId = new Map<number, SheetRowData>();
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('assignments as a').innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('plans as p', 'p.id', 't.plan_id')
      .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
      .select(['a.id', 'a.version', 't.code', 't.problem', 'a.org_unit_id', 'o.name', 'o.path', 'p.inspection_id', 'a.status_text', 'a.latest_progress',
        'a.deadline_kind', 'a.deadline_date', 'a.warning', 'a.is_closed', 'a.is_long_term', 'a.parent_id'])
      .where('a.id', 'in', part).execute();
    const measures = opts.withMeasures === false ? new Map<number, { ordinal: number | null; text: string }[]>() : group(await db.selectFrom('measures').select(['assignment_id', 'ordinal', 'text']).where('assignment_id', 'in', part)
      .orderBy('sort_order').orderBy('id').execute(), (m) => m.assignment_id);
    const milestones = group(await db.selectFrom('milestones').select(['id', 'assignment_id', 'title', 'done_date']).where('assignment_id', 'in', part)
      .orderBy('due_date').orderBy('id').execute(), (m) => m.assignment_id);
    const indicators = await db.selectFrom('indicators').select(['id', 'assignment_id', 'name']).where('assignment_id', 'in', part).orderBy('id').execute();
    const latest = new Map<number, number>();
    for (const ip of chunks(indicators.map((i) => i.id))) {
      const values = await db.selectFrom('indicator_values').select(['indicator_id', 'value']).where('indicator_id', 'in', ip).orderBy('as_of').orderBy('id').execute();
      for (const v of values) latest.set(v.indicator_id, v.value);
    }
    const byAssignment = group(indicators, (i) => i.assignment_id);
    let rq = db.selectFrom('progress_reports').select(['id', 'assignment_id', 'round_id', 'state', 'version', 'progress', 'problems', 'next_steps', 'status_text', 'evidence_note', 'as_of'])
      .where('assignment_id', 'in', part);
    rq = roundId === null ? rq.where('state', '!=', 'returned') : rq.where('round_id', '=', roundId);
    const reports = new Map<number, SheetReport>();
    // Oldest first, so the last one kept per assignment is the latest.
    for (const r of await rq.orderBy('as_of').orderBy('id').execute()) {
      reports.set(r.assignment_id, {
        id: r.id, roundId: r.round_id, state: r.state as ReportState, version: r.version, progress: r.progress, problems: r.problems,
        nextSteps: r.next_steps, statusText: r.status_text, evidenceNote: r.evidence_note, asOf: r.as_of,
      });
    }
    for (const r of rows) {
      byId.set(r.id, {
        assignment: {
          id: r.id, version: r.version, taskCode: r.code, problem: r.problem, orgUnitId: r.org_unit_id, orgUnitName: r.name, orgPath: r.path,
          inspectionId: r.inspection_id, statusText: r.status_text, latestProgress: r.latest_progress, deadlineKind: r.deadline_kind as DeadlineKind,
          deadlineDate: r.deadline_date, warning: r.warning as WarningColor | null, isClosed: r.is_closed === 1, isLongTerm: r.is_long_term === 1, parentId: r.parent_id,
        },
        measures: (measures.get(r.id) ?? []).map((m) => ({ ordinal: m.ordinal, text: m.text })),
        milestones: (milestones.get(r.id) ?? []).map((m) => ({ id: m.id, title: m.title, doneDate: m.done_date })),
        indicators: (byAssignment.get(r.id) ?? []).map((i) => ({ id: i.id, name: i.name, value: latest.get(i.id) ?? null })),
        report: reports.get(r.id) ?? null,
      });
    }
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Finishes a report written from a sheet in one statement: the claims it applied and its 佐证材料说明 (kept apart
 * from the content columns other code writes), and for an administrator's edit, recorded as accepted at once.
 */
export async function finishSheetReport(db: Conn, reportId: number, f: { claims: ReportClaims; evidenceNote: string | null; recordedBy?: { id: number | null; comment: string } }): Promise<void> {
  const recorded = f.recordedBy ? { state: 'accepted', source: 'import', reviewed_by: f.recordedBy.id, reviewed_at: nowIso(), review_comment: f.recordedBy.comment } : {};
  await db.updateTable('progress_reports').set({ claims: JSON.stringify(f.claims), evidence_note: f.evidenceNote, ...recorded }).where('id', '=', reportId).execute();
}

export interface SheetReturn {
  id: number; roundId: number; orgUnitId: number; orgUnitName: string; fileName: string; returnedBy: number | null; returnedByName: string | null;
  returnedAt: string; summary: { reports: number; edits: number; unchanged: number; kept: number };
}

export async function insertSheetReturn(db: Conn, r: { roundId: number; orgUnitId: number; fileName: string; sha256: string; summary: SheetReturn['summary']; returnedBy: number | null }): Promise<number> {
  const { id } = await db.insertInto('round_sheet_returns').values({
    round_id: r.roundId, org_unit_id: r.orgUnitId, file_name: r.fileName, sha256: r.sha256, summary: JSON.stringify(r.summary),
    returned_by: r.returnedBy, returned_at: nowIso(),
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The sheets that came back for a round, newest first, limited to units in the reader's subtrees. */
export async function listSheetReturns(db: Conn, roundId: number, readPaths: readonly string[]): Promise<SheetReturn[]> {
  if (readPaths.length === 0) return [];
  const rows = await db.selectFrom('round_sheet_returns as s').innerJoin('org_units as o', 'o.id', 's.org_unit_id').leftJoin('users as u', 'u.id', 's.returned_by')
    .select(['s.id', 's.round_id', 's.org_unit_id', 'o.name', 's.file_name', 's.returned_by', 'u.display_name', 's.returned_at', 's.summary'])
    .where('s.round_id', '=', roundId).where((eb) => eb.or(readPaths.map((p) => eb('o.path', 'like', `${p}%`))))
    .orderBy('s.returned_at', 'desc').orderBy('s.id', 'desc').limit(1000).execute();
  return rows.map((r) => ({
    id: r.id, roundId: r.round_id, orgUnitId: r.org_unit_id, orgUnitName: r.name, fileName: r.file_name, returnedBy: r.returned_by,
    returnedByName: r.display_name, returnedAt: r.returned_at, summary: JSON.parse(r.summary) as SheetReturn['summary'],
  }));
}

/** The top units (no parent): the system acts at these when the CLI runs without --as. */
export async function listRootOrgUnits(db: Conn): Promise<{ id: number; name: string; path: string }[]> {
  return db.selectFrom('org_units').select(['id', 'name', 'path']).where('parent_id', 'is', null).orderBy('id').execute();
}

/** The assignments of these ids, by id (chunked): what a returned sheet's rows are applied onto. */
export async function mapAssignmentsById(db: Conn, ids: readonly number[]): Promise<Map<number, Assignment>> {
  const out = new Map<number, Assignment>();
  for (const part of chunks([...new Set(ids)])) {
    for (const r of await db.selectFrom('assignments').selectAll().where('id', 'in', part).execute()) out.set(r.id, toAssignment(r));
  }
  return out;
}

/**
 * An administrator's row with nothing to claim (no milestone done, no indicator value), in one statement: the report
 * as `insertSubmittedReport` then `finishSheetReport` write it — submitted, then recorded as accepted at once.
 */
export async function insertRecordedSheetReport(db: Conn, r: {
  assignmentId: number; roundId: number | null; periodLabel: string | null; asOf: string; progress: string; problems: string | null; nextSteps: string | null;
  statusText: string; statusCode: string; submittedBy: number | null; evidenceNote: string | null; comment: string;
}): Promise<number> {
  const now = nowIso();
  const { id } = await db.insertInto('progress_reports').values({
    assignment_id: r.assignmentId, round_id: r.roundId, period_label: r.periodLabel, as_of: r.asOf, progress: r.progress, problems: r.problems,
    next_steps: r.nextSteps, status_text: r.statusText, status_code: r.statusCode, state: 'accepted', source: 'import',
    submitted_by: r.submittedBy, submitted_at: now, evidence_ids: '[]', claims: JSON.stringify({ milestones: [], indicators: [] }), evidence_note: r.evidenceNote,
    reviewed_by: r.submittedBy, reviewed_at: now, review_comment: r.comment, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}
