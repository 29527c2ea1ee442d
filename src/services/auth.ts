/**
 * Sign-in, sessions and API tokens. Session and token secrets live only with the client; the database keeps their
 * sha256, so a leaked database does not yield working sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import type { Membership } from '../core/roles.js';
import {
  findLiveApiToken, findLiveSession, findUserByUsername, getUserById, insertApiToken, insertSession, listMemberships,
  recordFailedSignIn, revokeSessions, touchApiToken, updateUserSecurity, withoutSecret, type TokenScope, type User,
} from '../db/users.repository.js';
import { appendAuditEvent } from '../db/audit.repository.js';
import { verifyPassword, hashPassword } from './passwords.js';

export const SESSION_TTL_HOURS = 12;
const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 15;
// Verifying against a real hash even for unknown users keeps response times from revealing which accounts exist.
let dummyHash: Promise<string> | undefined;

export interface Principal {
  user: User;
  memberships: Membership[];
  csrfToken: string | null;
  via: 'session' | 'token';
  /** What a token may do: 'read' tokens only read; a session may do whatever its roles allow ('write'). */
  scope: TokenScope;
}

/** How long an API token lives unless its owner asks for less; at most a year. */
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const token = () => randomBytes(32).toString('base64url');

export async function signIn(ctx: AppContext, username: string, password: string): Promise<{ sessionToken: string; csrfToken: string; principal: Principal }> {
  const user = await findUserByUsername(ctx.db, username);
  // One answer for a wrong password, an unknown user and a locked account, so sign-in never reveals which accounts exist.
  const invalid = new AppError('INVALID_CREDENTIALS', `用户名或密码不正确（连续失败 ${MAX_FAILED_LOGINS} 次后账号将锁定 ${LOCK_MINUTES} 分钟，急需时请联系管理员重置密码）`);
  if (!user) {
    dummyHash ??= hashPassword('not-a-user-password');
    await verifyPassword(await dummyHash, password);
    throw invalid;
  }
  if (user.lockedUntil && user.lockedUntil > new Date().toISOString()) {
    // Locked: the same work and the same answer as a wrong password (even for the right one) until the lock ends.
    await verifyPassword(user.passwordHash, password);
    throw invalid;
  }
  if (!user.isActive || !(await verifyPassword(user.passwordHash, password))) {
    // Counted in the database in one statement: simultaneous failures, on any instance, each count.
    const now = Date.now();
    await recordFailedSignIn(ctx.db, user.id, { max: MAX_FAILED_LOGINS, now: new Date(now).toISOString(), lockUntil: new Date(now + LOCK_MINUTES * 60_000).toISOString() });
    throw invalid;
  }
  const sessionToken = token();
  const csrfToken = token();
  await ctx.db.transaction().execute(async (tx) => {
    await updateUserSecurity(tx, user.id, { failedLogins: 0, lockedUntil: null });
    await insertSession(tx, { id: sha256(sessionToken), userId: user.id, csrfToken, expiresAt: new Date(Date.now() + SESSION_TTL_HOURS * 3_600_000).toISOString() });
    await appendAuditEvent(tx, ctx.dialect, { id: user.id, name: user.username }, { action: 'session.sign_in', entityType: 'user', entityId: user.id });
  });
  return { sessionToken, csrfToken, principal: { user: withoutSecret(user), memberships: await listMemberships(ctx.db, user.id), csrfToken, via: 'session', scope: 'write' } };
}

async function principalFor(ctx: AppContext, userId: number, csrfToken: string | null, via: Principal['via'], scope: TokenScope): Promise<Principal | null> {
  const user = await getUserById(ctx.db, userId);
  if (!user.isActive) return null;
  return { user: withoutSecret(user), memberships: await listMemberships(ctx.db, user.id), csrfToken, via, scope };
}

export async function resolveSession(ctx: AppContext, sessionToken: string): Promise<Principal | null> {
  const s = await findLiveSession(ctx.db, sha256(sessionToken));
  return s ? principalFor(ctx, s.userId, s.csrfToken, 'session', 'write') : null;
}

/** The token's user, when the token is neither revoked nor expired and the user is active. */
export async function resolveApiToken(ctx: AppContext, apiToken: string): Promise<Principal | null> {
  const t = await findLiveApiToken(ctx.db, sha256(apiToken));
  if (!t) return null;
  // Noted at most once a minute: the list shows when a token was last used without a write per request.
  if (!t.lastUsedAt || Date.parse(t.lastUsedAt) < Date.now() - 60_000) await touchApiToken(ctx.db, t.id);
  return principalFor(ctx, t.userId, null, 'token', t.scope);
}

export async function signOut(ctx: AppContext, sessionToken: string): Promise<void> {
  await revokeSessions(ctx.db, { id: sha256(sessionToken) });
}

/** Creates an API token for a machine client; the token is returned once and never stored in clear. */
export async function createApiToken(
  ctx: AppContext, actor: { id: number; name: string }, t: { name: string; scope: TokenScope; expiresInDays: number },
): Promise<{ id: number; token: string; expiresAt: string }> {
  const secret = `rt_${token()}`;
  const expiresAt = new Date(Date.now() + Math.min(t.expiresInDays, TOKEN_MAX_DAYS) * 86_400_000).toISOString();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const created = await insertApiToken(tx, { userId: actor.id, name: t.name, tokenHash: sha256(secret), scope: t.scope, expiresAt });
    await appendAuditEvent(tx, ctx.dialect, actor, { action: 'api_token.create', entityType: 'api_token', entityId: created, after: { name: t.name, scope: t.scope, expiresAt } });
    return created;
  });
  return { id, token: secret, expiresAt };
}
