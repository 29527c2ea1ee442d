/** Tasks of a plan (整改任务) and the measures and documents of each unit's share. */
import type { Conn } from './database.js';
import type { TaskRow } from './schema.js';
import { nowIso } from './clock.js';
import { recordAssignmentStates, recordStatesOfTasks } from './state-history.repository.js';
import { AppError } from '../core/errors.js';
import type { DeadlineKind } from '../core/schedule.js';
import type { DocumentRecord, MeasureRecord, Task } from '../core/api/tasks.js';

export type TaskInput = Omit<Task, 'id' | 'version'>;

export function toTask(r: TaskRow): Task {
  return {
    id: r.id, planId: r.plan_id, code: r.code, number: r.number, sortOrder: r.sort_order, problem: r.problem, goal: r.goal,
    category: r.category, deadlineKind: r.deadline_kind as DeadlineKind, deadlineDate: r.deadline_date,
    deadlineText: r.deadline_text, leadUnit: r.lead_unit, responsibleUnits: JSON.parse(r.responsible_units) as string[],
    responsiblePerson: r.responsible_person, supervisingUnit: r.supervising_unit, acceptingUnit: r.accepting_unit,
    version: r.version,
  };
}

function taskColumns(t: Partial<TaskInput>) {
  return {
    plan_id: t.planId, code: t.code, number: t.number, sort_order: t.sortOrder, problem: t.problem, goal: t.goal,
    category: t.category, deadline_kind: t.deadlineKind, deadline_date: t.deadlineDate, deadline_text: t.deadlineText,
    lead_unit: t.leadUnit, responsible_units: t.responsibleUnits && JSON.stringify(t.responsibleUnits),
    responsible_person: t.responsiblePerson, supervising_unit: t.supervisingUnit, accepting_unit: t.acceptingUnit,
  };
}

export async function getTaskById(db: Conn, id: number): Promise<Task> {
  const r = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('TASK_NOT_FOUND', `找不到编号为 ${id} 的整改任务`);
  return toTask(r);
}

/** A plan's task by its printed number when it has one, else by its code as printed. */
export async function findTaskInPlan(db: Conn, planId: number, number: number | null, code: string): Promise<Task | undefined> {
  let q = db.selectFrom('tasks').selectAll().where('plan_id', '=', planId);
  q = number !== null ? q.where('number', '=', number) : q.where('code', '=', code);
  const r = await q.orderBy('id').executeTakeFirst();
  return r && toTask(r);
}

/** The id of the plan's task with this code, if any (codes are unique within a plan). */
export async function findTaskIdByCode(db: Conn, planId: number, code: string): Promise<number | undefined> {
  const r = await db.selectFrom('tasks').select('id').where('plan_id', '=', planId).where('code', '=', code).executeTakeFirst();
  return r?.id;
}

export async function insertTask(db: Conn, input: TaskInput): Promise<Task> {
  const now = nowIso();
  const { id } = await db.insertInto('tasks')
    .values({ ...taskColumns(input), plan_id: input.planId, code: input.code, problem: input.problem, sort_order: input.sortOrder, deadline_kind: input.deadlineKind, responsible_units: JSON.stringify(input.responsibleUnits), created_at: now, updated_at: now })
    .returning('id').executeTakeFirstOrThrow();
  return getTaskById(db, id);
}

/** Updates a task only if it is still at `expectedVersion`; otherwise VERSION_CONFLICT with the current state. */
export async function updateTask(db: Conn, id: number, expectedVersion: number, patch: Partial<TaskInput>): Promise<Task> {
  const res = await db.updateTable('tasks')
    .set((eb) => ({ ...taskColumns(patch), updated_at: nowIso(), version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    const current = await getTaskById(db, id);
    throw new AppError('VERSION_CONFLICT', '该任务已被他人修改，请刷新后再改', { current });
  }
  await recordStatesOfTasks(db, [id]);
  return getTaskById(db, id);
}

export async function listTasksOfPlan(db: Conn, planId: number): Promise<Task[]> {
  return (await db.selectFrom('tasks').selectAll().where('plan_id', '=', planId).orderBy('sort_order').orderBy('id').execute()).map(toTask);
}

export async function listMeasures(db: Conn, assignmentId: number): Promise<MeasureRecord[]> {
  const rows = await db.selectFrom('measures').selectAll().where('assignment_id', '=', assignmentId).orderBy('sort_order').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, assignmentId: r.assignment_id, ordinal: r.ordinal, text: r.text, items: JSON.parse(r.items) as string[],
    responsibleUnit: r.responsible_unit, dueDate: r.due_date, doneDate: r.done_date, version: r.version,
  }));
}

