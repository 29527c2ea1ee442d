/**
 * Supervision and accountability as records (issue #17):
 * - 领导包案 becomes records: a leader in personal charge of a case or a task share (leader_charges: name, position,
 *   unit, the day assigned) and the leader's visits and instructions (leader_actions: day, kind, content). The listing's
 *   old free-text `leader` is carried into a charge (assigned on the listing's day), then dropped.
 * - 问责 becomes one record per person: person, position, unit, the measure from the standard list (诫勉谈话 … 其他 with
 *   its words), the day and the document. The old free-text rows (persons, units, measures as written) become one
 *   其他 record each, with the persons and units joined by 、 and the words kept, so nothing is lost.
 * - 摘牌 before 办结 needs a reason from the listing level: the listing keeps the unit that listed it (listed_org_id,
 *   inferred for old listings as the subject's nearest unit at or above the listing's level) and the reason given.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';
import { ACCOUNTABILITY_MEASURE_LABELS, type AccountabilityMeasure } from '../../core/supervision.js';

type Db = Kysely<unknown>;
type Row = Record<string, unknown>;

const RANK: Record<string, number> = { department: 0, county: 1, city: 2, province: 3 };
const list = (json: unknown): string[] => {
  if (typeof json !== 'string' || !json) return [];
  try { const v: unknown = JSON.parse(json); return Array.isArray(v) ? v.map(String) : [json]; } catch { return [json]; }
};

export function supervisionMigration(dialect: Dialect) {
  const id = (t: ReturnType<Db['schema']['createTable']>) => (dialect === 'postgres'
    ? t.addColumn('id', 'serial', (c) => c.primaryKey())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()));
  return {
    async up(db: Db): Promise<void> {
      await id(db.schema.createTable('leader_charges'))
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'integer', (c) => c.notNull())
        .addColumn('leader_name', 'text', (c) => c.notNull())
        .addColumn('position', 'text')
        .addColumn('unit_name', 'text')
        .addColumn('assigned_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .execute();
      await db.schema.createIndex('leader_charges_subject').on('leader_charges').columns(['subject_type', 'subject_id']).execute();
      await id(db.schema.createTable('leader_actions'))
        .addColumn('charge_id', 'integer', (c) => c.notNull().references('leader_charges.id'))
        .addColumn('acted_on', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .execute();
      await db.schema.createIndex('leader_actions_charge').on('leader_actions').columns(['charge_id', 'acted_on']).execute();

      // Listings: the unit that listed, the reason for an early delisting; the free-text leader becomes a charge.
      await db.schema.alterTable('supervision_listings').addColumn('listed_org_id', 'integer', (c) => c.references('org_units.id')).execute();
      await db.schema.alterTable('supervision_listings').addColumn('delist_reason', 'text').execute();
      const units = (await sql<Row>`SELECT id, path, kind FROM org_units`.execute(db)).rows
        .map((u) => ({ id: Number(u.id), path: String(u.path), kind: String(u.kind) }));
      const byPath = new Map(units.map((u) => [u.path, u]));
      const listings = (await sql<Row>`SELECT s.id, s.subject_type, s.subject_id, s.level, s.leader, s.listed_at, s.listed_by,
          COALESCE(c.org_unit_id, a.org_unit_id) AS org_unit_id
        FROM supervision_listings s
        LEFT JOIN complaint_cases c ON s.subject_type = 'case' AND c.id = s.subject_id
        LEFT JOIN assignments a ON s.subject_type = 'assignment' AND a.id = s.subject_id`.execute(db)).rows;
      for (const l of listings) {
        const unit = units.find((u) => u.id === Number(l.org_unit_id));
        if (unit) {
          // The subject's nearest unit (itself or above) whose level is at least the listing's.
          const prefixes = unit.path.split('/').filter(Boolean).map((_, i, parts) => `/${parts.slice(0, i + 1).join('/')}/`).reverse();
          const lister = prefixes.map((p) => byPath.get(p)).find((u) => u && (RANK[u.kind] ?? 0) >= (RANK[String(l.level)] ?? 0));
          if (lister) await sql`UPDATE supervision_listings SET listed_org_id = ${lister.id} WHERE id = ${Number(l.id)}`.execute(db);
        }
        const leader = typeof l.leader === 'string' ? l.leader.trim() : '';
        if (leader) {
          await sql`INSERT INTO leader_charges (subject_type, subject_id, leader_name, assigned_on, created_at, created_by)
            VALUES (${String(l.subject_type)}, ${Number(l.subject_id)}, ${leader}, ${String(l.listed_at).slice(0, 10)}, ${String(l.listed_at)}, ${l.listed_by ?? null})`.execute(db);
        }
      }
      await db.schema.alterTable('supervision_listings').dropColumn('leader').execute();

      // Accountability: one structured record per person; old free text kept as 其他.
      for (const column of ['person', 'position', 'unit_name', 'measure', 'measure_other']) {
        await db.schema.alterTable('accountability_records').addColumn(column, 'text').execute();
      }
      const old = (await sql<Row>`SELECT id, persons, units, measures FROM accountability_records`.execute(db)).rows;
      for (const r of old) {
        await sql`UPDATE accountability_records SET person = ${list(r.persons).join('、') || null}, unit_name = ${list(r.units).join('、') || null},
          measure = 'other', measure_other = ${String(r.measures)} WHERE id = ${Number(r.id)}`.execute(db);
      }
      await db.schema.alterTable('accountability_records').dropColumn('persons').execute();
      await db.schema.alterTable('accountability_records').dropColumn('units').execute();
      await db.schema.alterTable('accountability_records').dropColumn('measures').execute();
      await db.schema.createIndex('accountability_measure').on('accountability_records').columns(['subject_type', 'measure']).execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.dropIndex('accountability_measure').execute();
      await db.schema.alterTable('accountability_records').addColumn('persons', 'text', (c) => c.notNull().defaultTo('[]')).execute();
      await db.schema.alterTable('accountability_records').addColumn('units', 'text').execute();
      await db.schema.alterTable('accountability_records').addColumn('measures', 'text', (c) => c.notNull().defaultTo('')).execute();
      const rows = (await sql<Row>`SELECT id, person, position, unit_name, measure, measure_other FROM accountability_records`.execute(db)).rows;
      for (const r of rows) {
        const person = [r.person, r.position].filter(Boolean).join('，');
        await sql`UPDATE accountability_records SET persons = ${JSON.stringify(person ? [person] : [])}, units = ${JSON.stringify(r.unit_name ? [r.unit_name] : [])},
          measures = ${r.measure === 'other' ? (typeof r.measure_other === 'string' ? r.measure_other : '其他') : ACCOUNTABILITY_MEASURE_LABELS[r.measure as AccountabilityMeasure]} WHERE id = ${Number(r.id)}`.execute(db);
      }
      for (const column of ['person', 'position', 'unit_name', 'measure', 'measure_other']) {
        await db.schema.alterTable('accountability_records').dropColumn(column).execute();
      }
      await db.schema.alterTable('supervision_listings').addColumn('leader', 'text').execute();
      await sql`UPDATE supervision_listings SET leader = (SELECT MIN(g.leader_name) FROM leader_charges g
        WHERE g.subject_type = supervision_listings.subject_type AND g.subject_id = supervision_listings.subject_id)`.execute(db);
      await db.schema.alterTable('supervision_listings').dropColumn('delist_reason').execute();
      await db.schema.alterTable('supervision_listings').dropColumn('listed_org_id').execute();
      await db.schema.dropTable('leader_actions').execute();
      await db.schema.dropTable('leader_charges').execute();
    },
  };
}
