/** Writes the resource API makes to assignments beyond the ledger's: derived search text, and assignment documents. */
import type { Conn } from './database.js';
import { AppError } from '../core/errors.js';
import type { DocumentRecord } from '../core/api/tasks.js';
import { containsText } from './text-match.js';
import { recordAssignmentStates } from './state-history.repository.js';

/**
 * Rebuilds the denormalized search text (task code, problem, goal, status, unit, measures) from its sources. It is
 * derived data, so it is written without a version bump: editing a measure must not make the assignment stale.
 */
export async function rebuildSearchText(db: Conn, assignmentId: number): Promise<void> {
  const r = await db.selectFrom('assignments as a').innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .select(['t.code', 't.problem', 't.goal', 'a.status_text', 'o.name']).where('a.id', '=', assignmentId).executeTakeFirstOrThrow();
  const measures = await db.selectFrom('measures').select('text').where('assignment_id', '=', assignmentId).orderBy('sort_order').orderBy('id').execute();
  const text = [r.code, r.problem, r.goal ?? '', r.status_text ?? '', r.name, ...measures.map((m) => m.text)].join('\n');
  await db.updateTable('assignments').set({ search_text: text }).where('id', '=', assignmentId).where('search_text', '<>', text).execute();
}

export async function assignmentIdsOfTask(db: Conn, taskId: number): Promise<number[]> {
  return (await db.selectFrom('assignments').select('id').where('task_id', '=', taskId).orderBy('id').execute()).map((r) => r.id);
}

export async function unlinkDocument(db: Conn, assignmentId: number, documentId: number): Promise<void> {
  const res = await db.deleteFrom('document_refs').where('assignment_id', '=', assignmentId).where('document_id', '=', documentId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new AppError('NOT_FOUND', `该任务没有引用编号为 ${documentId} 的文件`);
  await recordAssignmentStates(db, [assignmentId]);
}

export async function getDocumentById(db: Conn, id: number): Promise<DocumentRecord> {
  const r = await db.selectFrom('documents').select(['id', 'title', 'number', 'issuer', 'issued_date']).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的文件`);
  return { id: r.id, title: r.title, number: r.number, issuer: r.issuer, issuedDate: r.issued_date };
}

/** A page of the documents an assignment cites, filtered by title or number text. */
export async function findAssignmentDocumentPage(
  db: Conn, assignmentId: number, f: { q?: string; sort: 'id' | 'title' | 'number'; order: 'asc' | 'desc'; page: number; pageSize: number },
): Promise<{ rows: DocumentRecord[]; total: number }> {
  let q = db.selectFrom('document_refs as r').innerJoin('documents as d', 'd.id', 'r.document_id').where('r.assignment_id', '=', assignmentId);
  if (f.q) { const text = f.q; q = q.where((eb) => eb.or([containsText('d.title', text), containsText('d.number', text)])); }
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const column = ({ id: 'd.id', title: 'd.title', number: 'd.number' } as const)[f.sort];
  const rows = await q.select(['d.id', 'd.title', 'd.number', 'd.issuer', 'd.issued_date']).orderBy(column, f.order).orderBy('d.id')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows: rows.map((r) => ({ id: r.id, title: r.title, number: r.number, issuer: r.issuer, issuedDate: r.issued_date })), total: Number(n) };
}
