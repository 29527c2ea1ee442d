/** Handover batches (交办批次) of complaint cases, and their publication as a stored public table. */
import type { Selectable } from 'kysely';
import type { Conn } from './database.js';
import type { ComplaintBatchTable } from './schema.js';
import { nowIso } from './clock.js';
import { AppError } from '../core/errors.js';

export interface CaseBatch {
  id: number;
  inspectionId: number;
  orgUnitId: number;
  batchNo: string;
  handedOverAt: string;
  fileName: string | null;
  createdAt: string;
  publishedAt: string | null;
}

function toBatch(r: Selectable<ComplaintBatchTable>): CaseBatch {
  return {
    id: r.id, inspectionId: r.inspection_id, orgUnitId: r.org_unit_id, batchNo: r.batch_no, handedOverAt: r.handed_over_at,
    fileName: r.file_name, createdAt: r.created_at, publishedAt: r.published_at,
  };
}

export async function insertCaseBatch(db: Conn, input: { inspectionId: number; orgUnitId: number; batchNo: string; handedOverAt: string; fileName: string | null; importedBy: number | null }): Promise<CaseBatch> {
  const { id } = await db.insertInto('complaint_batches').values({
    inspection_id: input.inspectionId, org_unit_id: input.orgUnitId, batch_no: input.batchNo, handed_over_at: input.handedOverAt,
    file_name: input.fileName, imported_by: input.importedBy, created_at: nowIso(),
  }).returning('id').executeTakeFirstOrThrow();
  return getCaseBatchById(db, id);
}

export async function findCaseBatch(db: Conn, inspectionId: number, orgUnitId: number, batchNo: string): Promise<CaseBatch | undefined> {
  const r = await db.selectFrom('complaint_batches').selectAll()
    .where('inspection_id', '=', inspectionId).where('org_unit_id', '=', orgUnitId).where('batch_no', '=', batchNo).executeTakeFirst();
  return r && toBatch(r);
}

export async function getCaseBatchById(db: Conn, id: number): Promise<CaseBatch> {
  const r = await db.selectFrom('complaint_batches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的交办批次`);
  return toBatch(r);
}

export interface CaseBatchSummary extends CaseBatch { orgUnitName: string; inspectionName: string; total: number; handled: number }

/** Batches owned by units in the reader's scope, newest handover first, with their case counts. */
export async function listCaseBatches(db: Conn, scopePaths: readonly string[], inspectionId?: number): Promise<CaseBatchSummary[]> {
  if (scopePaths.length === 0) return [];
  let q = db.selectFrom('complaint_batches as b')
    .innerJoin('org_units as o', 'o.id', 'b.org_unit_id')
    .innerJoin('inspections as i', 'i.id', 'b.inspection_id')
    .where((eb) => eb.or(scopePaths.map((p) => eb('o.path', 'like', `${p}%`))));
  if (inspectionId) q = q.where('b.inspection_id', '=', inspectionId);
  const rows = await q.selectAll('b').select(['o.name as org_name', 'i.name as inspection_name'])
    .select((eb) => [
      eb.selectFrom('complaint_cases as c').whereRef('c.batch_id', '=', 'b.id').select((e) => e.fn.countAll().as('n')).as('total'),
      eb.selectFrom('complaint_cases as c').whereRef('c.batch_id', '=', 'b.id').where('c.state', 'in', ['done', 'closed'])
        .select((e) => e.fn.countAll().as('n')).as('handled'),
    ])
    .orderBy('b.handed_over_at', 'desc').orderBy('b.id', 'desc').execute();
  return rows.map((r) => ({ ...toBatch(r), orgUnitName: r.org_name, inspectionName: r.inspection_name, total: Number(r.total ?? 0), handled: Number(r.handled ?? 0) }));
}

/** Stores the public table as published (already stripped of personal data) and when and by whom. */
export async function savePublishedTable(db: Conn, id: number, table: unknown, by: number | null): Promise<string> {
  const at = nowIso();
  await db.updateTable('complaint_batches').set({ published_at: at, published_by: by, published_table: JSON.stringify(table) }).where('id', '=', id).execute();
  return at;
}

export interface PublishedBatch { id: number; batchNo: string; handedOverAt: string; publishedAt: string; orgUnitName: string; inspectionName: string }

const publishedColumns = ['b.id', 'b.batch_no', 'b.handed_over_at', 'b.published_at', 'o.name as org_name', 'i.name as inspection_name'] as const;

export async function listPublishedBatches(db: Conn): Promise<PublishedBatch[]> {
  const rows = await db.selectFrom('complaint_batches as b').innerJoin('org_units as o', 'o.id', 'b.org_unit_id').innerJoin('inspections as i', 'i.id', 'b.inspection_id')
    .select(publishedColumns).where('b.published_at', 'is not', null).orderBy('b.published_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, batchNo: r.batch_no, handedOverAt: r.handed_over_at, publishedAt: r.published_at!, orgUnitName: r.org_name, inspectionName: r.inspection_name }));
}

/** The published table of a batch, or undefined when the batch does not exist or was never published. */
export async function findPublishedTable(db: Conn, id: number): Promise<{ batch: PublishedBatch; table: unknown } | undefined> {
  const r = await db.selectFrom('complaint_batches as b').innerJoin('org_units as o', 'o.id', 'b.org_unit_id').innerJoin('inspections as i', 'i.id', 'b.inspection_id')
    .select([...publishedColumns, 'b.published_table']).where('b.id', '=', id).where('b.published_at', 'is not', null).executeTakeFirst();
  if (!r?.published_table) return undefined;
  return {
    batch: { id: r.id, batchNo: r.batch_no, handedOverAt: r.handed_over_at, publishedAt: r.published_at!, orgUnitName: r.org_name, inspectionName: r.inspection_name },
    table: JSON.parse(r.published_table) as unknown,
  };
}
