/**
 * The recorded history of what the ledger shows of each assignment (migration 018, `assignment_states`): appended in
 * the transaction of every write that changes it (assignment, its task's texts, its measures, its cited documents),
 * and read back "as of" a date — each assignment's latest row valid by the end of that day (China time); an assignment
 * without one did not exist yet. Rows are never updated or deleted.
 */
import { createHash } from 'node:crypto';
import type { Generated, Selectable } from 'kysely';
import type { Conn } from './database.js';
import { nowIso } from './clock.js';

export interface AssignmentStateTable {
  id: Generated<number>;
  assignment_id: number;
  /** From when this state holds: when it was recorded, or the end of the date of the published report it came from. */
  valid_from: string;
  recorded_at: string;
  /** A hash of the shown state: an unchanged state is not appended again. */
  fingerprint: string;
  task_id: number;
  org_unit_id: number;
  parent_id: number | null;
  code: string;
  number: number | null;
  sort_order: number;
  problem: string;
  goal: string | null;
  category: string | null;
  deadline_text: string | null;
  responsible_units: string;
  status_text: string | null;
  status_code: string | null;
  is_completed: number;
  is_closed: number;
  is_long_term: number;
  completed_at: string | null;
  closed_at: string | null;
  deadline_kind: string;
  deadline_date: string | null;
  responsible_person: string | null;
  schedule_status: string | null;
  warning: string | null;
  warning_reason: string | null;
  /** Migration 021: the reason as codes (JSON); null in states recorded before. */
  warning_reason_code: string | null;
  latest_progress: string | null;
  /** JSON: [{ ordinal, text, items, doneDate }] in the assignment's order. */
  measures: string;
  /** JSON: [{ title, number }] of the documents the assignment cites. */
  documents: string;
}

// The table is declared here, beside the only code that writes it, rather than in the shared schema.ts.
declare module './schema.js' {
  interface Database { assignment_states: AssignmentStateTable }
}

export type AssignmentStateRow = Selectable<AssignmentStateTable>;
export interface StateMeasure { ordinal: number | null; text: string; items: string[]; doneDate: string | null }
export interface StateDocument { title: string | null; number: string | null }

/** The first instant after the China-time day `date` (YYYY-MM-DD): states valid before it are the day's. */
export function endOfDay(date: string): string {
  return `${date}T16:00:00.000Z`;
}

/** The last instant of the China-time day `date`: where a state a dated report speaks for is placed. */
export function lastInstantOf(date: string): string {
  return `${date}T15:59:59.999Z`;
}

type Snapshot = Omit<AssignmentStateTable, 'id' | 'assignment_id' | 'valid_from' | 'recorded_at' | 'fingerprint'>;

async function snapshots(db: Conn, ids: readonly number[]): Promise<Map<number, Snapshot>> {
  const rows = await db.selectFrom('assignments as a').innerJoin('tasks as t', 't.id', 'a.task_id')
    .select(['a.id', 'a.task_id', 'a.org_unit_id', 'a.parent_id', 't.code', 't.number', 't.sort_order', 't.problem', 't.goal', 't.category',
      't.deadline_text', 't.responsible_units', 'a.status_text', 'a.status_code', 'a.is_completed', 'a.is_closed', 'a.is_long_term',
      'a.completed_at', 'a.closed_at', 'a.deadline_kind', 'a.deadline_date', 'a.responsible_person', 'a.schedule_status', 'a.warning',
      'a.warning_reason', 'a.warning_reason_code', 'a.latest_progress'])
    .where('a.id', 'in', [...ids]).execute();
  const measures = new Map<number, StateMeasure[]>();
  for (const m of await db.selectFrom('measures').select(['assignment_id', 'ordinal', 'text', 'items', 'done_date'])
    .where('assignment_id', 'in', [...ids]).orderBy('sort_order').orderBy('id').execute()) {
    const list = measures.get(m.assignment_id) ?? [];
    list.push({ ordinal: m.ordinal, text: m.text, items: JSON.parse(m.items) as string[], doneDate: m.done_date });
    measures.set(m.assignment_id, list);
  }
  const documents = new Map<number, StateDocument[]>();
  for (const d of await db.selectFrom('document_refs as r').innerJoin('documents as d', 'd.id', 'r.document_id')
    .select(['r.assignment_id', 'd.title', 'd.number']).where('r.assignment_id', 'in', [...ids]).orderBy('d.id').execute()) {
    documents.set(d.assignment_id, [...(documents.get(d.assignment_id) ?? []), { title: d.title, number: d.number }]);
  }
  const out = new Map<number, Snapshot>();
  for (const { id, ...r } of rows) {
    out.set(id, { ...r, measures: JSON.stringify(measures.get(id) ?? []), documents: JSON.stringify(documents.get(id) ?? []) });
  }
  return out;
}

