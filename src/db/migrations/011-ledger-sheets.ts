/**
 * The Excel round trip of ledgers and rounds (issue #15, parts 3–4):
 * - `round_sheet_returns`: each round sheet (调度表) that came back, per unit, with when, from whom and what it
 *   changed, so the round's page shows which units' sheets are in;
 * - `progress_reports.evidence_note`: the 佐证材料说明 a unit writes beside its report (the files themselves stay
 *   evidence uploads).
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

export function ledgerSheetsMigration(dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      let t = db.schema.createTable('round_sheet_returns');
      t = dialect === 'postgres'
        ? t.addColumn('id', 'serial', (c) => c.primaryKey())
        : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
      await t
        .addColumn('round_id', 'integer', (c) => c.notNull().references('reporting_rounds.id'))
        .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        // JSON { reports, edits, unchanged, kept } as applied
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('returned_by', 'integer', (c) => c.references('users.id'))
        .addColumn('returned_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('round_sheet_returns_round').on('round_sheet_returns').columns(['round_id', 'org_unit_id']).execute();
      await db.schema.alterTable('progress_reports').addColumn('evidence_note', 'text').execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.alterTable('progress_reports').dropColumn('evidence_note').execute();
      await db.schema.dropTable('round_sheet_returns').ifExists().execute();
    },
  };
}
