/** Reporting rounds (调度) and, for one round, every assignment that owes a report with the report it has. */
import { sql } from 'kysely';
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import { AppError } from '../core/errors.js';
import type { RoundCycle } from '../core/periods.js';
import type { ReportState } from '../core/reporting.js';

export interface Round {
  id: number;
  name: string;
  cycle: RoundCycle;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  scopeOrgId: number;
  scopeOrgName: string;
  scopePath: string;
  inspectionId: number | null;
  state: 'open' | 'closed';
  openedBy: number | null;
  createdAt: string;
  version: number;
}

const roundQuery = (db: Conn) => db.selectFrom('reporting_rounds as r').innerJoin('org_units as o', 'o.id', 'r.scope_org_id')
  .select(['r.id', 'r.name', 'r.cycle', 'r.period_start', 'r.period_end', 'r.due_date', 'r.scope_org_id', 'o.name as org_name', 'o.path',
    'r.inspection_id', 'r.state', 'r.opened_by', 'r.created_at', 'r.version']);
type RoundRow = Awaited<ReturnType<ReturnType<typeof roundQuery>['executeTakeFirstOrThrow']>>;
const toRound = (r: RoundRow): Round => ({
  id: r.id, name: r.name, cycle: r.cycle as RoundCycle, periodStart: r.period_start, periodEnd: r.period_end, dueDate: r.due_date,
  scopeOrgId: r.scope_org_id, scopeOrgName: r.org_name, scopePath: r.path, inspectionId: r.inspection_id,
  state: r.state as Round['state'], openedBy: r.opened_by, createdAt: r.created_at, version: r.version,
});

export const roundNotFound = (id: number) => new AppError('ROUND_NOT_FOUND', `找不到编号为 ${id} 的调度轮次`);

export async function getRound(db: Conn, id: number): Promise<Round> {
  const r = await roundQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!r) throw roundNotFound(id);
  return toRound(r);
}

export async function findRoundForPeriod(db: Conn, k: { scopeOrgId: number; inspectionId: number | null; cycle: RoundCycle; periodStart: string }): Promise<Round | undefined> {
  let q = roundQuery(db).where('r.scope_org_id', '=', k.scopeOrgId).where('r.cycle', '=', k.cycle).where('r.period_start', '=', k.periodStart);
  q = k.inspectionId === null ? q.where('r.inspection_id', 'is', null) : q.where('r.inspection_id', '=', k.inspectionId);
  const r = await q.executeTakeFirst();
  return r && toRound(r);
}

export async function insertRound(db: Conn, r: Omit<Round, 'id' | 'scopeOrgName' | 'scopePath' | 'state' | 'createdAt' | 'version'>): Promise<number> {
  const now = nowIso();
  const { id } = await db.insertInto('reporting_rounds').values({
    name: r.name, cycle: r.cycle, period_start: r.periodStart, period_end: r.periodEnd, due_date: r.dueDate, scope_org_id: r.scopeOrgId,
    inspection_id: r.inspectionId, state: 'open', opened_by: r.openedBy, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Closes the round at the version the client saw; VERSION_CONFLICT with the current round otherwise. */
export async function closeRoundRow(db: Conn, id: number, expectedVersion: number): Promise<Round> {
  const res = await db.updateTable('reporting_rounds').set((eb) => ({ state: 'closed', updated_at: nowIso(), version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AppError('VERSION_CONFLICT', '该调度轮次已被他人修改，请刷新后再操作', { current: await getRound(db, id) });
  return getRound(db, id);
}

/** Rounds that concern a reader: their scope lies inside the reader's subtrees or contains one of them. */
export async function listRoundsRelatedTo(db: Conn, readPaths: readonly string[], filter: { state?: 'open' | 'closed' } = {}): Promise<Round[]> {
  if (readPaths.length === 0) return [];
  let q = roundQuery(db).where((eb) => eb.or(readPaths.flatMap((p) => [eb('o.path', 'like', `${p}%`), sql<boolean>`${p} LIKE o.path || '%'`])));
  if (filter.state) q = q.where('r.state', '=', filter.state);
  return (await q.orderBy('r.period_start', 'desc').orderBy('r.id', 'desc').limit(500).execute()).map(toRound);
}

export async function listOpenRounds(db: Conn): Promise<Round[]> {
  return (await roundQuery(db).where('r.state', '=', 'open').orderBy('r.id').execute()).map(toRound);
}

export interface RoundEntryRow {
  assignmentId: number;
  taskCode: string;
  problem: string;
  orgUnitId: number;
  orgUnitName: string;
  orgPath: string;
  report: { id: number; state: ReportState; submittedAt: string | null; submittedBy: number | null; version: number } | null;
}

/**
 * Every assignment in the round's scope (and inspection) that owes a report, limited to the reader's subtrees: those
 * not closed, and any that already reported in this round.
 */
export async function listRoundEntries(db: Conn, round: Round, readPaths: readonly string[]): Promise<RoundEntryRow[]> {
  if (readPaths.length === 0) return [];
  let q = db.selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('plans as p', 'p.id', 't.plan_id').innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .leftJoin('progress_reports as pr', (j) => j.onRef('pr.assignment_id', '=', 'a.id').on('pr.round_id', '=', round.id))
    .where('o.path', 'like', `${round.scopePath}%`)
    .where((eb) => eb.or(readPaths.map((p) => eb('o.path', 'like', `${p}%`))))
    .where((eb) => eb.or([eb('a.is_closed', '=', 0), eb('pr.id', 'is not', null)]));
  if (round.inspectionId !== null) q = q.where('p.inspection_id', '=', round.inspectionId);
  const rows = await q.select(['a.id', 't.code', 't.problem', 'o.id as org_id', 'o.name as org_name', 'o.path',
    'pr.id as report_id', 'pr.state', 'pr.submitted_at', 'pr.submitted_by', 'pr.version'])
    .orderBy('o.path').orderBy('t.sort_order').orderBy('a.id').execute();
  return rows.map((r) => ({
    assignmentId: r.id, taskCode: r.code, problem: r.problem, orgUnitId: r.org_id, orgUnitName: r.org_name, orgPath: r.path,
    report: r.report_id === null ? null : { id: r.report_id, state: r.state as ReportState, submittedAt: r.submitted_at, submittedBy: r.submitted_by, version: r.version ?? 1 },
  }));
}

/** The inspection an assignment's task belongs to (through its plan). */
export async function inspectionOfAssignment(db: Conn, assignmentId: number): Promise<number> {
  const r = await db.selectFrom('assignments as a').innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('plans as p', 'p.id', 't.plan_id')
    .select('p.inspection_id').where('a.id', '=', assignmentId).executeTakeFirstOrThrow();
  return r.inspection_id;
}

/** The latest as-of date among the assignment's accepted reports other than one, so an older report never overrides a newer one. */
export async function latestAcceptedAsOf(db: Conn, assignmentId: number, exceptReportId: number): Promise<string | null> {
  const r = await db.selectFrom('progress_reports').select('as_of').where('assignment_id', '=', assignmentId).where('state', '=', 'accepted')
    .where('id', '!=', exceptReportId).orderBy('as_of', 'desc').limit(1).executeTakeFirst();
  return r?.as_of ?? null;
}
