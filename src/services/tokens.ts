/**
 * A signed-in user's own API tokens. Tokens are created and revoked only from a browser session: a leaked token
 * must not be able to mint more tokens or keep itself alive.
 */
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import { appendAuditEvent, type Actor } from '../db/audit.repository.js';
import { findApiTokenPage, revokeApiToken } from '../db/api-tokens.repository.js';
import { createApiToken } from './auth.js';

export async function listOwnTokens(ctx: AppContext, userId: number, f: { includeRevoked: boolean; order: 'asc' | 'desc'; page: number; pageSize: number }) {
  return findApiTokenPage(ctx.db, userId, f);
}

/** The secret is returned once, here, and never again. */
export async function createOwnToken(ctx: AppContext, actor: Actor & { id: number }, name: string): Promise<{ id: number; name: string; token: string }> {
  const { id, token } = await createApiToken(ctx, actor.id, name);
  return { id, name, token };
}

export async function revokeOwnToken(ctx: AppContext, actor: Actor & { id: number }, tokenId: number): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await revokeApiToken(tx, actor.id, tokenId))) throw new AppError('NOT_FOUND', `找不到编号为 ${tokenId} 的有效令牌`);
    await appendAuditEvent(tx, ctx.dialect, actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId });
  });
}
