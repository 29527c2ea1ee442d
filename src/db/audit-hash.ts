/**
 * The two hash formats of audit events. PERSISTED: a stored hash must be reproducible from its row forever.
 * - v1 (key_id null, events written before migration 012): sha256 of the content and the previous hash.
 * - v2 (key_id set): the sequence number and key id are covered too; HMAC-SHA256 with the key named by key_id, or
 *   plain sha256 when key_id is 'none' (a deployment without any key).
 */
import { createHash, createHmac } from 'node:crypto';

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

export interface KeyedFields extends HashedFields { seq: number; key_id: string }

/** The v1 hash: content and predecessor's hash (exported for bulk loaders that write events directly). */
export function hashEvent(e: HashedFields): string {
  const fields: unknown[] = [e.prev_hash, e.at, e.actor_id, e.actor_name, e.action, e.entity_type, e.entity_id, e.assignment_id, e.before, e.after];
  // The org unit (added later) is covered only when set, so events written before it existed keep their hashes.
  if (e.org_unit_id !== null) fields.push(e.org_unit_id);
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The v2 hash; `key` null only for key_id 'none'. */
export function hashKeyedEvent(e: KeyedFields, key: Buffer | null): string {
  const canonical = JSON.stringify(['v2', e.seq, e.key_id, e.prev_hash, e.at, e.actor_id, e.actor_name, e.action, e.entity_type,
    e.entity_id, e.assignment_id, e.org_unit_id, e.before, e.after]);
  return (key ? createHmac('sha256', key) : createHash('sha256')).update(canonical).digest('hex');
}
