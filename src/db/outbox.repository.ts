/**
 * Messages waiting to leave the system by e-mail or webhook. Written beside the in-app notification (unique dedupe
 * key), delivered later by the job runner; a row is claimed by flipping its state, so two live runners never send it
 * at the same time.
 *
 * A claim is a lease, like a job's: while a row is 'sending', `sent_at` holds the wall-clock time its sender last
 * renewed the claim (it becomes the time of sending once sent). A runner that dies mid-send leaves the row 'sending';
 * once OUTBOX_LEASE_MS has passed without renewal the next pass puts it back to 'pending' (`requeueExpiredOutbox`).
 * The attempt number fences the old sender. Semantics: at-least-once. A message whose sender died after the receiver
 * got it but before the row said 'sent' is sent again; every message carries its dedupe key (the webhook body's
 * dedupeKey and Idempotency-Key header, the e-mail's Message-ID) so the receiving end can drop the repeat.
 */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';

export const MAX_DELIVERY_ATTEMPTS = 5;
/** How long a send's claim holds without renewal; longer than any sender's own timeouts, renewed while it waits. */
export const OUTBOX_LEASE_MS = 60_000;

export interface OutboxMessage { id: number; channel: string; recipient: string; subject: string; body: string; attempts: number; dedupeKey: string }

export async function insertOutboxMessage(db: Conn, m: { channel: string; recipient: string; subject: string; body: string; dedupeKey: string }): Promise<void> {
  await db.insertInto('outbox').values({
    channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body, state: 'pending', created_at: nowIso(), dedupe_key: m.dedupeKey,
  }).onConflict((oc) => oc.column('dedupe_key').doNothing()).execute();
}

export async function listPendingOutboxIds(db: Conn, limit = 100): Promise<number[]> {
  return (await db.selectFrom('outbox').select('id').where('state', '=', 'pending').orderBy('id').limit(limit).execute()).map((r) => r.id);
}

/** Claims a pending message for sending (a lease from now); undefined when another runner got it first. */
export async function claimOutboxMessage(db: Conn, id: number): Promise<OutboxMessage | undefined> {
  const res = await db.updateTable('outbox').set((eb) => ({ state: 'sending', sent_at: nowIso(), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id).where('state', '=', 'pending').executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return undefined;
  const r = await db.selectFrom('outbox').select(['id', 'channel', 'recipient', 'subject', 'body', 'attempts', 'dedupe_key']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id: r.id, channel: r.channel, recipient: r.recipient, subject: r.subject, body: r.body, attempts: r.attempts, dedupeKey: r.dedupe_key };
}

/** The message as this sender's current claim: same attempt, still sending. */
const claimed = (db: Conn, m: Pick<OutboxMessage, 'id' | 'attempts'>) => db.updateTable('outbox')
  .where('id', '=', m.id).where('attempts', '=', m.attempts).where('state', '=', 'sending');

/** Renews the claim while the sender waits on the receiver; false when it was lost. */
export async function renewOutboxLease(db: Conn, m: Pick<OutboxMessage, 'id' | 'attempts'>): Promise<boolean> {
  return Number((await claimed(db, m).set({ sent_at: nowIso() }).executeTakeFirst()).numUpdatedRows) === 1;
}

export async function markOutboxSent(db: Conn, m: Pick<OutboxMessage, 'id' | 'attempts'>): Promise<void> {
  await claimed(db, m).set({ state: 'sent', sent_at: nowIso(), error: null }).execute();
}

/** Back to pending for the next run, or failed for good after the last attempt. */
export async function markOutboxFailed(db: Conn, m: OutboxMessage, error: string): Promise<'retry' | 'failed'> {
  const final = m.attempts >= MAX_DELIVERY_ATTEMPTS;
  await claimed(db, m).set({ state: final ? 'failed' : 'pending', sent_at: null, error: error.slice(0, 2000) }).execute();
  return final ? 'failed' : 'retry';
}

/**
 * Puts back messages whose sender died mid-send (claim last renewed before `expiredBefore`): pending again, or failed
 * for good when that was the last attempt. Returns how many were requeued and failed.
 */
export async function requeueExpiredOutbox(db: Conn, expiredBefore: string): Promise<{ requeued: number; failed: number }> {
  const failed = await db.updateTable('outbox').set({ state: 'failed', sent_at: null, error: 'its sender stopped during the last attempt' })
    .where('state', '=', 'sending').where('sent_at', '<', expiredBefore).where('attempts', '>=', MAX_DELIVERY_ATTEMPTS).executeTakeFirst();
  const requeued = await db.updateTable('outbox').set({ state: 'pending', sent_at: null, error: 'its sender stopped during the send; requeued' })
    .where('state', '=', 'sending').where('sent_at', '<', expiredBefore).executeTakeFirst();
  return { requeued: Number(requeued.numUpdatedRows), failed: Number(failed.numUpdatedRows) };
}

export interface OutboxRecord { id: number; channel: string; recipient: string; subject: string; state: string; attempts: number; error: string | null }

export async function listOutbox(db: Conn): Promise<OutboxRecord[]> {
  return (await db.selectFrom('outbox').select(['id', 'channel', 'recipient', 'subject', 'state', 'attempts', 'error']).orderBy('id').execute())
    .map((r) => ({ id: r.id, channel: r.channel, recipient: r.recipient, subject: r.subject, state: r.state, attempts: r.attempts, error: r.error }));
}
