/**
 * The append-only audit trail. Each event's hash covers its content and the previous event's hash, so editing or
 * deleting any event breaks the chain from that point; `verifyAuditChain` names the first bad event.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Conn, Db, Dialect } from './database.js';
import { nowIso } from './clock.js';

export interface Actor {
  id: number | null;
  name: string;
}
export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | number;
  assignmentId?: number | null;
  /** Org unit the event concerns; scopes who may read it in the trail. */
  orgUnitId?: number | null;
  before?: unknown;
  after?: unknown;
}

/** The previous hash of the first event. */
export const GENESIS = '0'.repeat(64);

export interface HashedFields {
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  assignment_id: number | null;
  org_unit_id: number | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
}

/** The event's hash: its content and its predecessor's hash (exported for bulk loaders that write events directly). */
export function hashEvent(e: HashedFields): string {
  const fields: unknown[] = [e.prev_hash, e.at, e.actor_id, e.actor_name, e.action, e.entity_type, e.entity_id, e.assignment_id, e.before, e.after];
  // The org unit (added later) is covered only when set, so events written before it existed keep their hashes.
  if (e.org_unit_id !== null) fields.push(e.org_unit_id);
  const canonical = JSON.stringify(fields);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The PostgreSQL transaction lock that serializes audit appenders (and, taken first by the roll-up trigger of
 * migration 009, everything that changes roll-up rows, so no two transactions lock them in opposite orders).
 */
export const AUDIT_LOCK_KEY = 727001;

/** Appends one event inside the caller's transaction (the change and its audit row commit together). */
export async function appendAuditEvent(tx: Conn, dialect: Dialect, actor: Actor, input: AuditInput): Promise<void> {
  // Serialize appenders on PostgreSQL so two transactions never chain onto the same predecessor.
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(tx);
  const last = await tx.selectFrom('audit_events').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const fields: HashedFields = {
    at: nowIso(),
    actor_id: actor.id,
    actor_name: actor.name,
    action: input.action,
    entity_type: input.entityType,
    entity_id: String(input.entityId),
    assignment_id: input.assignmentId ?? null,
    org_unit_id: input.orgUnitId ?? null,
    before: input.before === undefined ? null : JSON.stringify(input.before),
    after: input.after === undefined ? null : JSON.stringify(input.after),
    prev_hash: last?.hash ?? GENESIS,
  };
  await tx.insertInto('audit_events').values({ ...fields, hash: hashEvent(fields) }).execute();
}

export interface AuditEvent {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  assignmentId: number | null;
  before: unknown;
  after: unknown;
}

export async function listAuditEvents(
  db: Conn,
  filter: { assignmentId?: number; entityType?: string; entityId?: string; limit?: number; beforeId?: number },
): Promise<AuditEvent[]> {
  let q = db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(Math.min(filter.limit ?? 100, 500));
  if (filter.assignmentId !== undefined) q = q.where('assignment_id', '=', filter.assignmentId);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.beforeId) q = q.where('id', '<', filter.beforeId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, entityType: r.entity_type,
    entityId: r.entity_id, assignmentId: r.assignment_id,
    before: r.before === null ? null : JSON.parse(r.before) as unknown,
    after: r.after === null ? null : JSON.parse(r.after) as unknown,
  }));
}

export type AuditVerification = { ok: true; count: number } | { ok: false; count: number; badEventId: number; reason: string };

/** Walks the chain in id order, in pages, and reports the first event whose hash or link does not hold. */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  let prev = GENESIS;
  let afterId = 0;
  let count = 0;
  for (;;) {
    const page = await db.selectFrom('audit_events').selectAll().where('id', '>', afterId).orderBy('id').limit(5000).execute();
    if (page.length === 0) return { ok: true, count };
    for (const e of page) {
      if (e.prev_hash !== prev) return { ok: false, count, badEventId: e.id, reason: 'link to the previous event is broken (an event before it was edited or deleted)' };
      if (hashEvent(e) !== e.hash) return { ok: false, count, badEventId: e.id, reason: 'content does not match its hash (the event was edited)' };
      prev = e.hash;
      afterId = e.id;
      count++;
    }
  }
}