/**
 * Appends the current state of the assignments to their history, in the caller's transaction; a state equal to the
 * assignment's last recorded one is skipped. `validFrom` places the rows at an earlier instant (a report imported
 * today that speaks for an earlier date); they are then appended whatever the last state.
 */
export async function recordAssignmentStates(db: Conn, assignmentIds: readonly number[], validFrom?: string): Promise<void> {
  const unique = [...new Set(assignmentIds)];
  const recordedAt = nowIso();
  for (let i = 0; i < unique.length; i += 500) {
    const ids = unique.slice(i, i + 500);
    const current = await snapshots(db, ids);
    const last = validFrom ? new Map<number, string>() : new Map((await db.selectFrom('assignment_states').select(['assignment_id', 'fingerprint'])
      .where('id', 'in', db.selectFrom('assignment_states').select((eb) => eb.fn.max('id').as('id')).where('assignment_id', 'in', ids).groupBy('assignment_id'))
      .execute()).map((r) => [r.assignment_id, r.fingerprint]));
    const rows = [];
    for (const [id, s] of current) {
      const fingerprint = createHash('sha256').update(JSON.stringify(s)).digest('base64url');
      if (last.get(id) === fingerprint) continue;
      rows.push({ ...s, assignment_id: id, valid_from: validFrom ?? recordedAt, recorded_at: recordedAt, fingerprint });
    }
    if (rows.length > 0) await db.insertInto('assignment_states').values(rows).execute();
  }
}

/** Records the states of every assignment of the tasks (a task's texts changed: each of its shares shows them). */
export async function recordStatesOfTasks(db: Conn, taskIds: readonly number[]): Promise<void> {
  if (taskIds.length === 0) return;
  const ids = await db.selectFrom('assignments').select('id').where('task_id', 'in', [...taskIds]).execute();
  await recordAssignmentStates(db, ids.map((r) => r.id));
}

/**
 * Each selected assignment's state as of the end of the day `asOf`: its latest row valid before then. `where`
 * narrows the rows on the state's own columns (`s`), e.g. the unit or the task.
 */
export async function statesAsOf(
  db: Conn,
  asOf: string,
  where: { assignmentIds?: readonly number[]; orgUnitIds?: readonly number[]; inspectionId?: number },
): Promise<AssignmentStateRow[]> {
  const cutoff = endOfDay(asOf);
  let q = db.selectFrom('assignment_states as s').selectAll('s').where('s.valid_from', '<', cutoff)
    .where((w) => w.not(w.exists(w.selectFrom('assignment_states as n').select('n.id')
      .whereRef('n.assignment_id', '=', 's.assignment_id').where('n.valid_from', '<', cutoff)
      .where((eb) => eb.or([eb('n.valid_from', '>', eb.ref('s.valid_from')), eb.and([eb('n.valid_from', '=', eb.ref('s.valid_from')), eb('n.id', '>', eb.ref('s.id'))])])))));
  if (where.assignmentIds) {
    if (where.assignmentIds.length === 0) return [];
    q = q.where('s.assignment_id', 'in', [...where.assignmentIds]);
  }
  if (where.orgUnitIds) {
    if (where.orgUnitIds.length === 0) return [];
    q = q.where('s.org_unit_id', 'in', [...where.orgUnitIds]);
  }
  if (where.inspectionId !== undefined) {
    q = q.where('s.task_id', 'in', db.selectFrom('tasks').select('tasks.id')
      .where('tasks.plan_id', 'in', db.selectFrom('plans').select('plans.id').where('plans.inspection_id', '=', where.inspectionId)));
  }
  return q.orderBy('s.sort_order').orderBy('s.task_id').orderBy('s.assignment_id').execute();
}
