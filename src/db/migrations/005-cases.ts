/**
 * Complaint cases beyond the initial tables: repeat detection (a normalized target key and why a case was linked),
 * handled/closed dates (the revisit population is "handled in the quarter"), batch publication as a stored snapshot,
 * the revisit draw's population (so a draw can be reproduced from its seed), who recorded revisits and
 * accountability, Chinese text search over cases, and the indexes the case ledger needs at national scale.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

async function addColumns(db: Db, table: string, columns: ReadonlyArray<readonly [string, 'text' | 'integer' | 'real']>, dialect: Dialect) {
  // SQLite takes one ADD COLUMN per statement.
  for (const [name, type] of columns) {
    await db.schema.alterTable(table).addColumn(name, type === 'real' && dialect === 'postgres' ? 'double precision' : type).execute();
  }
}

export function casesMigration(dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      await addColumns(db, 'complaint_cases', [
        ['target_key', 'text'], ['repeat_reason', 'text'], ['repeat_score', 'real'], ['done_at', 'text'], ['closed_at', 'text'],
      ], dialect);
      await addColumns(db, 'complaint_batches', [
        ['file_name', 'text'], ['imported_by', 'integer'], ['published_at', 'text'], ['published_by', 'integer'], ['published_table', 'text'],
      ], dialect);
      await db.schema.alterTable('revisit_draws').addColumn('population', 'text', (c) => c.notNull().defaultTo('[]')).execute();
      await addColumns(db, 'revisits', [['recorded_by', 'integer'], ['recorded_at', 'text']], dialect);
      await addColumns(db, 'accountability_records', [['created_by', 'integer']], dialect);

      // The ledger's index: unit, state and deadline answer its filters, and carrying the case number lets the default
      // sort run on the index too, without reading a row per match. It replaces 001's (org_unit_id, state, deadline).
      await db.schema.dropIndex('complaint_cases_org_state').execute();
      await db.schema.createIndex('complaint_cases_ledger').on('complaint_cases').columns(['org_unit_id', 'state', 'deadline', 'case_no']).execute();
      await db.schema.createIndex('complaint_cases_target_key').on('complaint_cases').columns(['target_key', 'id']).execute();
      await db.schema.createIndex('complaint_cases_repeat_of').on('complaint_cases').column('repeat_of_case_id').execute();
      await db.schema.createIndex('complaint_cases_org_done').on('complaint_cases').columns(['org_unit_id', 'done_at']).execute();
      await db.schema.createIndex('revisit_draws_quarter').on('revisit_draws').columns(['scope_org_id', 'quarter']).unique().execute();
      await db.schema.createIndex('revisits_draw').on('revisits').columns(['draw_id', 'case_id']).unique().execute();
      await db.schema.createIndex('revisits_case').on('revisits').column('case_id').execute();
      await db.schema.createIndex('accountability_subject').on('accountability_records').columns(['subject_type', 'subject_id']).execute();

      if (dialect === 'sqlite') {
        await sql`CREATE VIRTUAL TABLE complaint_cases_fts USING fts5(case_no, target_name, region_text, content,
          content='complaint_cases', content_rowid='id', tokenize='trigram')`.execute(db);
        await sql`CREATE TRIGGER complaint_cases_fts_ai AFTER INSERT ON complaint_cases BEGIN
          INSERT INTO complaint_cases_fts(rowid, case_no, target_name, region_text, content)
          VALUES (new.id, new.case_no, new.target_name, new.region_text, new.content); END`.execute(db);
        await sql`CREATE TRIGGER complaint_cases_fts_ad AFTER DELETE ON complaint_cases BEGIN
          INSERT INTO complaint_cases_fts(complaint_cases_fts, rowid, case_no, target_name, region_text, content)
          VALUES ('delete', old.id, old.case_no, old.target_name, old.region_text, old.content); END`.execute(db);
        await sql`CREATE TRIGGER complaint_cases_fts_au AFTER UPDATE OF case_no, target_name, region_text, content ON complaint_cases BEGIN
          INSERT INTO complaint_cases_fts(complaint_cases_fts, rowid, case_no, target_name, region_text, content)
          VALUES ('delete', old.id, old.case_no, old.target_name, old.region_text, old.content);
          INSERT INTO complaint_cases_fts(rowid, case_no, target_name, region_text, content)
          VALUES (new.id, new.case_no, new.target_name, new.region_text, new.content); END`.execute(db);
      } else {
        await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
        await sql`CREATE INDEX complaint_cases_search_trgm ON complaint_cases USING gin
          ((case_no || ' ' || coalesce(target_name, '') || ' ' || coalesce(region_text, '') || ' ' || content) gin_trgm_ops)`.execute(db);
      }
    },
    async down(db: Db): Promise<void> {
      if (dialect === 'sqlite') {
        for (const t of ['complaint_cases_fts_ai', 'complaint_cases_fts_ad', 'complaint_cases_fts_au']) await sql`DROP TRIGGER IF EXISTS ${sql.raw(t)}`.execute(db);
        await sql`DROP TABLE IF EXISTS complaint_cases_fts`.execute(db);
      } else {
        await sql`DROP INDEX IF EXISTS complaint_cases_search_trgm`.execute(db);
      }
      for (const name of ['accountability_subject', 'revisits_case', 'revisits_draw', 'revisit_draws_quarter', 'complaint_cases_org_done',
        'complaint_cases_repeat_of', 'complaint_cases_target_key', 'complaint_cases_ledger']) {
        await db.schema.dropIndex(name).ifExists().execute();
      }
      await db.schema.createIndex('complaint_cases_org_state').on('complaint_cases').columns(['org_unit_id', 'state', 'deadline']).execute();
      const drops: ReadonlyArray<readonly [string, readonly string[]]> = [
        ['accountability_records', ['created_by']], ['revisits', ['recorded_by', 'recorded_at']], ['revisit_draws', ['population']],
        ['complaint_batches', ['file_name', 'imported_by', 'published_at', 'published_by', 'published_table']],
        ['complaint_cases', ['target_key', 'repeat_reason', 'repeat_score', 'done_at', 'closed_at']],
      ];
      for (const [table, columns] of drops) for (const c of columns) await db.schema.alterTable(table).dropColumn(c).execute();
    },
  };
}