/** Measures of many assignments at once (exports), in chunks to stay under parameter limits. */
export async function listMeasuresOf(db: Conn, assignmentIds: readonly number[]): Promise<Map<number, MeasureRecord[]>> {
  const out = new Map<number, MeasureRecord[]>();
  for (let i = 0; i < assignmentIds.length; i += 500) {
    const rows = await db.selectFrom('measures').selectAll().where('assignment_id', 'in', assignmentIds.slice(i, i + 500)).orderBy('sort_order').orderBy('id').execute();
    for (const r of rows) {
      const list = out.get(r.assignment_id) ?? [];
      list.push({ id: r.id, assignmentId: r.assignment_id, ordinal: r.ordinal, text: r.text, items: JSON.parse(r.items) as string[], responsibleUnit: r.responsible_unit, dueDate: r.due_date, doneDate: r.done_date, version: r.version });
      out.set(r.assignment_id, list);
    }
  }
  return out;
}

/** Replaces an assignment's measures with a report's (the previous set is kept in that report's snapshot). */
export async function replaceMeasures(
  db: Conn,
  assignmentId: number,
  measures: readonly { ordinal: number | null; text: string; items: string[]; doneDate?: string | null }[],
): Promise<void> {
  await db.updateTable('milestones').set({ measure_id: null }).where('assignment_id', '=', assignmentId).execute();
  await db.deleteFrom('measures').where('assignment_id', '=', assignmentId).execute();
  const now = nowIso();
  if (measures.length > 0) {
    await db.insertInto('measures').values(measures.map((m, i) => ({
      assignment_id: assignmentId, ordinal: m.ordinal, sort_order: i, text: m.text, items: JSON.stringify(m.items),
      done_date: m.doneDate ?? null, created_at: now, updated_at: now,
    }))).execute();
  }
  await recordAssignmentStates(db, [assignmentId]);
}

/** Finds a referenced document by its number (or its title when it has none), creating it when new. */
export async function ensureDocument(db: Conn, doc: { title: string | null; number: string | null }): Promise<number> {
  let q = db.selectFrom('documents').select('id');
  if (doc.number) q = q.where('number', '=', doc.number);
  else if (doc.title) q = q.where('title', '=', doc.title).where('number', 'is', null);
  else throw new AppError('VALIDATION_FAILED', '文件须有标题或文号');
  const found = await q.executeTakeFirst();
  if (found) {
    if (doc.title && doc.number) await db.updateTable('documents').set({ title: doc.title }).where('id', '=', found.id).where('title', 'is', null).execute();
    return found.id;
  }
  const { id } = await db.insertInto('documents').values({ title: doc.title, number: doc.number, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function linkDocument(db: Conn, assignmentId: number, documentId: number): Promise<void> {
  const exists = await db.selectFrom('document_refs').select('id').where('assignment_id', '=', assignmentId).where('document_id', '=', documentId).executeTakeFirst();
  if (!exists) {
    await db.insertInto('document_refs').values({ assignment_id: assignmentId, document_id: documentId }).execute();
    await recordAssignmentStates(db, [assignmentId]);
  }
}

export async function listDocumentsOfAssignment(db: Conn, assignmentId: number): Promise<DocumentRecord[]> {
  const rows = await db.selectFrom('document_refs').innerJoin('documents', 'documents.id', 'document_refs.document_id')
    .select(['documents.id', 'documents.title', 'documents.number', 'documents.issuer', 'documents.issued_date'])
    .where('document_refs.assignment_id', '=', assignmentId).orderBy('documents.id').execute();
  return rows.map((r) => ({ id: r.id, title: r.title, number: r.number, issuer: r.issuer, issuedDate: r.issued_date }));
}
