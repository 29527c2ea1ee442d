/** One-time password reset links, kept as the sha256 of their token: a leaked database yields no working link. */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';

export interface PasswordReset { id: number; userId: number; expiresAt: string; usedAt: string | null }

export async function insertPasswordReset(db: Conn, r: { tokenHash: string; userId: number; expiresAt: string }): Promise<number> {
  const { id } = await db.insertInto('password_resets').values({ token_hash: r.tokenHash, user_id: r.userId, created_at: nowIso(), expires_at: r.expiresAt })
    .returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findPasswordReset(db: Conn, tokenHash: string): Promise<PasswordReset | undefined> {
  const r = await db.selectFrom('password_resets').select(['id', 'user_id', 'expires_at', 'used_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
  return r && { id: r.id, userId: r.user_id, expiresAt: r.expires_at, usedAt: r.used_at };
}

/** Live (unused, unexpired) links of the user; 0 for an absent user id. */
export async function countLivePasswordResets(db: Conn, userId: number): Promise<number> {
  const { n } = await db.selectFrom('password_resets').select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId).where('used_at', 'is', null).where('expires_at', '>', nowIso()).executeTakeFirstOrThrow();
  return Number(n);
}

/** Uses the link; false when it was used (or revoked) already, so of two simultaneous uses only one succeeds. */
export async function markPasswordResetUsed(db: Conn, id: number): Promise<boolean> {
  const res = await db.updateTable('password_resets').set({ used_at: nowIso() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Ends every outstanding link of the user (after any password change). */
export async function revokePasswordResets(db: Conn, userId: number): Promise<void> {
  await db.updateTable('password_resets').set({ used_at: nowIso() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}
