/**
 * The ledger's default order (by task code) and its order by unit served by an index on both databases (issue #20).
 * Both orders span three tables (the task's plan and place in it, the unit's path), so no index could serve them and
 * a province's page sorted every match, or walked every task of the country in plan order. Each assignment now
 * carries its sort keys, kept by triggers in the same transaction as any change that moves them:
 * - `task_plan_id`, `task_sort_order`: its task's plan and place (set on insert and when the assignment's task
 *   changes; changed with the task's plan or sort order);
 * - `org_path`: its unit's path (set on insert and when the assignment's unit changes; units are never moved, but a
 *   changed path is followed too). On PostgreSQL in the "C" collation: byte order, as on SQLite, so a subtree is
 *   one range of it whatever the database's locale.
 * and two indexes read in order and stopped at the page, with what the ledger filters on:
 * - `assignments_code_sort` (task_plan_id, task_sort_order, org_path, id, …);
 * - `assignments_org_sort` (org_path, task_plan_id, task_sort_order, id, …): a subtree is one range of it.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

const FILTERED = 'org_unit_id, schedule_status, warning';

/** The statements that give the assignment `row` its sort keys (SQLite: an UPDATE after the fact). */
const SET_KEYS = `task_plan_id = (SELECT t.plan_id FROM tasks t WHERE t.id = assignments.task_id),
  task_sort_order = (SELECT t.sort_order FROM tasks t WHERE t.id = assignments.task_id),
  org_path = (SELECT o.path FROM org_units o WHERE o.id = assignments.org_unit_id)`;

export function ledgerOrderMigration(dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      await sql`ALTER TABLE assignments ADD COLUMN task_plan_id integer`.execute(db);
      await sql`ALTER TABLE assignments ADD COLUMN task_sort_order integer`.execute(db);
      await sql.raw(`ALTER TABLE assignments ADD COLUMN org_path text${dialect === 'postgres' ? ' COLLATE "C"' : ''}`).execute(db);
      await sql.raw(`UPDATE assignments SET ${SET_KEYS}`).execute(db);
      if (dialect === 'sqlite') {
        await sql.raw(`CREATE TRIGGER assignments_sort_keys_ai AFTER INSERT ON assignments BEGIN
          UPDATE assignments SET ${SET_KEYS} WHERE id = NEW.id; END`).execute(db);
        await sql.raw(`CREATE TRIGGER assignments_sort_keys_au AFTER UPDATE OF task_id, org_unit_id ON assignments BEGIN
          UPDATE assignments SET ${SET_KEYS} WHERE id = NEW.id; END`).execute(db);
        await sql.raw(`CREATE TRIGGER tasks_sort_keys_au AFTER UPDATE OF plan_id, sort_order ON tasks BEGIN
          UPDATE assignments SET task_plan_id = NEW.plan_id, task_sort_order = NEW.sort_order WHERE task_id = NEW.id; END`).execute(db);
        await sql.raw(`CREATE TRIGGER org_units_sort_keys_au AFTER UPDATE OF path ON org_units BEGIN
          UPDATE assignments SET org_path = NEW.path WHERE org_unit_id = NEW.id; END`).execute(db);
      } else {
        await sql.raw(`CREATE FUNCTION assignments_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
          SELECT t.plan_id, t.sort_order INTO NEW.task_plan_id, NEW.task_sort_order FROM tasks t WHERE t.id = NEW.task_id;
          SELECT o.path INTO NEW.org_path FROM org_units o WHERE o.id = NEW.org_unit_id;
          RETURN NEW; END $$`).execute(db);
        await sql.raw(`CREATE TRIGGER assignments_sort_keys BEFORE INSERT OR UPDATE OF task_id, org_unit_id ON assignments
          FOR EACH ROW EXECUTE FUNCTION assignments_sort_keys()`).execute(db);
        await sql.raw(`CREATE FUNCTION tasks_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
          UPDATE assignments SET task_plan_id = NEW.plan_id, task_sort_order = NEW.sort_order WHERE task_id = NEW.id; RETURN NULL; END $$`).execute(db);
        await sql.raw(`CREATE TRIGGER tasks_sort_keys AFTER UPDATE OF plan_id, sort_order ON tasks FOR EACH ROW
          WHEN (OLD.plan_id IS DISTINCT FROM NEW.plan_id OR OLD.sort_order IS DISTINCT FROM NEW.sort_order) EXECUTE FUNCTION tasks_sort_keys()`).execute(db);
        await sql.raw(`CREATE FUNCTION org_units_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
          UPDATE assignments SET org_path = NEW.path WHERE org_unit_id = NEW.id; RETURN NULL; END $$`).execute(db);
        await sql.raw(`CREATE TRIGGER org_units_sort_keys AFTER UPDATE OF path ON org_units FOR EACH ROW
          WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION org_units_sort_keys()`).execute(db);
      }
      await sql.raw(`CREATE INDEX assignments_code_sort ON assignments (task_plan_id, task_sort_order, org_path, id, ${FILTERED})`).execute(db);
      await sql.raw(`CREATE INDEX assignments_org_sort ON assignments (org_path, task_plan_id, task_sort_order, id, ${FILTERED})`).execute(db);
    },
    async down(db: Db): Promise<void> {
      for (const name of ['assignments_org_sort', 'assignments_code_sort']) await sql.raw(`DROP INDEX IF EXISTS ${name}`).execute(db);
      if (dialect === 'sqlite') {
        for (const t of ['assignments_sort_keys_ai', 'assignments_sort_keys_au', 'tasks_sort_keys_au', 'org_units_sort_keys_au']) await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
      } else {
        await sql.raw('DROP TRIGGER IF EXISTS assignments_sort_keys ON assignments').execute(db);
        await sql.raw('DROP TRIGGER IF EXISTS tasks_sort_keys ON tasks').execute(db);
        await sql.raw('DROP TRIGGER IF EXISTS org_units_sort_keys ON org_units').execute(db);
        for (const f of ['assignments_sort_keys', 'tasks_sort_keys', 'org_units_sort_keys']) await sql.raw(`DROP FUNCTION IF EXISTS ${f}()`).execute(db);
      }
      for (const c of ['org_path', 'task_sort_order', 'task_plan_id']) await sql.raw(`ALTER TABLE assignments DROP COLUMN ${c}`).execute(db);
    },
  };
}
