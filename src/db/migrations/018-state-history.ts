/**
 * Time that can be replayed (issue #17): an append-only history of what the ledger shows of each assignment — its
 * task's texts, its status, warning, completion, progress text, measures and cited documents — one row per recorded
 * change, valid from the moment it was recorded (or from the date of the published report it was imported from).
 * Reads with an as-of date take each assignment's latest row valid by the end of that day; an assignment with no such
 * row did not exist yet. Existing data is backfilled: the state now, valid from the assignment's creation.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

export function stateHistoryMigration(dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      let t = db.schema.createTable('assignment_states');
      t = dialect === 'postgres'
        ? t.addColumn('id', 'serial', (c) => c.primaryKey())
        : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
      await t
        .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('task_id', 'integer', (c) => c.notNull())
        .addColumn('org_unit_id', 'integer', (c) => c.notNull())
        .addColumn('parent_id', 'integer')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('number', 'integer')
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('problem', 'text', (c) => c.notNull())
        .addColumn('goal', 'text')
        .addColumn('category', 'text')
        .addColumn('deadline_text', 'text')
        .addColumn('responsible_units', 'text', (c) => c.notNull())
        .addColumn('status_text', 'text')
        .addColumn('status_code', 'text')
        .addColumn('is_completed', 'integer', (c) => c.notNull())
        .addColumn('is_closed', 'integer', (c) => c.notNull())
        .addColumn('is_long_term', 'integer', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('deadline_kind', 'text', (c) => c.notNull())
        .addColumn('deadline_date', 'text')
        .addColumn('responsible_person', 'text')
        .addColumn('schedule_status', 'text')
        .addColumn('warning', 'text')
        .addColumn('warning_reason', 'text')
        .addColumn('latest_progress', 'text')
        .addColumn('measures', 'text', (c) => c.notNull())
        .addColumn('documents', 'text', (c) => c.notNull())
        .execute();
      // The latest row of an assignment valid at a moment: one index range per assignment.
      await db.schema.createIndex('assignment_states_at').on('assignment_states').columns(['assignment_id', 'valid_from', 'id']).execute();
      await db.schema.createIndex('assignment_states_org').on('assignment_states').columns(['org_unit_id']).execute();
      // Backfill: every assignment's state now, valid from its creation, so databases from before this migration
      // answer as-of reads (with today's state for every date since the assignment was created).
      await backfillAssignmentStates(db, dialect);
    },
    async down(db: Db): Promise<void> {
      await db.schema.dropTable('assignment_states').execute();
    },
  };
}

/**
 * Inserts the current state of every assignment that has no history yet, valid from its creation (the migration's
 * backfill; also run after bulk loads that write assignments without the repositories, like `seed-scale`).
 */
export async function backfillAssignmentStates<DB>(db: Kysely<DB>, dialect: Dialect): Promise<void> {
  const measures = dialect === 'postgres'
    ? sql`COALESCE((SELECT json_agg(json_build_object('ordinal', m.ordinal, 'text', m.text, 'items', m.items::json, 'doneDate', m.done_date) ORDER BY m.sort_order, m.id)::text FROM measures m WHERE m.assignment_id = a.id), '[]')`
    : sql`COALESCE((SELECT json_group_array(json_object('ordinal', x.ordinal, 'text', x.text, 'items', json(x.items), 'doneDate', x.done_date)) FROM (SELECT * FROM measures m WHERE m.assignment_id = a.id ORDER BY m.sort_order, m.id) x), '[]')`;
  const documents = dialect === 'postgres'
    ? sql`COALESCE((SELECT json_agg(json_build_object('title', d.title, 'number', d.number) ORDER BY d.id)::text FROM document_refs r JOIN documents d ON d.id = r.document_id WHERE r.assignment_id = a.id), '[]')`
    : sql`COALESCE((SELECT json_group_array(json_object('title', x.title, 'number', x.number)) FROM (SELECT d.title, d.number FROM document_refs r JOIN documents d ON d.id = r.document_id WHERE r.assignment_id = a.id ORDER BY d.id) x), '[]')`;
  // The fingerprint of a backfilled row matches no recorded one: the next recorded change always appends.
  await sql`INSERT INTO assignment_states (assignment_id, valid_from, recorded_at, fingerprint, task_id, org_unit_id, parent_id, code, number,
      sort_order, problem, goal, category, deadline_text, responsible_units, status_text, status_code, is_completed, is_closed, is_long_term,
      completed_at, closed_at, deadline_kind, deadline_date, responsible_person, schedule_status, warning, warning_reason, latest_progress,
      measures, documents)
    SELECT a.id, a.created_at, a.created_at, 'backfill', a.task_id, a.org_unit_id, a.parent_id, t.code, t.number, t.sort_order, t.problem,
      t.goal, t.category, t.deadline_text, t.responsible_units, a.status_text, a.status_code, a.is_completed, a.is_closed, a.is_long_term,
      a.completed_at, a.closed_at, a.deadline_kind, a.deadline_date, a.responsible_person, a.schedule_status, a.warning, a.warning_reason,
      a.latest_progress, ${measures}, ${documents}
    FROM assignments a JOIN tasks t ON t.id = a.task_id
    WHERE NOT EXISTS (SELECT 1 FROM assignment_states s WHERE s.assignment_id = a.id)`.execute(db);
}
