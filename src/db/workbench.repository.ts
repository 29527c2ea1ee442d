/**
 * The reads behind the workbench (工作台) and the notification bell's to-do count: what waits on a person, scoped by
 * the subtrees of their memberships (materialized paths). The same functions feed both, so their counts agree.
 */
import type { Conn } from './database.js';
import { parseReason, type Reason } from '../core/reason-text.js';

export interface ReturnedReportRow { reportId: number; assignmentId: number; roundId: number | null; taskCode: string; orgUnitName: string; reason: string | null; reviewedAt: string | null; version: number }

/** Returned reports not yet resubmitted, in the subtrees, newest return first. */
export async function listReturnedReports(db: Conn, paths: readonly string[], limit = 200): Promise<ReturnedReportRow[]> {
  if (paths.length === 0) return [];
  const rows = await db.selectFrom('progress_reports as r').innerJoin('assignments as a', 'a.id', 'r.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .where('r.state', '=', 'returned').where((eb) => eb.or(paths.map((p) => eb('o.path', 'like', `${p}%`))))
    .select(['r.id', 'r.assignment_id', 'r.round_id', 't.code', 'o.name', 'r.review_comment', 'r.reviewed_at', 'r.version'])
    .orderBy('r.reviewed_at', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ reportId: r.id, assignmentId: r.assignment_id, roundId: r.round_id, taskCode: r.code, orgUnitName: r.name, reason: r.review_comment, reviewedAt: r.reviewed_at, version: r.version }));
}

export interface ClosureWaitingRow { closureId: number; state: string; assignmentId: number; taskCode: string; orgUnitName: string; updatedAt: string }

/**
 * Task shares in the subtrees whose latest closure procedure waits on the responsible unit: sent back to
 * rectification (returned) or reopened, with no newer procedure and the share not closed.
 */
export async function listClosuresWaitingOnUnits(db: Conn, paths: readonly string[], limit = 200): Promise<ClosureWaitingRow[]> {
  if (paths.length === 0) return [];
  const rows = await db.selectFrom('closures as c').innerJoin('assignments as a', 'a.id', 'c.subject_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .where('c.subject_type', '=', 'assignment').where('c.state', 'in', ['returned', 'reopened']).where('a.is_closed', '=', 0)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('closures as n').select('n.id').where('n.subject_type', '=', 'assignment')
      .whereRef('n.subject_id', '=', 'c.subject_id').whereRef('n.id', '>', 'c.id'))))
    .where((eb) => eb.or(paths.map((p) => eb('o.path', 'like', `${p}%`))))
    .select(['c.id', 'c.state', 'a.id as assignment_id', 't.code', 'o.name', 'c.updated_at'])
    .orderBy('c.updated_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ closureId: r.id, state: r.state, assignmentId: r.assignment_id, taskCode: r.code, orgUnitName: r.name, updatedAt: r.updated_at }));
}

export interface CaseDueRow { id: number; caseNo: string; orgUnitName: string; state: string; dueDate: string }

/** Complaint cases being handled in the subtrees whose (stage) deadline falls on or before the date, soonest first. */
export async function listCasesDueBy(db: Conn, paths: readonly string[], until: string, limit = 200): Promise<CaseDueRow[]> {
  if (paths.length === 0) return [];
  const rows = await db.selectFrom('complaint_cases as c').innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
    .where((eb) => eb.or(paths.map((p) => eb('o.path', 'like', `${p}%`))))
    .where((eb) => eb.or([
      eb.and([eb('c.state', 'in', ['handling', 'reopened']), eb('c.deadline', 'is not', null), eb('c.deadline', '<=', until)]),
      eb.and([eb('c.state', '=', 'stage_done'), eb('c.stage_due', 'is not', null), eb('c.stage_due', '<=', until)]),
    ]))
    .select(['c.id', 'c.case_no', 'o.name', 'c.state', 'c.deadline', 'c.stage_due'])
    .orderBy('c.id').limit(5000).execute();
  return rows.map((r) => ({ id: r.id, caseNo: r.case_no, orgUnitName: r.name, state: r.state, dueDate: (r.state === 'stage_done' ? r.stage_due : r.deadline) ?? '' }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id - b.id).slice(0, limit);
}

export interface ObjectionOpenRow { objectionId: number; closureId: number; receivedAt: string; content: string }

/** Objections not yet answered on procedures accepted by the units. */
export async function listOpenObjectionsAt(db: Conn, orgUnitIds: readonly number[], limit = 200): Promise<ObjectionOpenRow[]> {
  if (orgUnitIds.length === 0) return [];
  const rows = await db.selectFrom('objections as j').innerJoin('closures as c', 'c.id', 'j.closure_id')
    .where('c.accepting_org_id', 'in', [...orgUnitIds]).where('j.answer', 'is', null).where('c.state', '=', 'noticed')
    .select(['j.id', 'j.closure_id', 'j.received_at', 'j.content']).orderBy('j.received_at').limit(limit).execute();
  return rows.map((r) => ({ objectionId: r.id, closureId: r.closure_id, receivedAt: r.received_at, content: r.content }));
}

export interface RedLightRow { assignmentId: number; taskCode: string; orgUnitName: string; reason: string | null; reasonCode: Reason | null; deadlineDate: string | null }

/** Open task shares on red in the subtrees: how many, and the first ones by deadline. */
export async function listRedLights(db: Conn, paths: readonly string[], limit = 10): Promise<{ total: number; items: RedLightRow[] }> {
  if (paths.length === 0) return { total: 0, items: [] };
  const base = db.selectFrom('assignments as a').innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .where('a.warning', '=', 'red').where('a.is_closed', '=', 0).where((eb) => eb.or(paths.map((p) => eb('o.path', 'like', `${p}%`))));
  const { n } = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await base.innerJoin('tasks as t', 't.id', 'a.task_id').select(['a.id', 't.code', 'o.name', 'a.warning_reason', 'a.warning_reason_code', 'a.deadline_date'])
    .orderBy('a.deadline_date').orderBy('a.id').limit(limit).execute();
  return { total: Number(n), items: rows.map((r) => ({ assignmentId: r.id, taskCode: r.code, orgUnitName: r.name, reason: r.warning_reason, reasonCode: parseReason(r.warning_reason_code), deadlineDate: r.deadline_date })) };
}
