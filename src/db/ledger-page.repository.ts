/**
 * The ledger's filtered page, shaped for large ledgers (100,000 assignments): filters run on assignments alone, the
 * org subtree as a subquery of unit ids (so the (org_unit_id, schedule_status) index serves a city's share instead
 * of every assignment being tested by its unit's path), the count needs no join, the sort reads only assignments and
 * yields just the page's ids, and only those rows are read in full. Every sort (task code, unit, deadline, last
 * update, warning) has an index on assignments (migrations 015 and 025: the code and unit orders read the sort keys
 * each assignment carries); over 2,000 matches the page is read from it in order and the read stops at the page.
 * Search: every term of the query must be found; through the indexes (FTS5 trigram / pg_trgm for three characters
 * or more, the character index of migration 024 for shorter ones) when the searched subtree is large, and by testing
 * the text of the subtree's rows when it is small (a common phrase matches tens of thousands of rows nationally; a
 * city's or province's few thousand rows are quicker to read than that index answer).
 */
import { parseReason } from '../core/reason-text.js';
import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Conn, Dialect } from './database.js';
import type { Database } from './schema.js';
import { WARNING_RANK } from './ledger-sort.js';
import type { LedgerFilter } from './assignments.repository.js';
import type { LedgerRow } from '../core/api/assignments.js';
import type { DeadlineKind, ScheduleStatus, WarningColor } from '../core/schedule.js';
import { countAssignmentsUnder, scopeRootIds, UNCATEGORIZED } from './dashboard.repository.js';
import { charCount, searchTerms, TRIGRAM } from './text-match.js';

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function unitIdsUnder(db: Conn, scopePaths: readonly string[] | undefined, orgPath: string | undefined) {
  let q = db.selectFrom('org_units').select('id');
  if (scopePaths) q = q.where((eb) => eb.or(scopePaths.map((p) => eb('path', 'like', `${p}%`))));
  if (orgPath) q = q.where('path', 'like', `${orgPath}%`);
  return q;
}

type LedgerDb = Database & { a: Database['assignments'] };

/** Up to this many assignments in the searched subtree, their text is tested rather than the trigram index asked. */
const SCAN_TEXT_UP_TO = 20_000;

export type Search = 'index' | 'scan';

/** How to search: by the index, unless the filter's subtree is small (its size read from the dashboard roll-ups). */
async function searchMethod(db: Conn, f: LedgerFilter): Promise<Search> {
  if (searchTerms(f.q).length === 0) return 'index';
  const roots = f.orgPath ? scopeRootIds([f.orgPath]) : f.scopePaths ? scopeRootIds(f.scopePaths) : [];
  if (roots.length === 0) return 'index';
  return (await countAssignmentsUnder(db, roots)) <= SCAN_TEXT_UP_TO ? 'scan' : 'index';
}

/** A term the character index finds exactly: one or two characters, none a separator or control character. */
const byCharIndex = (term: string) => charCount(term) < TRIGRAM && !/[\p{Z}\p{C}]/u.test(term);
/** An FTS5 phrase: the text double-quoted (quotes doubled). */
const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * Every term of the search, as conditions on `a`. Scan: each row's text is tested. Index: terms of three or more
 * characters through the trigram index (FTS5 trigram / pg_trgm), shorter ones through the character index
 * (migration 024: FTS5 over single characters, a phrase for two; on PostgreSQL the GIN index of search_grams).
 */
function textConditions(dialect: Dialect, terms: readonly string[], search: Search): Expression<SqlBool>[] {
  const like = (t: string) => {
    const pattern = `%${escapeLike(t)}%`;
    return dialect === 'postgres' ? sql<SqlBool>`a.search_text ILIKE ${pattern} ESCAPE '\\'` : sql<SqlBool>`a.search_text LIKE ${pattern} ESCAPE '\\'`;
  };
  // Not ILIKE on PostgreSQL, which it would answer from the trigram index over the whole table: test each row of the subtree.
  if (search === 'scan') return terms.map((t) => (dialect === 'postgres' ? sql<SqlBool>`strpos(lower(a.search_text), lower(${t})) > 0` : like(t)));
  const long = terms.filter((t) => charCount(t) >= TRIGRAM);
  const short = terms.filter(byCharIndex);
  const other = terms.filter((t) => charCount(t) < TRIGRAM && !byCharIndex(t));
  const c: Expression<SqlBool>[] = [];
  if (dialect === 'sqlite') {
    if (long.length) c.push(sql<SqlBool>`a.id IN (SELECT rowid FROM assignments_fts WHERE assignments_fts MATCH ${long.map(phrase).join(' AND ')})`);
    if (short.length) c.push(sql<SqlBool>`a.id IN (SELECT rowid FROM assignments_chars WHERE assignments_chars MATCH ${short.map((t) => phrase([...t].join(' '))).join(' AND ')})`);
  } else {
    c.push(...long.map(like));
    if (short.length) c.push(sql<SqlBool>`search_grams(a.search_text) @> ARRAY[${sql.join(short.map((t) => sql`lower(${t})`))}]::text[]`);
  }
  return [...c, ...other.map(like)];
}

