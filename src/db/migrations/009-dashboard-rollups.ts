/**
 * Dashboard roll-ups: counts of assignments per org unit *and everything below it*, kept by triggers in the same
 * transaction as the change, so the dashboard of a province or of the whole country reads a few hundred rows instead
 * of scanning every assignment.
 *
 * - `org_ancestors` (unit, ancestor-or-self), filled by a trigger when a unit is inserted (units are never moved);
 * - `rollup_status`: by schedule status, warning and completion — totals, status and warning breakdowns, units' bars;
 * - `rollup_task`: by task and completion — the category breakdown (joined to tasks, so renaming a category needs nothing);
 * - `rollup_completed`: completions by month — the cumulative completion line;
 * - `rollup_due`: open assignments by deadline — "due soon".
 * Each assignment insert, delete or change of those columns moves its counts at every ancestor. Rows that fall to
 * zero stay (readers ignore them). On PostgreSQL the trigger first takes the audit trail's transaction lock, which
 * every write takes anyway, so two transactions never lock roll-up rows in opposite orders.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { AUDIT_LOCK_KEY } from '../audit.repository.js';

type Db = Kysely<unknown>;

const TABLES = `
  CREATE TABLE org_ancestors (unit_id integer NOT NULL, ancestor_id integer NOT NULL, PRIMARY KEY (unit_id, ancestor_id));
  CREATE INDEX org_ancestors_ancestor ON org_ancestors (ancestor_id);
  CREATE TABLE rollup_status (org_unit_id integer NOT NULL, schedule_status text NOT NULL, warning text NOT NULL, is_completed integer NOT NULL, n integer NOT NULL,
    PRIMARY KEY (org_unit_id, schedule_status, warning, is_completed));
  CREATE TABLE rollup_task (org_unit_id integer NOT NULL, task_id integer NOT NULL, is_completed integer NOT NULL, n integer NOT NULL,
    PRIMARY KEY (org_unit_id, task_id, is_completed));
  CREATE TABLE rollup_completed (org_unit_id integer NOT NULL, month text NOT NULL, n integer NOT NULL, PRIMARY KEY (org_unit_id, month));
  CREATE TABLE rollup_due (org_unit_id integer NOT NULL, deadline_date text NOT NULL, n integer NOT NULL, PRIMARY KEY (org_unit_id, deadline_date));
`;

/** The statements that add (delta 1) or remove (delta -1) one assignment row's counts at each of its ancestors. */
function moveCounts(row: 'NEW' | 'OLD', delta: 1 | -1): string {
  const from = `FROM org_ancestors x WHERE x.unit_id = ${row}.org_unit_id`;
  const upsert = (table: string, keys: string[]) => `ON CONFLICT (org_unit_id, ${keys.join(', ')}) DO UPDATE SET n = ${table}.n + excluded.n`;
  return `
    INSERT INTO rollup_status (org_unit_id, schedule_status, warning, is_completed, n)
      SELECT x.ancestor_id, COALESCE(${row}.schedule_status, ''), COALESCE(${row}.warning, ''), ${row}.is_completed, ${delta} ${from} ORDER BY x.ancestor_id
      ${upsert('rollup_status', ['schedule_status', 'warning', 'is_completed'])};
    INSERT INTO rollup_task (org_unit_id, task_id, is_completed, n)
      SELECT x.ancestor_id, ${row}.task_id, ${row}.is_completed, ${delta} ${from} ORDER BY x.ancestor_id
      ${upsert('rollup_task', ['task_id', 'is_completed'])};
    INSERT INTO rollup_completed (org_unit_id, month, n)
      SELECT x.ancestor_id, SUBSTR(${row}.completed_at, 1, 7), ${delta} ${from} AND ${row}.completed_at IS NOT NULL ORDER BY x.ancestor_id
      ${upsert('rollup_completed', ['month'])};
    INSERT INTO rollup_due (org_unit_id, deadline_date, n)
      SELECT x.ancestor_id, ${row}.deadline_date, ${delta} ${from} AND ${row}.is_completed = 0 AND ${row}.deadline_date IS NOT NULL ORDER BY x.ancestor_id
      ${upsert('rollup_due', ['deadline_date'])};`;
}

const COUNTED = ['org_unit_id', 'task_id', 'schedule_status', 'warning', 'is_completed', 'completed_at', 'deadline_date'];
const changed = COUNTED.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');

function statements(text: string): string[] {
  return text.split(/;\s*\n/).map((s) => s.trim().replace(/;$/, '')).filter(Boolean);
}

