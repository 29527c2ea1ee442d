/**
 * The case ledger (信访件台账): one filtered, sorted page of cases within the reader's scope, and the counts behind
 * the dashboard. The unit filter is a subquery on org paths, so each dialect can walk the matching units and use
 * the (org_unit_id, state, deadline) index for each — the shape that stays fast at a million cases.
 */
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Conn, Dialect } from './database.js';
import type { Database } from './schema.js';
import type { CaseSource, Verified } from '../core/case.js';
import { OPEN_CASE_STATES, type CaseState } from '../core/case-state.js';

export interface CaseLedgerFilter {
  /** The reader's scope: org paths whose subtrees may be read. */
  scopePaths: readonly string[];
  /** Only this unit's subtree (path). */
  orgPath?: string;
  inspectionId?: number;
  batchId?: number;
  states?: readonly CaseState[];
  /** Matches a pollution type word (大气 finds 大气、噪声). */
  pollutionType?: string;
  verified?: readonly Verified[];
  overdue?: boolean;
  listed?: boolean;
  repeat?: boolean;
  key?: boolean;
  q?: string;
  /** The date "overdue" is judged on (YYYY-MM-DD). */
  today: string;
  sort?: 'caseNo' | 'deadline' | 'handedOver' | 'updated';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export interface CaseLedgerItem {
  id: number;
  caseNo: string;
  batchId: number;
  batchNo: string;
  handedOverAt: string;
  orgUnitId: number;
  orgUnitName: string;
  /** For the service's permission checks; not part of the API item. */
  orgPath: string;
  regionText: string | null;
  targetName: string | null;
  content: string;
  pollutionType: string | null;
  source: CaseSource | null;
  isKey: boolean;
  deadline: string | null;
  state: CaseState;
  verified: Verified | null;
  handling: string | null;
  stageDue: string | null;
  repeatOfCaseId: number | null;
  isListed: boolean;
  updatedAt: string;
  version: number;
}

type Eb = ExpressionBuilder<Database & { c: Database['complaint_cases'] }, 'c'>;

/** Overdue among the given states: open ones past the handling deadline, stage-done ones past their plan date. */
function overdueExpr(eb: Eb, states: readonly CaseState[], today: string): Expression<SqlBool> {
  const open = states.filter((s) => OPEN_CASE_STATES.includes(s));
  const parts: Expression<SqlBool>[] = [];
  if (open.length) parts.push(eb.and([eb('c.state', 'in', open), eb('c.deadline', '<', today)]));
  if (states.includes('stage_done')) parts.push(eb.and([eb('c.state', '=', 'stage_done'), eb('c.stage_due', '<', today)]));
  return parts.length ? eb.or(parts) : sql<SqlBool>`1 = 0`;
}

const ALL_STATES: readonly CaseState[] = ['handling', 'stage_done', 'done', 'closed', 'reopened'];

const listedExists = (eb: Eb) => eb.exists(eb.selectFrom('supervision_listings as s').select('s.id')
  .where('s.subject_type', '=', 'case').whereRef('s.subject_id', '=', 'c.id').where('s.delisted_at', 'is', null));

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The filtered cases, on complaint_cases alone (units and batches enter as subqueries), so that the common filters —
 * unit subtree, state, deadline — are answered from the (org_unit_id, state, deadline) index without reading rows.
 */
export function filteredCases(db: Conn, dialect: Dialect, f: Omit<CaseLedgerFilter, 'sort' | 'order' | 'page' | 'pageSize'>) {
  let q = db.selectFrom('complaint_cases as c')
    .where('c.org_unit_id', 'in', (eb) => {
      let units = eb.selectFrom('org_units as o').select('o.id').where((w) => w.or(f.scopePaths.map((p) => w('o.path', 'like', `${p}%`))));
      if (f.orgPath) units = units.where('o.path', 'like', `${f.orgPath}%`);
      return units;
    });
  if (f.inspectionId) q = q.where('c.batch_id', 'in', (eb) => eb.selectFrom('complaint_batches as b').select('b.id').where('b.inspection_id', '=', f.inspectionId!));
  if (f.batchId) q = q.where('c.batch_id', '=', f.batchId);
  if (f.states?.length) q = q.where('c.state', 'in', [...f.states]);
  if (f.verified?.length) q = q.where('c.verified', 'in', [...f.verified]);
  if (f.pollutionType) q = q.where('c.pollution_type', 'like', `%${escapeLike(f.pollutionType)}%`);
  if (f.key !== undefined) q = q.where('c.is_key', '=', f.key ? 1 : 0);
  if (f.repeat !== undefined) q = q.where('c.repeat_of_case_id', f.repeat ? 'is not' : 'is', null);
  if (f.listed !== undefined) q = q.where((eb: Eb) => (f.listed ? listedExists(eb) : eb.not(listedExists(eb))));
  if (f.overdue !== undefined) {
    const states = f.states?.length ? f.states : ALL_STATES;
    q = q.where((eb: Eb) => (f.overdue ? overdueExpr(eb, states, f.today) : eb.not(overdueExpr(eb, states, f.today))));
  }
  const text = f.q?.trim();
  if (text) {
    if (dialect === 'sqlite' && [...text].length >= 3) {
      const phrase = `"${text.replace(/"/g, '""')}"`;
      q = q.where(sql<boolean>`c.id IN (SELECT rowid FROM complaint_cases_fts WHERE complaint_cases_fts MATCH ${phrase})`);
    } else {
      const pattern = `%${escapeLike(text)}%`;
      const op = sql.raw(dialect === 'postgres' ? 'ILIKE' : 'LIKE');
      // The same expression as the pg_trgm index of migration 005, so PostgreSQL can use it.
      q = q.where(sql<boolean>`(c.case_no || ' ' || coalesce(c.target_name, '') || ' ' || coalesce(c.region_text, '') || ' ' || c.content) ${op} ${pattern} ESCAPE '\\'`);
    }
  }
  return q;
}

/** How many cases match (the ledger's total). */
export async function countFilteredCases(db: Conn, dialect: Dialect, f: Omit<CaseLedgerFilter, 'sort' | 'order' | 'page' | 'pageSize'>): Promise<number> {
  if (f.scopePaths.length === 0) return 0;
  const row = await filteredCases(db, dialect, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

type SortKey = NonNullable<CaseLedgerFilter['sort']>;

/** Sort keys over complaint_cases (as c), each ending in a unique column so pages are stable. */
const SORT_SQL: Record<SortKey, readonly RawBuilder<unknown>[]> = {
  caseNo: [sql`c.case_no`, sql`c.id`],
  deadline: [sql`c.deadline`, sql`c.id`],
  handedOver: [sql`(SELECT b2.handed_over_at FROM complaint_batches b2 WHERE b2.id = c.batch_id)`, sql`c.case_no`, sql`c.id`],
  updated: [sql`c.updated_at`, sql`c.id`],
};

interface Orderable<Q> { orderBy(expr: RawBuilder<unknown>, dir: 'asc' | 'desc'): Q }
function orderCases<Q extends Orderable<Q>>(q: Q, sort: SortKey, dir: 'asc' | 'desc'): Q {
  return SORT_SQL[sort].reduce((acc, expr) => acc.orderBy(expr, dir), q);
}

/** One page: the count, then the page's rows (findCaseRows). */
export async function findCasePage(db: Conn, dialect: Dialect, f: CaseLedgerFilter): Promise<{ rows: CaseLedgerItem[]; total: number }> {
  if (f.scopePaths.length === 0) return { rows: [], total: 0 };
  const pageSize = Math.min(Math.max(f.pageSize ?? 20, 1), 100_000);
  const page = Math.max(f.page ?? 1, 1);
  const total = await countFilteredCases(db, dialect, f);
  if (total === 0) return { rows: [], total };
  return { total, rows: await findCaseRows(db, dialect, f, pageSize, (page - 1) * pageSize) };
}

/**
 * The filtered cases in order, `limit` from `offset`, without counting them (exports and publication take them all).
 * The rows are chosen by ids in a subquery, which the unit/state/deadline index answers and sorts without reading
 * rows; only the chosen rows are then read, with their batch and unit.
 */
export async function findCaseRows(db: Conn, dialect: Dialect, f: CaseLedgerFilter, limit: number, offset = 0): Promise<CaseLedgerItem[]> {
  if (f.scopePaths.length === 0) return [];
  const sort = f.sort ?? 'caseNo';
  const dir = f.order ?? 'asc';
  const pageIds = orderCases(filteredCases(db, dialect, f).select('c.id'), sort, dir).limit(limit).offset(offset);
  const outer = db.selectFrom('complaint_cases as c').innerJoin('complaint_batches as b', 'b.id', 'c.batch_id').innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
    .where('c.id', 'in', pageIds).select([
      'c.id', 'c.case_no', 'c.batch_id', 'b.batch_no', 'b.handed_over_at', 'c.org_unit_id', 'o.name as org_name', 'o.path as org_path', 'c.region_text', 'c.target_name',
      'c.content', 'c.pollution_type', 'c.source', 'c.is_key', 'c.deadline', 'c.state', 'c.verified', 'c.handling', 'c.stage_due', 'c.repeat_of_case_id',
      'c.updated_at', 'c.version',
    ]).select((eb) => listedExists(eb as unknown as Eb).as('is_listed'));
  const rows = await orderCases(outer, sort, dir).execute();
  return rows.map((r) => ({
      id: r.id, caseNo: r.case_no, batchId: r.batch_id, batchNo: r.batch_no, handedOverAt: r.handed_over_at, orgUnitId: r.org_unit_id,
      orgUnitName: r.org_name, orgPath: r.org_path, regionText: r.region_text, targetName: r.target_name, content: r.content, pollutionType: r.pollution_type,
      source: r.source as CaseSource | null, isKey: r.is_key === 1, deadline: r.deadline, state: r.state as CaseState,
      verified: r.verified as Verified | null, handling: r.handling, stageDue: r.stage_due, repeatOfCaseId: r.repeat_of_case_id,
      isListed: Boolean(Number(r.is_listed)), updatedAt: r.updated_at, version: r.version,
  }));
}

export interface CaseCounts {
  total: number;
  byState: Record<CaseState, number>;
  byVerified: Record<Verified | 'unverified', number>;
  overdue: number;
  key: number;
  repeat: number;
  listed: number;
}

/** Counts for the dashboard over the same filters as the ledger. */
export async function countCases(db: Conn, dialect: Dialect, f: Omit<CaseLedgerFilter, 'sort' | 'order' | 'page' | 'pageSize'>): Promise<CaseCounts> {
  const counts: CaseCounts = {
    total: 0, byState: { handling: 0, stage_done: 0, done: 0, closed: 0, reopened: 0 }, byVerified: { true: 0, partly: 0, false: 0, unverified: 0 },
    overdue: 0, key: 0, repeat: 0, listed: 0,
  };
  if (f.scopePaths.length === 0) return counts;
  const q = filteredCases(db, dialect, f);
  const byState = await q.select((eb) => [
    'c.state', 'c.verified', eb.fn.countAll().as('n'),
    eb.fn.sum(eb.case().when(overdueExpr(eb as unknown as Eb, ALL_STATES, f.today)).then(1).else(0).end()).as('overdue'),
    eb.fn.sum('c.is_key').as('key'),
    eb.fn.sum(eb.case().when('c.repeat_of_case_id', 'is not', null).then(1).else(0).end()).as('repeat'),
    eb.fn.sum(eb.case().when(listedExists(eb as unknown as Eb)).then(1).else(0).end()).as('listed'),
  ]).groupBy(['c.state', 'c.verified']).execute();
  for (const r of byState) {
    const n = Number(r.n);
    counts.total += n;
    counts.byState[r.state as CaseState] = (counts.byState[r.state as CaseState] ?? 0) + n;
    const v = (r.verified ?? 'unverified') as Verified | 'unverified';
    counts.byVerified[v] = (counts.byVerified[v] ?? 0) + n;
    counts.overdue += Number(r.overdue ?? 0);
    counts.key += Number(r.key ?? 0);
    counts.repeat += Number(r.repeat ?? 0);
    counts.listed += Number(r.listed ?? 0);
  }
  return counts;
}
