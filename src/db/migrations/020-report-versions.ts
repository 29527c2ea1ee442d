/**
 * Published reports as versions of one report (issue #21). A report is identified by its unit and inspection: what
 * one unit reports on one inspection's rectification is one living document, published again as work goes on, and
 * each publication is a version of it (1, 2, …; the date it speaks as of is the version's, not the report's).
 * `content_hash` is the fingerprint of what it says (db/report-content-hash.ts): the same content is not published
 * twice. Publications already made that repeat the version before them (an unchanged re-import used to publish
 * again) are folded into it: `duplicate_of` names the version they repeat, they get no version number of their own,
 * lists leave them out and their old addresses still open the same text.
 */
import type { Kysely } from 'kysely';
import { reportContentHash } from '../report-content-hash.js';

type Db = Kysely<unknown>;
interface Row { id: number; org_unit_id: number; inspection_id: number; content: string }

export function reportVersionsMigration() {
  return {
    async up(db: Db): Promise<void> {
      await db.schema.alterTable('published_reports').addColumn('version', 'integer').execute();
      await db.schema.alterTable('published_reports').addColumn('content_hash', 'text').execute();
      await db.schema.alterTable('published_reports').addColumn('duplicate_of', 'integer', (c) => c.references('published_reports.id')).execute();
      const rows = (await (db as Kysely<{ published_reports: Row & { published_at: string } }>).selectFrom('published_reports')
        .select(['id', 'org_unit_id', 'inspection_id', 'content']).orderBy('published_at').orderBy('id').execute()) as Row[];
      const latest = new Map<string, { id: number; version: number; hash: string }>();
      const update = (db as Kysely<{ published_reports: { id: number; version: number | null; content_hash: string; duplicate_of: number | null } }>);
      for (const r of rows) {
        const key = `${r.org_unit_id}:${r.inspection_id}`;
        let hash: string;
        try {
          hash = reportContentHash(JSON.parse(r.content));
        } catch {
          hash = reportContentHash({ title: r.content });
        }
        const last = latest.get(key);
        if (last && last.hash === hash) {
          await update.updateTable('published_reports').set({ content_hash: hash, duplicate_of: last.id, version: null }).where('id', '=', r.id).execute();
          continue;
        }
        const version = (last?.version ?? 0) + 1;
        await update.updateTable('published_reports').set({ content_hash: hash, version }).where('id', '=', r.id).execute();
        latest.set(key, { id: r.id, version, hash });
      }
      await db.schema.createIndex('published_reports_version_idx').on('published_reports').columns(['org_unit_id', 'inspection_id', 'version']).unique().execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.dropIndex('published_reports_version_idx').execute();
      await db.schema.alterTable('published_reports').dropColumn('duplicate_of').execute();
      await db.schema.alterTable('published_reports').dropColumn('content_hash').execute();
      await db.schema.alterTable('published_reports').dropColumn('version').execute();
    },
  };
}
