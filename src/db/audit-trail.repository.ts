/**
 * The audit trail as administrators read it, newest first, a page at a time by id. An event is visible when the
 * unit it concerns (or, for older events, the unit of its assignment) is in the reader's subtrees; events tied to
 * no unit at all (sign-ins, tokens) only to administrators of a whole tree.
 */
import { sql } from 'kysely';
import type { Conn } from './database.js';
import type { AuditEvent } from './audit.repository.js';

export interface AuditFilter {
  scopePaths: readonly string[];
  includeUnscoped: boolean;
  entityType?: string;
  entityId?: string;
  action?: string;
  actorId?: number;
  assignmentId?: number;
  beforeId?: number;
  limit: number;
}

export interface AuditRecord extends AuditEvent { orgUnitId: number | null }

export async function findAuditPage(db: Conn, f: AuditFilter): Promise<AuditRecord[]> {
  if (f.scopePaths.length === 0) return [];
  const under = (col: string) => sql.join(f.scopePaths.map((p) => sql`${sql.ref(col)} LIKE ${`${p}%`}`), sql` OR `);
  let q = db.selectFrom('audit_events as e')
    .leftJoin('org_units as ou', 'ou.id', 'e.org_unit_id')
    .leftJoin('assignments as a', 'a.id', 'e.assignment_id')
    .leftJoin('org_units as ao', 'ao.id', 'a.org_unit_id')
    .where(sql<boolean>`((${under('ou.path')}) OR (e.org_unit_id IS NULL AND (${under('ao.path')}))
      OR (${f.includeUnscoped ? sql`1 = 1` : sql`1 = 0`} AND e.org_unit_id IS NULL AND e.assignment_id IS NULL))`);
  if (f.entityType) q = q.where('e.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('e.entity_id', '=', f.entityId);
  if (f.action) q = q.where('e.action', '=', f.action);
  if (f.actorId) q = q.where('e.actor_id', '=', f.actorId);
  if (f.assignmentId) q = q.where('e.assignment_id', '=', f.assignmentId);
  if (f.beforeId) q = q.where('e.id', '<', f.beforeId);
  const rows = await q.selectAll('e').orderBy('e.id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
    assignmentId: r.assignment_id, orgUnitId: r.org_unit_id,
    before: r.before === null ? null : JSON.parse(r.before) as unknown, after: r.after === null ? null : JSON.parse(r.after) as unknown,
  }));
}
