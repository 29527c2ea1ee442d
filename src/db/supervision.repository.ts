/**
 * Supervision as records (migration 017): leaders in personal charge of a case or a task share (领导包案) with their
 * visits and instructions, and the counts of accountability records (问责) by measure that the case summary, the
 * dashboard and the public report print.
 */
import type { Conn, Dialect } from './database.js';
import { nowIso } from './clock.js';
import { AppError } from '../core/errors.js';
import type { SubjectType } from '../core/case.js';
import { ACCOUNTABILITY_MEASURES, type AccountabilityMeasure, type LeaderActionKind } from '../core/supervision.js';
import { filteredCases, type CaseLedgerFilter } from './case-ledger.repository.js';

export interface LeaderAction { id: number; chargeId: number; actedOn: string; kind: LeaderActionKind; content: string; createdAt: string; createdBy: number | null }

export interface LeaderCharge {
  id: number; subjectType: SubjectType; subjectId: number; leaderName: string; position: string | null; unitName: string | null;
  assignedOn: string | null; createdAt: string; createdBy: number | null; actions: LeaderAction[];
}

export async function insertLeaderCharge(db: Conn, input: Omit<LeaderCharge, 'id' | 'createdAt' | 'actions'>): Promise<LeaderCharge> {
  const createdAt = nowIso();
  const { id } = await db.insertInto('leader_charges').values({
    subject_type: input.subjectType, subject_id: input.subjectId, leader_name: input.leaderName, position: input.position, unit_name: input.unitName,
    assigned_on: input.assignedOn, created_at: createdAt, created_by: input.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return { ...input, id, createdAt, actions: [] };
}

export async function getLeaderChargeById(db: Conn, id: number): Promise<LeaderCharge> {
  const r = await db.selectFrom('leader_charges').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的领导包案记录`);
  return (await withActions(db, [r]))[0]!;
}

type ChargeRow = { id: number; subject_type: string; subject_id: number; leader_name: string; position: string | null; unit_name: string | null;
  assigned_on: string | null; created_at: string; created_by: number | null };

async function withActions(db: Conn, rows: readonly ChargeRow[]): Promise<LeaderCharge[]> {
  if (rows.length === 0) return [];
  const actions = await db.selectFrom('leader_actions').selectAll().where('charge_id', 'in', rows.map((r) => r.id)).orderBy('acted_on').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, subjectType: r.subject_type as SubjectType, subjectId: r.subject_id, leaderName: r.leader_name, position: r.position, unitName: r.unit_name,
    assignedOn: r.assigned_on, createdAt: r.created_at, createdBy: r.created_by,
    actions: actions.filter((a) => a.charge_id === r.id).map((a) => ({
      id: a.id, chargeId: a.charge_id, actedOn: a.acted_on, kind: a.kind as LeaderActionKind, content: a.content, createdAt: a.created_at, createdBy: a.created_by,
    })),
  }));
}

/** The leaders in charge of the subjects, each with its visits and instructions in date order. */
export async function listLeaderCharges(db: Conn, subjectType: SubjectType, subjectIds: readonly number[]): Promise<LeaderCharge[]> {
  if (subjectIds.length === 0) return [];
  const rows = await db.selectFrom('leader_charges').selectAll().where('subject_type', '=', subjectType).where('subject_id', 'in', [...subjectIds]).orderBy('id').execute();
  return withActions(db, rows);
}

export async function insertLeaderAction(db: Conn, input: Omit<LeaderAction, 'id' | 'createdAt'>): Promise<LeaderAction> {
  const createdAt = nowIso();
  const { id } = await db.insertInto('leader_actions').values({
    charge_id: input.chargeId, acted_on: input.actedOn, kind: input.kind, content: input.content, created_at: createdAt, created_by: input.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return { ...input, id, createdAt };
}

export type MeasureCounts = Record<AccountabilityMeasure, number>;
export const noMeasures = (): MeasureCounts => Object.fromEntries(ACCOUNTABILITY_MEASURES.map((m) => [m, 0])) as MeasureCounts;

/** Accountability records and leader charges of the cases the ledger's filter selects; records decided after `asOf` are left out. */
export async function countCaseSupervision(db: Conn, dialect: Dialect, f: Omit<CaseLedgerFilter, 'sort' | 'order' | 'page' | 'pageSize'>, asOf?: string) {
  const byMeasure = noMeasures();
  const out = { accountability: { total: 0, byMeasure }, leaderCharged: 0 };
  if (f.scopePaths.length === 0) return out;
  let q = db.selectFrom('accountability_records as r').where('r.subject_type', '=', 'case')
    .where('r.subject_id', 'in', filteredCases(db, dialect, f).select('c.id'));
  if (asOf) q = q.where((eb) => eb.or([eb('r.decided_at', '<=', asOf), eb.and([eb('r.decided_at', 'is', null), eb('r.created_at', '<', `${asOf}T99`)])]));
  const rows = await q.select((eb) => ['r.measure', eb.fn.countAll().as('n')]).groupBy('r.measure').execute();
  for (const r of rows) {
    const m = (r.measure ?? 'other') as AccountabilityMeasure;
    byMeasure[m] += Number(r.n);
    out.accountability.total += Number(r.n);
  }
  const charged = await db.selectFrom('leader_charges as g').where('g.subject_type', '=', 'case')
    .where('g.subject_id', 'in', filteredCases(db, dialect, f).select('c.id'))
    .select((eb) => eb.fn.count('g.subject_id').distinct().as('n')).executeTakeFirst();
  out.leaderCharged = Number(charged?.n ?? 0);
  return out;
}

/** Accountability records of the given task shares (assignments) by measure, decided by `asOf`. */
export async function countAssignmentAccountability(db: Conn, assignmentIds: readonly number[], asOf: string): Promise<MeasureCounts> {
  const byMeasure = noMeasures();
  if (assignmentIds.length === 0) return byMeasure;
  const rows = await db.selectFrom('accountability_records as r').where('r.subject_type', '=', 'assignment').where('r.subject_id', 'in', [...assignmentIds])
    .where((eb) => eb.or([eb('r.decided_at', '<=', asOf), eb.and([eb('r.decided_at', 'is', null), eb('r.created_at', '<', `${asOf}T99`)])]))
    .select((eb) => ['r.measure', eb.fn.countAll().as('n')]).groupBy('r.measure').execute();
  for (const r of rows) byMeasure[(r.measure ?? 'other') as AccountabilityMeasure] += Number(r.n);
  return byMeasure;
}

/**
 * The cases a report's unit handled for an inspection as of a date: handed over by then (its subtree's batches of the
 * inspection), handled (办结) by then, and the accountability records on them decided by then, by measure.
 */
export async function countReportCases(db: Conn, orgPath: string, inspectionId: number, asOf: string) {
  const cases = () => db.selectFrom('complaint_cases as c').innerJoin('complaint_batches as b', 'b.id', 'c.batch_id').innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
    .where('b.inspection_id', '=', inspectionId).where('o.path', 'like', `${orgPath}%`).where('b.handed_over_at', '<=', asOf);
  const row = await cases().select((eb) => [
    eb.fn.countAll().as('total'),
    eb.fn.sum(eb.case().when(eb.and([eb('c.done_at', 'is not', null), eb('c.done_at', '<', `${asOf}T99`)])).then(1).else(0).end()).as('done'),
  ]).executeTakeFirst();
  const byMeasure = noMeasures();
  const rows = await db.selectFrom('accountability_records as r').where('r.subject_type', '=', 'case').where('r.subject_id', 'in', cases().select('c.id'))
    .where((eb) => eb.or([eb('r.decided_at', '<=', asOf), eb.and([eb('r.decided_at', 'is', null), eb('r.created_at', '<', `${asOf}T99`)])]))
    .select((eb) => ['r.measure', eb.fn.countAll().as('n')]).groupBy('r.measure').execute();
  for (const r of rows) byMeasure[(r.measure ?? 'other') as AccountabilityMeasure] += Number(r.n);
  return { total: Number(row?.total ?? 0), done: Number(row?.done ?? 0), byMeasure };
}