/** The filters as one condition on the assignment `a`, usable whichever table the query starts from. */
function conditions(db: Conn, dialect: Dialect, f: LedgerFilter, search: Search = 'index') {
  return (eb: ExpressionBuilder<LedgerDb, 'a'>): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [];
    if (f.scopePaths || f.orgPath) c.push(eb('a.org_unit_id', 'in', unitIdsUnder(db, f.scopePaths, f.orgPath)));
    if (f.inspectionId || f.category) {
      let tasks = db.selectFrom('tasks as ft').select('ft.id');
      if (f.inspectionId) tasks = tasks.where('ft.plan_id', 'in', db.selectFrom('plans').select('id').where('inspection_id', '=', f.inspectionId));
      // The dashboard groups tasks without a category as 未分类 (UNCATEGORIZED); its click-through must find them.
      if (f.category === UNCATEGORIZED) tasks = tasks.where('ft.category', 'is', null);
      else if (f.category) tasks = tasks.where('ft.category', '=', f.category);
      c.push(eb('a.task_id', 'in', tasks));
    }
    if (f.scheduleStatus?.length) c.push(eb('a.schedule_status', 'in', [...f.scheduleStatus]));
    if (f.warning?.length) c.push(eb('a.warning', 'in', [...f.warning]));
    if (f.deadlineFrom) c.push(eb('a.deadline_date', '>=', f.deadlineFrom));
    if (f.deadlineTo) c.push(eb('a.deadline_date', '<=', f.deadlineTo));
    const terms = searchTerms(f.q);
    if (terms.length) c.push(...textConditions(dialect, terms, search));
    return eb.and(c);
  };
}

// Up to this many matches, sorting them all is cheap; beyond, reading tasks in their order and stopping at the page
// is (the province's unfiltered ledger would otherwise sort 100,000 rows for 20).
const SORT_ALL_UP_TO = 2000;

/**
 * The sort indexes present in this SQLite database (read once a process): a database migrated while migration 015
 * had other indexes lacks them, and its sorts then fall back to the planner's choice rather than fail.
 */
let sortIndexes: ReadonlySet<string> = new Set();
let sortIndexesRead = false;
async function readSortIndexes(db: Conn): Promise<void> {
  if (sortIndexesRead) return;
  const rows = await db.selectFrom(sql<{ name: string; type: string }>`sqlite_master`.as('m')).select('m.name').where('m.type', '=', 'index').execute();
  sortIndexes = new Set(rows.map((r) => r.name).filter((n) => (Object.values(SORT_INDEXES) as string[]).includes(n)));
  sortIndexesRead = true;
}

/** The ids of the requested page, in the requested order. */
async function pageIds(db: Conn, dialect: Dialect, f: LedgerFilter, search: Search, total: number, limit: number, offset: number): Promise<number[]> {
  if (dialect === 'sqlite') await readSortIndexes(db);
  return (await db.executeQuery(ledgerPageQuery(db, dialect, f, search, total, limit, offset))).rows.map((r) => r.id);
}

/**
 * The SQL of the page's ids for a filter whose matches number `total` (exported for the plan tests, which EXPLAIN
 * exactly what runs).
 */
export function ledgerPageQuery(db: Conn, dialect: Dialect, f: LedgerFilter, search: Search, total: number, limit: number, offset: number): CompiledQuery<{ id: number }> {
  const dir = f.order ?? 'asc';
  const sort = f.sort ?? 'code';
  const many = total > SORT_ALL_UP_TO;
  const where = conditions(db, dialect, f, search);
  let base = db.selectFrom('assignments as a').where(where);
  // The subtree read, when it is one: a range of the unit paths (org_path), where the order by unit starts and ends.
  const under = f.orgPath ?? (f.scopePaths?.length === 1 ? f.scopePaths[0] : undefined);
  if (sort === 'org' && under) base = base.where('a.org_path', '>=', under).where('a.org_path', '<', `${under.slice(0, -1)}0`);
  if (sort === 'code' && many) {
    // Only the plans with a share in the subtree (from the roll-ups): the code order is by plan first, and the
    // country's other plans would otherwise be read through before this subtree's.
    const roots = scopeRootIds(f.orgPath ? [f.orgPath] : f.scopePaths ?? []);
    if (roots.length) {
      base = base.where('a.task_plan_id', 'in', db.selectFrom('tasks as pt').select('pt.plan_id')
        .where('pt.id', 'in', db.selectFrom('rollup_task as r').select('r.task_id').where('r.org_unit_id', 'in', roots).where('r.n', '>', 0)));
    }
  }
  // Ties in the same direction as the sort (a descending list is the ascending one reversed), so one index read either
  // way serves it: (deadline_date, id), (updated_at, id), the warning's rank, and the keys of migration 025 — the
  // task's plan and place and the unit's path, kept on each assignment (a task's plan id orders like the plan).
  const q = (() => {
    switch (sort) {
      case 'deadline': return base.select('a.id').orderBy('a.deadline_date', dir).orderBy('a.id', dir);
      case 'updated': return base.select('a.id').orderBy('a.updated_at', dir).orderBy('a.id', dir);
      case 'warning': return base.select('a.id').orderBy(sql.raw(WARNING_RANK), dir).orderBy('a.id', dir);
      case 'org': return base.select('a.id').orderBy('a.org_path', dir).orderBy('a.task_plan_id', dir).orderBy('a.task_sort_order', dir).orderBy('a.id', dir);
      case 'code': return base.select('a.id').orderBy('a.task_plan_id', dir).orderBy('a.task_sort_order', dir).orderBy('a.org_path', dir).orderBy('a.id', dir);
    }
  })();
  const sortIndex = SORT_INDEXES[sort];
  if (dialect === 'sqlite' && many && sortIndexes.has(sortIndex)) {
    // Many matches: read them in the sort's index and stop at the page. SQLite's planner (3.53) would rather take the
    // (org_unit_id, …) index for the subtree and sort every match (100,000 in a province: 189 ms a request against 3 ms),
    // so the index is named (INDEXED BY: the planner must use it).
    const compiled = q.limit(limit).offset(offset).compile();
    const from = 'from "assignments" as "a"';
    if (!compiled.sql.startsWith(`select "a"."id" ${from} `)) throw new Error(`unexpected ledger page query: ${compiled.sql}`);
    return CompiledQuery.raw(compiled.sql.replace(from, `${from} indexed by "${sortIndex}"`), [...compiled.parameters]);
  }
  return q.limit(limit).offset(offset).compile();
}

