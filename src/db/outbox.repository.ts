/**
 * Messages waiting to leave the system by e-mail or webhook. Written beside the in-app notification (unique dedupe
 * key), delivered later by the job runner; a row is claimed by flipping its state, so two runners never send it twice.
 */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';

export const MAX_DELIVERY_ATTEMPTS = 5;

export interface OutboxMessage { id: number; channel: string; recipient: string; subject: string; body: string; attempts: number; dedupeKey: string }

export async function insertOutboxMessage(db: Conn, m: { channel: string; recipient: string; subject: string; body: string; dedupeKey: string }): Promise<void> {
  await db.insertInto('outbox').values({
    channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body, state: 'pending', created_at: nowIso(), dedupe_key: m.dedupeKey,
  }).onConflict((oc) => oc.column('dedupe_key').doNothing()).execute();
}

export async function listPendingOutboxIds(db: Conn, limit = 100): Promise<number[]> {
  return (await db.selectFrom('outbox').select('id').where('state', '=', 'pending').orderBy('id').limit(limit).execute()).map((r) => r.id);
}

/** Claims a pending message for sending; undefined when another runner got it first. */
export async function claimOutboxMessage(db: Conn, id: number): Promise<OutboxMessage | undefined> {
  const res = await db.updateTable('outbox').set((eb) => ({ state: 'sending', attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id).where('state', '=', 'pending').executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return undefined;
  const r = await db.selectFrom('outbox').select(['id', 'channel', 'recipient', 'subject', 'body', 'attempts', 'dedupe_key']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id: r.id, channel: r.channel, recipient: r.recipient, subject: r.subject, body: r.body, attempts: r.attempts, dedupeKey: r.dedupe_key };
}

export async function markOutboxSent(db: Conn, id: number): Promise<void> {
  await db.updateTable('outbox').set({ state: 'sent', sent_at: nowIso(), error: null }).where('id', '=', id).execute();
}

/** Back to pending for the next run, or failed for good after the last attempt. */
export async function markOutboxFailed(db: Conn, m: OutboxMessage, error: string): Promise<'retry' | 'failed'> {
  const final = m.attempts >= MAX_DELIVERY_ATTEMPTS;
  await db.updateTable('outbox').set({ state: final ? 'failed' : 'pending', error: error.slice(0, 2000) }).where('id', '=', m.id).execute();
  return final ? 'failed' : 'retry';
}

export interface OutboxRecord { id: number; channel: string; recipient: string; subject: string; state: string; attempts: number; error: string | null }

export async function listOutbox(db: Conn): Promise<OutboxRecord[]> {
  return (await db.selectFrom('outbox').select(['id', 'channel', 'recipient', 'subject', 'state', 'attempts', 'error']).orderBy('id').execute())
    .map((r) => ({ id: r.id, channel: r.channel, recipient: r.recipient, subject: r.subject, state: r.state, attempts: r.attempts, error: r.error }));
}
