/**
 * Checking the audit chain: every event in order, then the checkpoints kept outside the database. Inside the table,
 * a gap in the sequence names the first deleted event, a hash that does not match names the first edited one (with
 * a key, recomputing a hash is impossible without it), a broken link names the event whose hash was recomputed.
 * What the table alone cannot show (its newest events deleted, or an unkeyed chain recomputed throughout) the
 * checkpoints show: each recorded sequence number must still be there with the hash it had.
 */
import type { Conn } from './connection.js';
import { auditKeyringOf, UNKEYED, type AuditKeyring } from './audit-keys.js';
import { GENESIS, hashEvent, hashKeyedEvent } from './audit-hash.js';

/** A head of the chain as recorded outside the database. */
export interface AuditCheckpoint { seq: number; hash: string; keyId: string | null; at: string }

export type AuditProblem = 'missing' | 'altered' | 'truncated' | 'unknown_key';

export type AuditVerification =
  | { ok: true; count: number; headSeq: number; keyed: boolean; checkpoints: number }
  | { ok: false; count: number; problem: AuditProblem; badSeq: number; badEventId: number | null; reason: string };

type Row = Awaited<ReturnType<typeof page>>[number];
const page = (db: Conn, afterId: number) =>
  db.selectFrom('audit_events').selectAll().where('id', '>', afterId).orderBy('id').limit(5000).execute();

const formatRank = (keyId: string | null) => (keyId === null ? 0 : keyId === UNKEYED ? 1 : 2);

/** The hash the row should have, or null when its key is not configured here. */
function expectedHash(e: Row, ring: AuditKeyring): string | null {
  if (e.key_id === null) return hashEvent(e);
  if (e.seq === null) return '';
  if (e.key_id === UNKEYED) return hashKeyedEvent({ ...e, seq: e.seq, key_id: e.key_id }, null);
  const key = ring.known.get(e.key_id);
  return key ? hashKeyedEvent({ ...e, seq: e.seq, key_id: e.key_id }, key) : null;
}

/**
 * Walks the chain in id order, in pages, and reports the first problem; then compares the checkpoints. The ring
 * defaults to the one attached to the database handle.
 */
export async function verifyAuditChain(db: Conn, opts: { ring?: AuditKeyring; checkpoints?: readonly AuditCheckpoint[] } = {}): Promise<AuditVerification> {
  const ring = opts.ring ?? auditKeyringOf(db);
  const checkpoints = [...(opts.checkpoints ?? [])].sort((a, b) => a.seq - b.seq);
  const wanted = new Map(checkpoints.map((c) => [c.seq, c]));
  const seen = new Map<number, string>();
  let prev = { hash: GENESIS, seq: 0, id: 0, rank: 0 };
  let count = 0;
  const fail = (problem: AuditProblem, badSeq: number, badEventId: number | null, reason: string): AuditVerification =>
    ({ ok: false, count, problem, badSeq, badEventId, reason });

  for (;;) {
    const rows = await page(db, prev.id);
    if (rows.length === 0) break;
    for (const e of rows) {
      const expectedSeq = prev.seq + 1;
      if (e.seq === null || e.seq < expectedSeq) return fail('altered', expectedSeq, e.id, 'its sequence number was changed (the events were renumbered)');
      if (e.seq > expectedSeq) {
        const span = e.seq - expectedSeq === 1 ? `#${expectedSeq}` : `#${expectedSeq}–#${e.seq - 1}`;
        return fail('missing', expectedSeq, null, `event ${span} is missing (deleted) before event #${e.seq}`);
      }
      // Formats only move forward: v1 → unkeyed v2 → keyed. An event in an older format after a newer one was written
      // by someone rewriting the chain without the key.
      const rank = formatRank(e.key_id);
      if (rank < prev.rank) return fail('altered', e.seq, e.id, 'it is hashed in an older format or without the key although earlier events were keyed (the chain was rewritten from here)');
      const expected = expectedHash(e, ring);
      if (expected === null) {
        return fail('unknown_key', e.seq, e.id, `it was hashed with key ${e.key_id ?? ''}, which is not configured here (AUDIT_KEY / AUDIT_PREVIOUS_KEYS)`);
      }
      if (expected !== e.hash) return fail('altered', e.seq, e.id, 'its content does not match its hash (the event was edited)');
      if (e.prev_hash !== prev.hash) {
        return fail('altered', prev.seq, prev.id, `its hash was recomputed (event #${e.seq} still links to the hash it had)`);
      }
      if (wanted.has(e.seq)) seen.set(e.seq, e.hash);
      prev = { hash: e.hash, seq: e.seq, id: e.id, rank };
      count++;
    }
  }
  return compareCheckpoints(checkpoints, prev.seq, seen, count) ?? { ok: true, count, headSeq: prev.seq, keyed: prev.rank === 2, checkpoints: checkpoints.length };
}

function compareCheckpoints(
  checkpoints: readonly AuditCheckpoint[], headSeq: number, seen: ReadonlyMap<number, string>, count: number,
): AuditVerification | undefined {
  let lastGood = 0;
  for (const c of checkpoints) {
    if (c.seq > headSeq) {
      const span = c.seq - headSeq === 1 ? `#${c.seq}` : `#${headSeq + 1}–#${c.seq}`;
      return { ok: false, count, problem: 'truncated', badSeq: headSeq + 1, badEventId: null, reason: `event ${span} is missing: the newest events were deleted (the checkpoint of ${c.at} recorded #${c.seq})` };
    }
    if (seen.get(c.seq) !== c.hash) {
      return {
        ok: false, count, problem: 'altered', badSeq: lastGood + 1, badEventId: null,
        reason: `the chain was recomputed: event #${c.seq} does not have the hash the checkpoint of ${c.at} recorded, so an event from #${lastGood + 1} to #${c.seq} was changed`,
      };
    }
    lastGood = c.seq;
  }
  return undefined;
}
