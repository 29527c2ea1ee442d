/** A user's API tokens as they manage them (the secret is never stored; only its hash). */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';

export interface ApiTokenRecord {
  id: number; name: string; scope: 'read' | 'write'; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null;
}

export async function findApiTokenPage(
  db: Conn, userId: number, f: { includeRevoked: boolean; order: 'asc' | 'desc'; page: number; pageSize: number },
): Promise<{ rows: ApiTokenRecord[]; total: number }> {
  let q = db.selectFrom('api_tokens').where('user_id', '=', userId);
  // "Live" hides expired tokens along with revoked ones: neither works any more.
  if (!f.includeRevoked) q = q.where('revoked_at', 'is', null).where('expires_at', '>', nowIso());
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select(['id', 'name', 'scope', 'created_at', 'expires_at', 'last_used_at', 'revoked_at']).orderBy('id', f.order)
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return {
    rows: rows.map((r) => ({
      id: r.id, name: r.name, scope: r.scope === 'write' ? 'write' : 'read', createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
    })),
    total: Number(n),
  };
}

/** Revokes one of the user's live tokens; false when the user has no such live token. */
export async function revokeApiToken(db: Conn, userId: number, id: number): Promise<boolean> {
  const res = await db.updateTable('api_tokens').set({ revoked_at: nowIso() })
    .where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
