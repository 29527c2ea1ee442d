/**
 * The whole ledger schema. Written with Kysely's schema builder so it runs on SQLite and PostgreSQL; the few
 * dialect-specific pieces (search indexes) are in 002-search.ts.
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

export function initialMigration(dialect: Dialect) {
  const real = dialect === 'postgres' ? 'double precision' : 'real';

  /** Creates a table with an integer id and lets the caller add the rest. */
  function table(db: Db, name: string, build: (t: CreateTableBuilder<string, 'id'>) => CreateTableBuilder<string, string>) {
    let t = db.schema.createTable(name) as CreateTableBuilder<string, 'id'>;
    t = dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
    return build(t).execute();
  }
  const stamps = <T extends string>(t: CreateTableBuilder<string, T>) =>
    t.addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));

  return {
    async up(db: Db): Promise<void> {
      await table(db, 'org_units', (t) => stamps(t
        .addColumn('parent_id', 'integer', (c) => c.references('org_units.id'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))));
      await db.schema.createIndex('org_units_path').on('org_units').column('path').execute();
      await db.schema.createIndex('org_units_parent').on('org_units').column('parent_id').execute();

      await table(db, 'users', (t) => stamps(t
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')));
      await table(db, 'memberships', (t) => t
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
        .addColumn('role', 'text', (c) => c.notNull()));
      await db.schema.createIndex('memberships_unique').on('memberships').columns(['user_id', 'org_unit_id', 'role']).unique().execute();
      await table(db, 'inspections', (t) => stamps(t
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('round', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target_org_id', 'integer', (c) => c.references('org_units.id'))
        .addColumn('stationed_from', 'text')
        .addColumn('stationed_to', 'text')
        .addColumn('feedback_date', 'text')));

      await table(db, 'plans', (t) => stamps(t
        .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
        .addColumn('owner_org_id', 'integer', (c) => c.notNull().references('org_units.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('issued_date', 'text')
        .addColumn('due_date', 'text')));
      await db.schema.createIndex('plans_inspection').on('plans').columns(['inspection_id', 'owner_org_id']).execute();

      await table(db, 'tasks', (t) => stamps(t
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('number', 'integer')
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('problem', 'text', (c) => c.notNull())
        .addColumn('goal', 'text')
        .addColumn('category', 'text')
        .addColumn('deadline_kind', 'text', (c) => c.notNull().defaultTo('unknown'))
        .addColumn('deadline_date', 'text')
        .addColumn('deadline_text', 'text')
        .addColumn('lead_unit', 'text')
        .addColumn('responsible_units', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('responsible_person', 'text')
        .addColumn('supervising_unit', 'text')
        .addColumn('accepting_unit', 'text')));
      await db.schema.createIndex('tasks_plan_code').on('tasks').columns(['plan_id', 'code']).unique().execute();

      await table(db, 'assignments', (t) => stamps(t
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
        .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
        .addColumn('parent_id', 'integer', (c) => c.references('assignments.id'))
        .addColumn('status_text', 'text')
        .addColumn('status_code', 'text')
        .addColumn('is_completed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('is_closed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('is_long_term', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('completed_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('deadline_kind', 'text', (c) => c.notNull().defaultTo('unknown'))
        .addColumn('deadline_date', 'text')
        .addColumn('responsible_person', 'text')
        .addColumn('schedule_status', 'text')
        .addColumn('warning', 'text')
        .addColumn('warning_reason', 'text')
        .addColumn('override_status', 'text')
        .addColumn('override_reason', 'text')
        .addColumn('override_by', 'integer', (c) => c.references('users.id'))
        .addColumn('override_at', 'text')
        .addColumn('latest_progress', 'text')
        .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))));
      await db.schema.createIndex('assignments_task_org').on('assignments').columns(['task_id', 'org_unit_id']).unique().execute();
      await db.schema.createIndex('assignments_org_status').on('assignments').columns(['org_unit_id', 'schedule_status']).execute();
      await db.schema.createIndex('assignments_parent').on('assignments').column('parent_id').execute();
      await db.schema.createIndex('assignments_deadline').on('assignments').column('deadline_date').execute();

      await table(db, 'measures', (t) => stamps(t
        .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id'))
        .addColumn('ordinal', 'integer')
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('responsible_unit', 'text')
        .addColumn('due_date', 'text')
        .addColumn('done_date', 'text')));
      await db.schema.createIndex('measures_assignment').on('measures').column('assignment_id').execute();

      await table(db, 'milestones', (t) => stamps(t
        .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id'))
        .addColumn('measure_id', 'integer', (c) => c.references('measures.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('done_date', 'text')
        .addColumn('weight', real, (c) => c.notNull().defaultTo(1))));
      await db.schema.createIndex('milestones_assignment').on('milestones').column('assignment_id').execute();

      await table(db, 'indicators', (t) => stamps(t
        .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('unit', 'text')
        .addColumn('baseline', real)
        .addColumn('baseline_date', 'text')
        .addColumn('target', real, (c) => c.notNull())
        .addColumn('target_date', 'text')
        .addColumn('comparator', 'text', (c) => c.notNull().defaultTo('>='))));
      await db.schema.createIndex('indicators_assignment').on('indicators').column('assignment_id').execute();

      await table(db, 'reporting_rounds', (t) => stamps(t
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('cycle', 'text', (c) => c.notNull())
        .addColumn('period_start', 'text', (c) => c.notNull())
        .addColumn('period_end', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('scope_org_id', 'integer', (c) => c.notNull().references('org_units.id'))
        .addColumn('inspection_id', 'integer', (c) => c.references('inspections.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('opened_by', 'integer', (c) => c.references('users.id'))));

      await table(db, 'imports', (t) => t
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
        .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('as_of', 'text')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('imported_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull()));

      await table(db, 'progress_reports', (t) => stamps(t
        .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id'))
        .addColumn('round_id', 'integer', (c) => c.references('reporting_rounds.id'))
        .addColumn('period_label', 'text')
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addColumn('progress', 'text')
        .addColumn('problems', 'text')
        .addColumn('next_steps', 'text')
        .addColumn('status_text', 'text')
        .addColumn('status_code', 'text')
        .addColumn('measures_snapshot', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('import_id', 'integer', (c) => c.references('imports.id'))
        .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
        .addColumn('submitted_at', 'text')
        .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
        .addColumn('reviewed_at', 'text')
        .addColumn('review_comment', 'text')));
      await db.schema.createIndex('progress_reports_assignment').on('progress_reports').columns(['assignment_id', 'as_of']).execute();
      await db.schema.createIndex('progress_reports_round').on('progress_reports').columns(['round_id', 'state']).execute();

      await table(db, 'indicator_values', (t) => t
        .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id'))
        .addColumn('value', real, (c) => c.notNull())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addColumn('progress_report_id', 'integer', (c) => c.references('progress_reports.id'))
        .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull()));
      await db.schema.createIndex('indicator_values_indicator').on('indicator_values').columns(['indicator_id', 'as_of']).execute();

      await table(db, 'evidence_files', (t) => t
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('original_name', 'text', (c) => c.notNull())
        .addColumn('owner_type', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'integer', (c) => c.notNull())
        .addColumn('org_unit_id', 'integer', (c) => c.references('org_units.id'))
        .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
        .addColumn('uploaded_at', 'text', (c) => c.notNull()));
      await db.schema.createIndex('evidence_owner').on('evidence_files').columns(['owner_type', 'owner_id']).execute();
      await db.schema.createIndex('evidence_sha').on('evidence_files').column('sha256').execute();

      await table(db, 'documents', (t) => t
        .addColumn('title', 'text')
        .addColumn('number', 'text')
        .addColumn('issuer', 'text')
        .addColumn('issued_date', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull()));
      await db.schema.createIndex('documents_title').on('documents').column('title').execute();
      await db.schema.createIndex('documents_number').on('documents').column('number').execute();
      await table(db, 'document_refs', (t) => t
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
        .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id')));
      await db.schema.createIndex('document_refs_unique').on('document_refs').columns(['assignment_id', 'document_id']).unique().execute();

      await table(db, 'published_reports', (t) => t
        .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
        .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('as_of', 'text')
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('import_id', 'integer', (c) => c.references('imports.id'))
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('published_by', 'integer', (c) => c.references('users.id')));

      await table(db, 'closures', (t) => stamps(t
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('notice_start', 'text')
        .addColumn('notice_end', 'text')
        .addColumn('long_term_mechanism', 'text')
        .addColumn('reopened_from_id', 'integer', (c) => c.references('closures.id'))));
      await db.schema.createIndex('closures_subject').on('closures').columns(['subject_type', 'subject_id']).execute();
      await table(db, 'closure_steps', (t) => t
        .addColumn('closure_id', 'integer', (c) => c.notNull().references('closures.id'))
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('decision', 'text')
        .addColumn('comment', 'text')
        .addColumn('evidence_snapshot', 'text', (c) => c.notNull().defaultTo('[]')));
      await db.schema.createIndex('closure_steps_closure').on('closure_steps').column('closure_id').execute();
      await table(db, 'objections', (t) => t
        .addColumn('closure_id', 'integer', (c) => c.notNull().references('closures.id'))
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('answer', 'text')
        .addColumn('answered_at', 'text')
        .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
        .addColumn('upheld', 'integer'));

      await table(db, 'complaint_batches', (t) => t
        .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
        .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
        .addColumn('batch_no', 'text', (c) => c.notNull())
        .addColumn('handed_over_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull()));
      await db.schema.createIndex('complaint_batches_unique').on('complaint_batches').columns(['inspection_id', 'org_unit_id', 'batch_no']).unique().execute();
      await table(db, 'complaint_cases', (t) => stamps(t
        .addColumn('batch_id', 'integer', (c) => c.notNull().references('complaint_batches.id'))
        .addColumn('case_no', 'text', (c) => c.notNull())
        .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
        .addColumn('region_text', 'text')
        .addColumn('target_name', 'text')
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('pollution_type', 'text')
        .addColumn('source', 'text')
        .addColumn('is_key', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('complainant_name_enc', 'text')
        .addColumn('complainant_contact_enc', 'text')
        .addColumn('deadline', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('verified', 'text')
        .addColumn('handling', 'text')
        .addColumn('stage_plan', 'text')
        .addColumn('stage_due', 'text')
        .addColumn('repeat_of_case_id', 'integer', (c) => c.references('complaint_cases.id'))
        .addColumn('is_published', 'integer', (c) => c.notNull().defaultTo(0))));
      await db.schema.createIndex('complaint_cases_no').on('complaint_cases').columns(['batch_id', 'case_no']).unique().execute();
      await db.schema.createIndex('complaint_cases_org_state').on('complaint_cases').columns(['org_unit_id', 'state', 'deadline']).execute();
      await table(db, 'case_penalties', (t) => t
        .addColumn('case_id', 'integer', (c) => c.notNull().references('complaint_cases.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount', real)
        .addColumn('persons', 'text')
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull()));
      await db.schema.createIndex('case_penalties_case').on('case_penalties').column('case_id').execute();
      await table(db, 'supervision_listings', (t) => t
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'integer', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('leader', 'text')
        .addColumn('measures', 'text')
        .addColumn('deadline', 'text')
        .addColumn('listed_at', 'text', (c) => c.notNull())
        .addColumn('listed_by', 'integer', (c) => c.references('users.id'))
        .addColumn('delisted_at', 'text')
        .addColumn('delisted_by', 'integer', (c) => c.references('users.id'))
        .addColumn('delist_decision', 'text'));
      await db.schema.createIndex('supervision_subject').on('supervision_listings').columns(['subject_type', 'subject_id']).execute();
      await table(db, 'revisit_draws', (t) => t
        .addColumn('quarter', 'text', (c) => c.notNull())
        .addColumn('scope_org_id', 'integer', (c) => c.notNull().references('org_units.id'))
        .addColumn('seed', 'text', (c) => c.notNull())
        .addColumn('share', real, (c) => c.notNull())
        .addColumn('drawn_at', 'text', (c) => c.notNull())
        .addColumn('drawn_by', 'integer', (c) => c.references('users.id')));
      await table(db, 'revisits', (t) => t
        .addColumn('draw_id', 'integer', (c) => c.notNull().references('revisit_draws.id'))
        .addColumn('case_id', 'integer', (c) => c.notNull().references('complaint_cases.id'))
        .addColumn('visited_at', 'text')
        .addColumn('method', 'text')
        .addColumn('finding', 'text')
        .addColumn('satisfaction', 'text')
        .addColumn('relapsed', 'integer'));
      await table(db, 'accountability_records', (t) => t
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'integer', (c) => c.notNull())
        .addColumn('persons', 'text', (c) => c.notNull())
        .addColumn('units', 'text')
        .addColumn('measures', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('document', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull()));

      await db.schema.createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await table(db, 'api_tokens', (t) => t
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text'));

      await table(db, 'audit_events', (t) => t
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('assignment_id', 'integer')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull()));
      await db.schema.createIndex('audit_assignment').on('audit_events').columns(['assignment_id', 'id']).execute();
      await db.schema.createIndex('audit_entity').on('audit_events').columns(['entity_type', 'entity_id']).execute();

      await table(db, 'jobs', (t) => t
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('run_at', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_by', 'text')
        .addColumn('locked_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('error', 'text')
        .addColumn('dedupe_key', 'text', (c) => c.unique()));
      await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute();
      await table(db, 'notifications', (t) => t
        .addColumn('user_id', 'integer', (c) => c.references('users.id'))
        .addColumn('org_unit_id', 'integer', (c) => c.references('org_units.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique()));
      await table(db, 'outbox', (t) => t
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addColumn('error', 'text')
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique()));
      await db.schema.createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Append-only audit trail, enforced by the database as well as by the code.
      if (dialect === 'sqlite') {
        await sql`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
        await sql`CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
      } else {
        await sql`CREATE FUNCTION audit_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$ LANGUAGE plpgsql`.execute(db);
        await sql`CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_append_only()`.execute(db);
      }
    },
    async down(db: Db): Promise<void> {
      const tables = ['settings', 'outbox', 'notifications', 'jobs', 'audit_events', 'api_tokens', 'sessions', 'memberships',
        'accountability_records', 'revisits', 'revisit_draws', 'supervision_listings', 'case_penalties', 'complaint_cases',
        'complaint_batches', 'objections', 'closure_steps', 'closures', 'published_reports', 'document_refs', 'documents',
        'evidence_files', 'indicator_values', 'progress_reports', 'imports', 'reporting_rounds', 'indicators', 'milestones',
        'measures', 'assignments', 'tasks', 'plans', 'inspections', 'users', 'org_units'];
      for (const name of tables) await db.schema.dropTable(name).ifExists().execute();
      if (dialect === 'postgres') await sql`DROP FUNCTION IF EXISTS audit_append_only()`.execute(db);
    },
  };
}
