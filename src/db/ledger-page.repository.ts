/**
 * The ledger's filtered page, shaped for large ledgers (100,000 assignments): filters run on assignments alone, the
 * org subtree as a subquery of unit ids (so the (org_unit_id, schedule_status) index serves a city's share instead
 * of every assignment being tested by its unit's path), the count needs no join, the sort joins only what it orders
 * by and yields just the page's ids, and only those rows are read in full. A large unfiltered ledger in task order is
 * read task by task and stops at the page instead of being sorted whole. Chinese search goes through the trigram
 * index (FTS5 / pg_trgm) when the searched subtree is large, and tests the text of the subtree's rows when it is small (a
 * common phrase matches tens of thousands of rows nationally; a city's or province's few thousand rows are quicker
 * to read than that index answer).
 */
import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Conn, Dialect } from './database.js';
import type { Database } from './schema.js';
import { WARNING_RANK } from './ledger-sort.js';
import type { LedgerFilter } from './assignments.repository.js';
import type { LedgerRow } from '../core/api/assignments.js';
import type { DeadlineKind, ScheduleStatus, WarningColor } from '../core/schedule.js';
import { countAssignmentsUnder, scopeRootIds, UNCATEGORIZED } from './dashboard.repository.js';

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
  if (!f.q || [...f.q.trim()].length < 3) return 'index';
  const roots = f.orgPath ? scopeRootIds([f.orgPath]) : f.scopePaths ? scopeRootIds(f.scopePaths) : [];
  if (roots.length === 0) return 'index';
  return (await countAssignmentsUnder(db, roots)) <= SCAN_TEXT_UP_TO ? 'scan' : 'index';
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
    const text = f.q?.trim();
    if (text) {
      if (dialect === 'sqlite' && [...text].length >= 3 && search === 'index') {
        const phrase = `"${text.replace(/"/g, '""')}"`;
        c.push(sql<SqlBool>`a.id IN (SELECT rowid FROM assignments_fts WHERE assignments_fts MATCH ${phrase})`);
      } else if (dialect === 'postgres' && search === 'scan') {
        // Not ILIKE, which PostgreSQL would answer from the trigram index over the whole table: test each row of the subtree.
        c.push(sql<SqlBool>`strpos(lower(a.search_text), lower(${text})) > 0`);
      } else {
        const pattern = `%${escapeLike(text)}%`;
        c.push(dialect === 'postgres' ? sql<SqlBool>`a.search_text ILIKE ${pattern} ESCAPE '\\'` : sql<SqlBool>`a.search_text LIKE ${pattern} ESCAPE '\\'`);
      }
    }
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
  const where = conditions(db, dialect, f, search);
  const base = db.selectFrom('assignments as a').where(where);
  const withOrg = () => base.innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('org_units as o', 'o.id', 'a.org_unit_id').select('a.id');
  const q = (() => {
    switch (f.sort ?? 'code') {
      // Ties by id in the same direction, so one index (deadline_date, id) / (updated_at, id) read either way serves it.
      case 'deadline': return base.select('a.id').orderBy('a.deadline_date', dir).orderBy('a.id', dir);
      case 'updated': return base.select('a.id').orderBy('a.updated_at', dir).orderBy('a.id', dir);
      case 'warning': return base.select('a.id').orderBy(sql.raw(WARNING_RANK), dir).orderBy('a.id', dir);
      case 'org': return withOrg().orderBy('o.path', dir).orderBy('t.sort_order').orderBy('a.id');
      case 'code': {
        // A task's plan id orders like the plan's (t.plan_id = p.id), without joining plans.
        const ordered = total > SORT_ALL_UP_TO
          // Tasks first, in index order (tasks_plan_order): SQLite reads assignments task by task and stops at the page.
          ? db.selectFrom('tasks as t').crossJoin('assignments as a').innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
            .whereRef('a.task_id', '=', 't.id').where(where).select('a.id')
          : withOrg();
        return ordered.orderBy('t.plan_id', dir).orderBy('t.sort_order', dir).orderBy('o.path').orderBy('a.id');
      }
    }
  })();
  const sortIndex = f.sort === 'deadline' || f.sort === 'updated' || f.sort === 'warning' ? SORT_INDEXES[f.sort] : undefined;
  if (dialect === 'sqlite' && sortIndex && total > SORT_ALL_UP_TO && sortIndexes.has(sortIndex)) {
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

/** The index each column sort reads on SQLite (migration 015); PostgreSQL's planner picks them itself (the plan tests check). */
const SORT_INDEXES = { deadline: 'assignments_deadline_sort', updated: 'assignments_updated_sort', warning: 'assignments_warning_sort' } as const;

async function rowsByIds(db: Conn, ids: readonly number[]): Promise<LedgerRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('inspections as i', 'i.id', 'p.inspection_id')
    .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .select([
      'a.id', 'a.task_id', 't.code', 't.number', 't.problem', 't.category', 'a.org_unit_id', 'o.name as org_name',
      'p.inspection_id', 'i.name as inspection_name', 'a.status_text', 'a.schedule_status', 'a.warning', 'a.warning_reason',
      'a.deadline_kind', 'a.deadline_date', 'a.is_completed', 'a.is_closed', 'a.is_long_term', 'a.responsible_person',
      'a.latest_progress', 'a.updated_at', 'a.version',
    ])
    .where('a.id', 'in', [...ids]).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!).map((r) => ({
    id: r.id, taskId: r.task_id, taskCode: r.code, taskNumber: r.number, problem: r.problem, category: r.category,
    orgUnitId: r.org_unit_id, orgUnitName: r.org_name, inspectionId: r.inspection_id, inspectionName: r.inspection_name,
    statusText: r.status_text, scheduleStatus: r.schedule_status as ScheduleStatus | null, warning: r.warning as WarningColor | null,
    warningReason: r.warning_reason, deadlineKind: r.deadline_kind as DeadlineKind, deadlineDate: r.deadline_date,
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
  const { n } = await db.selectFrom('assignments as a').where(conditions(db, dialect, f, search)).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  const ids = total === 0 ? [] : await pageIds(db, dialect, f, search, total, pageSize, (page - 1) * pageSize);
  return { total, rows: await rowsByIds(db, ids) };
}