/** The SQL of the count of the matches (exported for the plan tests). */
export function ledgerCountQuery(db: Conn, dialect: Dialect, f: LedgerFilter, search: Search): CompiledQuery<{ n: number | string }> {
  return db.selectFrom('assignments as a').where(conditions(db, dialect, f, search)).select((eb) => eb.fn.countAll<number | string>().as('n')).compile();
}

/** The index each sort reads on SQLite (migrations 015, 025); PostgreSQL's planner picks them itself (the plan tests check). */
const SORT_INDEXES = {
  deadline: 'assignments_deadline_sort', updated: 'assignments_updated_sort', warning: 'assignments_warning_sort', code: 'assignments_code_sort', org: 'assignments_org_sort',
} as const;

async function rowsByIds(db: Conn, ids: readonly number[]): Promise<LedgerRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('inspections as i', 'i.id', 'p.inspection_id')
    .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .select([
      'a.id', 'a.task_id', 't.code', 't.number', 't.problem', 't.category', 'a.org_unit_id', 'o.name as org_name',
      'p.inspection_id', 'i.name as inspection_name', 'a.status_text', 'a.schedule_status', 'a.warning', 'a.warning_reason', 'a.warning_reason_code',
      'a.deadline_kind', 'a.deadline_date', 'a.is_completed', 'a.is_closed', 'a.is_long_term', 'a.responsible_person',
      'a.latest_progress', 'a.updated_at', 'a.version',
    ])
    .where('a.id', 'in', [...ids]).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!).map((r) => ({
    id: r.id, taskId: r.task_id, taskCode: r.code, taskNumber: r.number, problem: r.problem, category: r.category,
    orgUnitId: r.org_unit_id, orgUnitName: r.org_name, inspectionId: r.inspection_id, inspectionName: r.inspection_name,
    statusText: r.status_text, scheduleStatus: r.schedule_status as ScheduleStatus | null, warning: r.warning as WarningColor | null,
    warningReason: r.warning_reason, warningReasonCode: parseReason(r.warning_reason_code), deadlineKind: r.deadline_kind as DeadlineKind, deadlineDate: r.deadline_date,
    isCompleted: r.is_completed === 1, isClosed: r.is_closed === 1, isLongTerm: r.is_long_term === 1,
    responsiblePerson: r.responsible_person, latestProgress: r.latest_progress, updatedAt: r.updated_at, version: r.version,
  }));
}

/** A page of the ledger within the reader's scope, with the total matching the filters. */
export async function findLedgerPage(db: Conn, dialect: Dialect, f: LedgerFilter): Promise<{ rows: LedgerRow[]; total: number }> {
  if (f.scopePaths && f.scopePaths.length === 0) return { rows: [], total: 0 };
  const pageSize = f.exportLimit ?? Math.min(Math.max(f.pageSize ?? 20, 1), 200);
  const page = f.exportLimit ? 1 : Math.max(f.page ?? 1, 1);
  const search = await searchMethod(db, f);
  if (search === 'scan') {
    // One pass over the subtree's text: every match in order (at most the subtree's size), the page cut from it.
    const all = await pageIds(db, dialect, f, search, 0, SCAN_TEXT_UP_TO, 0);
    return { total: all.length, rows: await rowsByIds(db, all.slice((page - 1) * pageSize, page * pageSize)) };
  }
  const { n } = (await db.executeQuery(ledgerCountQuery(db, dialect, f, search))).rows[0]!;
  const total = Number(n);
  const ids = total === 0 ? [] : await pageIds(db, dialect, f, search, total, pageSize, (page - 1) * pageSize);
  return { total, rows: await rowsByIds(db, ids) };
}
