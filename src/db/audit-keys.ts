/**
 * The keys of the audit chain. A key never lives in the database: it comes from the configuration (AUDIT_KEY, or
 * derived from SECRET_KEY), so whoever can rewrite the audit table cannot recompute keyed hashes. Each key is known
 * by a short id (a hash of the key, not the key) recorded on every event it hashed, so earlier keys can still be
 * told apart and verified after a change (AUDIT_PREVIOUS_KEYS).
 *
 * The ring is tied to the Kysely instance it was opened with (through its dialect adapter, which transactions
 * share), so appendAuditEvent(tx, …) finds it without every caller passing the configuration along.
 */
import { createHash, hkdfSync } from 'node:crypto';
import type { Config } from '../config.js';
import type { Conn } from './connection.js';

/** Events hashed with plain sha256 because the deployment has no key at all. */
export const UNKEYED = 'none';

export interface AuditKey { id: string; key: Buffer }

export interface AuditKeyring {
  /** The key new events are hashed with; null: none configured (plain sha256, key id 'none'). */
  signing: AuditKey | null;
  /** Every key an event may have been hashed with, by id (the signing key included). */
  known: ReadonlyMap<string, Buffer>;
}

export const EMPTY_KEYRING: AuditKeyring = { signing: null, known: new Map() };

function derive(secret: string, salt: string): AuditKey {
  const key = Buffer.from(hkdfSync('sha256', secret, salt, 'hmac-sha256/audit-chain', 32));
  return { id: createHash('sha256').update('rectify-audit-key-id:').update(key).digest('hex').slice(0, 16), key };
}

/** The ring a configuration gives: AUDIT_KEY signs, else a key derived from SECRET_KEY; both verify. */
export function auditKeyringFor(config: Pick<Config, 'secretKey' | 'audit'>): AuditKeyring {
  const keys: AuditKey[] = [];
  if (config.audit.key) keys.push(derive(config.audit.key, 'rectify/audit-key'));
  for (const old of config.audit.previousKeys) keys.push(derive(old, 'rectify/audit-key'));
  if (config.secretKey) keys.push(derive(config.secretKey, 'rectify/audit-key-from-secret-key'));
  const signing = config.audit.key ? keys[0]! : config.secretKey ? keys.at(-1)! : null;
  return { signing, known: new Map(keys.map((k) => [k.id, k.key])) };
}

const rings = new WeakMap<object, AuditKeyring>();

/** Ties a ring to a database handle (bootstrap and the test helpers do this when they open one). */
export function attachAuditKeyring(db: Conn, ring: AuditKeyring): void {
  rings.set(db.getExecutor().adapter, ring);
}

/** The ring of the handle this connection or transaction belongs to (empty when none was attached). */
export function auditKeyringOf(db: Conn): AuditKeyring {
  return rings.get(db.getExecutor().adapter) ?? EMPTY_KEYRING;
}
