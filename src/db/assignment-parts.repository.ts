/**
 * Measures, milestones and indicators of one assignment, one row at a time: each read answers the assignment it
 * belongs to (for scoping), each update and delete applies only at the version the client saw.
 */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import { recordAssignmentStates } from './state-history.repository.js';
import { AppError } from '../core/errors.js';

export type PartTable = 'measures' | 'milestones' | 'indicators';
const LABEL: Record<PartTable, string> = { measures: '整改措施', milestones: '节点目标', indicators: '指标' };

export const partNotFound = (table: PartTable, id: number) => new AppError('NOT_FOUND', `找不到编号为 ${id} 的${LABEL[table]}`);
const stale = (table: PartTable, current: unknown) =>
  new AppError('VERSION_CONFLICT', `该${LABEL[table]}已被他人修改，请刷新后再改`, { current });

/** The assignment a part belongs to, or NOT_FOUND. */
export async function assignmentOfPart(db: Conn, table: PartTable, id: number): Promise<number> {
  const r = await db.selectFrom(table).select('assignment_id').where('id', '=', id).executeTakeFirst();
  if (!r) throw partNotFound(table, id);
  return r.assignment_id;
}

export interface MeasureFields { text?: string; items?: string[]; ordinal?: number | null; sortOrder?: number; responsibleUnit?: string | null; dueDate?: string | null; doneDate?: string | null }
export interface MilestoneFields { title?: string; dueDate?: string; doneDate?: string | null; measureId?: number | null; weight?: number }
export interface IndicatorFields { name?: string; unit?: string | null; baseline?: number | null; baselineDate?: string | null; target?: number; targetDate?: string | null; comparator?: '>=' | '<=' | '=' }

export type PartFields = MeasureFields | MilestoneFields | IndicatorFields;

// `table` decides which field set `f` is: the routes pair each table with its own schema.
function columns(table: PartTable, f: PartFields) {
  switch (table) {
    case 'measures': {
      const m = f as MeasureFields;
      return { text: m.text, items: m.items && JSON.stringify(m.items), ordinal: m.ordinal, sort_order: m.sortOrder, responsible_unit: m.responsibleUnit, due_date: m.dueDate, done_date: m.doneDate };
    }
    case 'milestones': {
      const m = f as MilestoneFields;
      return { title: m.title, due_date: m.dueDate, done_date: m.doneDate, measure_id: m.measureId, weight: m.weight };
    }
    case 'indicators': {
      const i = f as IndicatorFields;
      return { name: i.name, unit: i.unit, baseline: i.baseline, baseline_date: i.baselineDate, target: i.target, target_date: i.targetDate, comparator: i.comparator };
    }
  }
}

export interface MeasurePart { id: number; assignmentId: number; ordinal: number | null; sortOrder: number; text: string; items: string[]; responsibleUnit: string | null; dueDate: string | null; doneDate: string | null; version: number }
export interface MilestonePart { id: number; assignmentId: number; measureId: number | null; title: string; dueDate: string; doneDate: string | null; weight: number; version: number }
export interface IndicatorPart { id: number; assignmentId: number; name: string; unit: string | null; baseline: number | null; baselineDate: string | null; target: number; targetDate: string | null; comparator: string; version: number }
export type Part = MeasurePart | MilestonePart | IndicatorPart;

/** One part as the API shows it. */
export async function getPart(db: Conn, table: PartTable, id: number): Promise<Part> {
  const missing = () => partNotFound(table, id);
  switch (table) {
    case 'measures': {
      const r = await db.selectFrom('measures').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) throw missing();
      return { id: r.id, assignmentId: r.assignment_id, ordinal: r.ordinal, sortOrder: r.sort_order, text: r.text, items: JSON.parse(r.items) as string[], responsibleUnit: r.responsible_unit, dueDate: r.due_date, doneDate: r.done_date, version: r.version };
    }
    case 'milestones': {
      const r = await db.selectFrom('milestones').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) throw missing();
      return { id: r.id, assignmentId: r.assignment_id, measureId: r.measure_id, title: r.title, dueDate: r.due_date, doneDate: r.done_date, weight: r.weight, version: r.version };
    }
    case 'indicators': {
      const r = await db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) throw missing();
      return { id: r.id, assignmentId: r.assignment_id, name: r.name, unit: r.unit, baseline: r.baseline, baselineDate: r.baseline_date, target: r.target, targetDate: r.target_date, comparator: r.comparator, version: r.version };
    }
  }
}

export async function insertPart(db: Conn, table: PartTable, assignmentId: number, f: PartFields): Promise<number> {
  const now = nowIso();
  const values = { ...columns(table, f), assignment_id: assignmentId, created_at: now, updated_at: now };
  // The per-table column sets are checked by `columns`; Kysely cannot narrow a union of tables here.
  const { id } = await db.insertInto(table).values(values as never).returning('id').executeTakeFirstOrThrow();
  if (table === 'measures') await recordAssignmentStates(db, [assignmentId]);
  return id;
}

export async function updatePart(db: Conn, table: PartTable, id: number, expectedVersion: number, f: PartFields): Promise<void> {
  const res = await db.updateTable(table)
    .set((eb) => ({ ...columns(table, f), updated_at: nowIso(), version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw stale(table, await getPart(db, table, id));
  if (table === 'measures') await recordMeasureOwner(db, id);
}

/** A measure's edit changes what its assignment shows: record the assignment's state. */
async function recordMeasureOwner(db: Conn, measureId: number): Promise<void> {
  const owner = await db.selectFrom('measures').select('assignment_id').where('id', '=', measureId).executeTakeFirst();
  if (owner) await recordAssignmentStates(db, [owner.assignment_id]);
}

export async function deletePart(db: Conn, table: PartTable, id: number, expectedVersion: number): Promise<void> {
  const owner = table === 'measures' ? await db.selectFrom('measures').select('assignment_id').where('id', '=', id).executeTakeFirst() : undefined;
  if (table === 'measures') await db.updateTable('milestones').set({ measure_id: null }).where('measure_id', '=', id).execute();
  const res = await db.deleteFrom(table).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw stale(table, await getPart(db, table, id));
  if (owner) await recordAssignmentStates(db, [owner.assignment_id]);
}

export async function countIndicatorValues(db: Conn, indicatorId: number): Promise<number> {
  const r = await db.selectFrom('indicator_values').select((eb) => eb.fn.countAll().as('n')).where('indicator_id', '=', indicatorId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface IndicatorValueRecord { id: number; value: number; asOf: string; progressReportId: number | null; recordedBy: number | null; createdAt: string }

/** A page of an indicator's recorded values, by date. */
export async function findIndicatorValuePage(
  db: Conn, indicatorId: number, f: { from?: string; to?: string; order: 'asc' | 'desc'; page: number; pageSize: number },
): Promise<{ rows: IndicatorValueRecord[]; total: number }> {
  let q = db.selectFrom('indicator_values').where('indicator_id', '=', indicatorId);
  if (f.from) q = q.where('as_of', '>=', f.from);
  if (f.to) q = q.where('as_of', '<=', f.to);
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('as_of', f.order).orderBy('id', f.order).limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return {
    total: Number(n),
    rows: rows.map((r) => ({ id: r.id, value: r.value, asOf: r.as_of, progressReportId: r.progress_report_id, recordedBy: r.recorded_by, createdAt: r.created_at })),
  };
}
