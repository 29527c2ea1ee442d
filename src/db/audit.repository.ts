/**
 * The append-only audit trail. Each event has a gapless sequence number and a hash over its content, its number and
 * the previous event's hash, made with a key kept outside the database (audit-keys.ts): editing, deleting or
 * recomputing events breaks the chain from that point, and `verifyAuditChain` names the first bad event.
 */
import { sql } from 'kysely';
import type { Conn, Dialect } from './connection.js';
import { nowIso } from './clock.js';
import { AppError } from '../core/errors.js';
import { auditKeyringOf, UNKEYED, type AuditKeyring } from './audit-keys.js';
import { GENESIS, hashKeyedEvent, type KeyedFields } from './audit-hash.js';

export { GENESIS, hashEvent, type HashedFields } from './audit-hash.js';
export { verifyAuditChain, type AuditVerification, type AuditCheckpoint } from './audit-verify.repository.js';

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

/**
 * The PostgreSQL transaction lock that serializes audit appenders (and, taken first by the roll-up trigger of
 * migration 009, everything that changes roll-up rows, so no two transactions lock them in opposite orders).
 */
export const AUDIT_LOCK_KEY = 727001;

/** The action of the event that starts a new hash format or key (see appendAuditEvent). */
export const CHAIN_FORMAT_ACTION = 'audit.chain_format';

/**
 * Appends one event inside the caller's transaction (the change and its audit row commit together). The event takes
 * the next sequence number and is hashed with the ring's signing key. When the chain's head was hashed otherwise
 * (events from before keyed hashes, or an earlier key), an `audit.chain_format` event goes first, hashed the new way
 * and linked to the old head, saying which format and key follow. A chain is never continued unkeyed after a key, nor
 * with a key the ring does not know (a changed AUDIT_KEY without AUDIT_PREVIOUS_KEYS): that write is refused.
 */
export async function appendAuditEvent(tx: Conn, dialect: Dialect, actor: Actor, input: AuditInput): Promise<void> {
  // Serialize appenders on PostgreSQL so two transactions never chain onto the same predecessor.
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(tx);
  const last = await tx.selectFrom('audit_events').select(['hash', 'seq', 'key_id']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const ring = auditKeyringOf(tx);
  const keyId = ring.signing?.id ?? UNKEYED;
  let head = { hash: last?.hash ?? GENESIS, seq: last?.seq ?? 0 };
  if (last && last.key_id !== keyId) {
    assertMayContinue(last.key_id, ring);
    head = await insertEvent(tx, ring, head, SYSTEM_ACTOR, {
      action: CHAIN_FORMAT_ACTION, entityType: 'audit_chain', entityId: keyId,
      before: { keyId: last.key_id ?? 'sha256-v1', seq: head.seq, hash: head.hash }, after: { keyId, format: 'v2' },
    });
  }
  await insertEvent(tx, ring, head, actor, input);
}

function assertMayContinue(headKeyId: string | null, ring: AuditKeyring): void {
  if (headKeyId === null || headKeyId === UNKEYED) return;
  if (!ring.signing) {
    throw new AppError('AUDIT_KEY_MISSING', `审计链此前用密钥 ${headKeyId} 签名，当前却没有配置 AUDIT_KEY 或 SECRET_KEY；为防审计链降级，本次操作未保存。请部署方恢复原配置后重启服务`);
  }
  if (!ring.known.has(headKeyId)) {
    throw new AppError('AUDIT_KEY_MISSING', `审计链此前用密钥 ${headKeyId} 签名，当前配置中没有这把密钥，本次操作未保存。更换 AUDIT_KEY 时请把原密钥写入 AUDIT_PREVIOUS_KEYS 后重启服务`);
  }
}

async function insertEvent(tx: Conn, ring: AuditKeyring, prev: { hash: string; seq: number }, actor: Actor, input: AuditInput): Promise<{ hash: string; seq: number }> {
  const fields: KeyedFields = {
    seq: prev.seq + 1,
    key_id: ring.signing?.id ?? UNKEYED,
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
    prev_hash: prev.hash,
  };
  const hash = hashKeyedEvent(fields, ring.signing?.key ?? null);
  await tx.insertInto('audit_events').values({ ...fields, hash }).execute();
  return { hash, seq: fields.seq };
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


/** The newest event's sequence number, hash and key, or undefined for an empty trail. */
export async function readAuditHead(db: Conn): Promise<{ seq: number; hash: string; keyId: string | null } | undefined> {
  const r = await db.selectFrom('audit_events').select(['seq', 'hash', 'key_id']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r && { seq: r.seq ?? 0, hash: r.hash, keyId: r.key_id };
}

/**
 * Appends many events of one actor in order, as `appendAuditEvent` would one by one (each its own sequence number,
 * hash and place in the chain), but reading the head once and inserting a hundred rows a statement: a file applied
 * row by row writes one event per changed row without a round of queries each. The first goes through
 * `appendAuditEvent`, which takes the PostgreSQL lock and starts a new key's format when needed.
 */
export async function appendAuditEvents(tx: Conn, dialect: Dialect, actor: Actor, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await appendAuditEvent(tx, dialect, actor, inputs[0]!);
  if (inputs.length === 1) return;
  const last = await tx.selectFrom('audit_events').select(['hash', 'seq']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  const ring = auditKeyringOf(tx);
  let prev = { hash: last.hash, seq: last.seq ?? 0 };
  const at = nowIso();
  for (let i = 1; i < inputs.length; i += 100) {
    const rows = inputs.slice(i, i + 100).map((input) => {
      const fields: KeyedFields = {
        seq: prev.seq + 1, key_id: ring.signing?.id ?? UNKEYED, at, actor_id: actor.id, actor_name: actor.name, action: input.action,
        entity_type: input.entityType, entity_id: String(input.entityId), assignment_id: input.assignmentId ?? null, org_unit_id: input.orgUnitId ?? null,
        before: input.before === undefined ? null : JSON.stringify(input.before), after: input.after === undefined ? null : JSON.stringify(input.after),
        prev_hash: prev.hash,
      };
      const hash = hashKeyedEvent(fields, ring.signing?.key ?? null);
      prev = { hash, seq: fields.seq };
      return { ...fields, hash };
    });
    await tx.insertInto('audit_events').values(rows).execute();
  }
}
