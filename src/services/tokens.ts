/**
 * API tokens: a signed-in user's own (created and revoked only from a browser session: a leaked token must not be
 * able to mint more tokens or keep itself alive), and those of the users an administrator manages, listed and
 * revoked as sessions are. Every token expires (at most TOKEN_MAX_DAYS) and is read-only unless made for writing.
 */
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import { appendAuditEvent, type Actor } from '../db/audit.repository.js';
import { findApiTokenPage, revokeApiToken } from '../db/api-tokens.repository.js';
import type { TokenScope } from '../db/users.repository.js';
import { createApiToken } from './auth.js';
import type { Access } from './access.js';
import { getManagedUser, getWholeAccount } from './user-admin.js';

export async function listOwnTokens(ctx: AppContext, userId: number, f: { includeRevoked: boolean; order: 'asc' | 'desc'; page: number; pageSize: number }) {
  return findApiTokenPage(ctx.db, userId, f);
}

/** The secret is returned once, here, and never again. */
export async function createOwnToken(
  ctx: AppContext, actor: Actor & { id: number }, input: { name: string; scope: TokenScope; expiresInDays: number },
): Promise<{ id: number; name: string; scope: TokenScope; expiresAt: string; token: string }> {
  const { id, token, expiresAt } = await createApiToken(ctx, actor, input);
  return { id, name: input.name, scope: input.scope, expiresAt, token };
}

/** A managed user's tokens (any administrator who sees the user). */
export async function listUserTokens(ctx: AppContext, access: Access, userId: number, f: { includeRevoked: boolean; order: 'asc' | 'desc'; page: number; pageSize: number }) {
  await getManagedUser(ctx, access, userId);
  return findApiTokenPage(ctx.db, userId, f);
}

/** Revokes one token of a managed user; like ending sessions, it needs authority over every unit of the user. */
export async function revokeUserToken(ctx: AppContext, access: Access, userId: number, tokenId: number): Promise<void> {
  const { memberships } = await getWholeAccount(ctx, access, userId);
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await revokeApiToken(tx, userId, tokenId))) throw new AppError('NOT_FOUND', `该用户没有编号为 ${tokenId} 的有效令牌`);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId, orgUnitId: memberships[0]?.orgUnitId, after: { userId } });
  });
}

export async function revokeOwnToken(ctx: AppContext, actor: Actor & { id: number }, tokenId: number): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await revokeApiToken(tx, actor.id, tokenId))) throw new AppError('NOT_FOUND', `找不到编号为 ${tokenId} 的有效令牌`);
    await appendAuditEvent(tx, ctx.dialect, actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId });
  });
}