/** Fills org_ancestors and the roll-ups from the tables as they are (the migration, and after bulk repairs). */
export async function rebuildRollups(db: Kysely<unknown>): Promise<void> {
  for (const table of ['rollup_status', 'rollup_task', 'rollup_completed', 'rollup_due', 'org_ancestors']) await sql`DELETE FROM ${sql.table(table)}`.execute(db);
  // Ancestors from each unit's path (/1/5/23/): every id in it.
  const units = await sql<{ id: number; path: string }>`SELECT id, path FROM org_units`.execute(db);
  const pairs = units.rows.flatMap((u) => u.path.split('/').filter(Boolean).map(Number).map((a) => [u.id, a] as const));
  for (let i = 0; i < pairs.length; i += 500) {
    const chunk = pairs.slice(i, i + 500);
    await sql`INSERT INTO org_ancestors (unit_id, ancestor_id) VALUES ${sql.join(chunk.map(([u, a]) => sql`(${u}, ${a})`))}`.execute(db);
  }
  const from = sql`FROM assignments a JOIN org_ancestors x ON x.unit_id = a.org_unit_id`;
  await sql`INSERT INTO rollup_status (org_unit_id, schedule_status, warning, is_completed, n)
    SELECT x.ancestor_id, COALESCE(a.schedule_status, ''), COALESCE(a.warning, ''), a.is_completed, COUNT(*) ${from}
    GROUP BY x.ancestor_id, COALESCE(a.schedule_status, ''), COALESCE(a.warning, ''), a.is_completed`.execute(db);
  await sql`INSERT INTO rollup_task (org_unit_id, task_id, is_completed, n)
    SELECT x.ancestor_id, a.task_id, a.is_completed, COUNT(*) ${from} GROUP BY x.ancestor_id, a.task_id, a.is_completed`.execute(db);
  await sql`INSERT INTO rollup_completed (org_unit_id, month, n)
    SELECT x.ancestor_id, SUBSTR(a.completed_at, 1, 7), COUNT(*) ${from} WHERE a.completed_at IS NOT NULL GROUP BY x.ancestor_id, SUBSTR(a.completed_at, 1, 7)`.execute(db);
  await sql`INSERT INTO rollup_due (org_unit_id, deadline_date, n)
    SELECT x.ancestor_id, a.deadline_date, COUNT(*) ${from} WHERE a.is_completed = 0 AND a.deadline_date IS NOT NULL GROUP BY x.ancestor_id, a.deadline_date`.execute(db);
}

export function dashboardRollupsMigration(dialect: Dialect) {
  const sqlite = [
    `CREATE TRIGGER org_units_ancestors AFTER INSERT ON org_units BEGIN
       INSERT INTO org_ancestors (unit_id, ancestor_id) SELECT NEW.id, ancestor_id FROM org_ancestors WHERE unit_id = NEW.parent_id;
       INSERT INTO org_ancestors (unit_id, ancestor_id) VALUES (NEW.id, NEW.id);
     END`,
    `CREATE TRIGGER assignments_rollup_ai AFTER INSERT ON assignments BEGIN ${moveCounts('NEW', 1)} END`,
    `CREATE TRIGGER assignments_rollup_ad AFTER DELETE ON assignments BEGIN ${moveCounts('OLD', -1)} END`,
    `CREATE TRIGGER assignments_rollup_au AFTER UPDATE ON assignments WHEN ${changed.replace(/IS DISTINCT FROM/g, 'IS NOT')} BEGIN ${moveCounts('OLD', -1)} ${moveCounts('NEW', 1)} END`,
  ];
  const postgres = [
    `CREATE FUNCTION org_units_ancestors() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
       INSERT INTO org_ancestors (unit_id, ancestor_id) SELECT NEW.id, ancestor_id FROM org_ancestors WHERE unit_id = NEW.parent_id;
       INSERT INTO org_ancestors (unit_id, ancestor_id) VALUES (NEW.id, NEW.id);
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER org_units_ancestors AFTER INSERT ON org_units FOR EACH ROW EXECUTE FUNCTION org_units_ancestors()`,
    `CREATE FUNCTION assignments_rollup() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
       IF TG_OP = 'UPDATE' AND NOT (${changed}) THEN RETURN NULL; END IF;
       PERFORM pg_advisory_xact_lock(${AUDIT_LOCK_KEY});
       IF TG_OP IN ('UPDATE', 'DELETE') THEN ${moveCounts('OLD', -1)} END IF;
       IF TG_OP IN ('UPDATE', 'INSERT') THEN ${moveCounts('NEW', 1)} END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER assignments_rollup AFTER INSERT OR UPDATE OR DELETE ON assignments FOR EACH ROW EXECUTE FUNCTION assignments_rollup()`,
  ];
  return {
    async up(db: Db): Promise<void> {
      for (const s of statements(TABLES)) await sql.raw(s).execute(db);
      await rebuildRollups(db);
      for (const s of dialect === 'postgres' ? postgres : sqlite) await sql.raw(s).execute(db);
    },
    async down(db: Db): Promise<void> {
      if (dialect === 'postgres') {
        await sql.raw('DROP TRIGGER IF EXISTS assignments_rollup ON assignments').execute(db);
        await sql.raw('DROP TRIGGER IF EXISTS org_units_ancestors ON org_units').execute(db);
        await sql.raw('DROP FUNCTION IF EXISTS assignments_rollup()').execute(db);
        await sql.raw('DROP FUNCTION IF EXISTS org_units_ancestors()').execute(db);
      } else {
        for (const t of ['assignments_rollup_ai', 'assignments_rollup_ad', 'assignments_rollup_au', 'org_units_ancestors']) await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
      }
      for (const t of ['rollup_due', 'rollup_completed', 'rollup_task', 'rollup_status', 'org_ancestors']) await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
    },
  };
}
