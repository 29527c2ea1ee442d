/** Users, their memberships (role at an org unit), sessions and API tokens. */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import { AppError } from '../core/errors.js';
import type { Membership, Role } from '../core/roles.js';

export interface User {
  id: number;
  username: string;
  displayName: string;
  isActive: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  version: number;
  /** Lower-case address for password reset e-mails, or null. */
  email: string | null;
  /** A password set by someone else: the user must choose their own before anything else (FORCE_PASSWORD_CHANGE). */
  mustChangePassword: boolean;
}

export interface UserWithSecret extends User { passwordHash: string }

const columns = ['id', 'username', 'display_name', 'password_hash', 'is_active', 'failed_logins', 'locked_until', 'version', 'email', 'must_change_password'] as const;
type Row = {
  id: number; username: string; display_name: string; password_hash: string; is_active: number; failed_logins: number; locked_until: string | null;
  version: number; email: string | null; must_change_password: number;
};
const toUser = (r: Row): UserWithSecret => ({
  id: r.id, username: r.username, displayName: r.display_name, passwordHash: r.password_hash, isActive: r.is_active === 1,
  failedLogins: r.failed_logins, lockedUntil: r.locked_until, version: r.version, email: r.email, mustChangePassword: r.must_change_password === 1,
});
/** Drops the password hash: the only shape that leaves this module for presenters. */
export const withoutSecret = ({ passwordHash: _p, ...user }: UserWithSecret): User => user;

export async function findUserByUsername(db: Conn, username: string): Promise<UserWithSecret | undefined> {
  const r = await db.selectFrom('users').select(columns).where('username', '=', username).executeTakeFirst();
  return r && toUser(r);
}

/**
 * The account a person named by username or e-mail address (one query either way, so both take the same time); a
 * username wins over another account's address that happens to read the same.
 */
export async function findUserByLogin(db: Conn, login: string): Promise<(UserWithSecret & { firstOrgUnitId: number | null }) | undefined> {
  const rows = await db.selectFrom('users').select(columns)
    .select((eb) => eb.selectFrom('memberships').select('memberships.org_unit_id').whereRef('memberships.user_id', '=', 'users.id')
      .orderBy('memberships.id').limit(1).as('first_org_unit_id'))
    .where((eb) => eb.or([eb('username', '=', login), eb('email', '=', login.toLowerCase())])).limit(2).execute();
  const r = rows.find((x) => x.username === login) ?? rows[0];
  return r && { ...toUser(r), firstOrgUnitId: r.first_org_unit_id ?? null };
}

export async function getUserById(db: Conn, id: number): Promise<UserWithSecret> {
  const r = await db.selectFrom('users').select(columns).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('USER_NOT_FOUND', `找不到编号为 ${id} 的用户`);
  return toUser(r);
}

export async function listUsers(db: Conn): Promise<User[]> {
  return (await db.selectFrom('users').select(columns).orderBy('id').execute()).map((r) => withoutSecret(toUser(r)));
}

export async function insertUser(db: Conn, input: { username: string; displayName: string; passwordHash: string; email?: string | null }): Promise<User> {
  if (await findUserByUsername(db, input.username)) throw new AppError('ALREADY_EXISTS', `用户名 ${input.username} 已存在`);
  if (input.email) await assertEmailFree(db, input.email, null);
  const now = nowIso();
  const { id } = await db.insertInto('users').values({
    username: input.username, display_name: input.displayName, password_hash: input.passwordHash, created_at: now, updated_at: now, email: input.email ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return withoutSecret(await getUserById(db, id));
}

async function assertEmailFree(db: Conn, email: string, userId: number | null): Promise<void> {
  let q = db.selectFrom('users').select('id').where('email', '=', email);
  if (userId !== null) q = q.where('id', '!=', userId);
  if (await q.executeTakeFirst()) throw new AppError('ALREADY_EXISTS', `邮箱 ${email} 已被其他账号使用`, [{ field: 'email', message: '已被使用' }]);
}

/** Sets or clears the user's e-mail address (already lower-case); another account's address is refused. */
export async function updateUserEmail(db: Conn, id: number, email: string | null): Promise<void> {
  if (email) await assertEmailFree(db, email, id);
  await db.updateTable('users').set((eb) => ({ email, updated_at: nowIso(), version: eb('version', '+', 1) })).where('id', '=', id).execute();
}

export async function updateUserSecurity(db: Conn, id: number, fields: {
  passwordHash?: string; failedLogins?: number; lockedUntil?: string | null; isActive?: boolean; displayName?: string; mustChangePassword?: boolean;
}): Promise<void> {
  await db.updateTable('users').set((eb) => ({
    must_change_password: fields.mustChangePassword === undefined ? undefined : fields.mustChangePassword ? 1 : 0,
    password_hash: fields.passwordHash, failed_logins: fields.failedLogins, locked_until: fields.lockedUntil,
    is_active: fields.isActive === undefined ? undefined : fields.isActive ? 1 : 0, display_name: fields.displayName,
    updated_at: nowIso(), version: eb('version', '+', 1),
  })).where('id', '=', id).execute();
}

/**
 * Counts one failed sign-in in a single UPDATE, so failures arriving at once (on one instance or several) are never
 * lost to a read-then-write race: the failure that brings the count to `max` locks the account until `lockUntil` and
 * starts the count afresh. A failure while the account is locked is not counted, as if it had come after the lock
 * (whoever reads the lock first refuses without counting).
 */
export async function recordFailedSignIn(db: Conn, id: number, opts: { max: number; now: string; lockUntil: string }): Promise<void> {
  await db.updateTable('users').set((eb) => {
    const reachesMax = eb('failed_logins', '>=', opts.max - 1);
    return {
      failed_logins: eb.case().when(reachesMax).then(0).else(eb('failed_logins', '+', 1)).end(),
      locked_until: eb.case().when(reachesMax).then(opts.lockUntil).else(null).end(),
      updated_at: opts.now, version: eb('version', '+', 1),
    };
  }).where('id', '=', id).where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', opts.now)])).execute();
}

/** Adds a role at a unit; `complainantDetails` grants readPersonalData with it (an existing one gains the grant, never loses it). */
export async function addMembership(db: Conn, userId: number, orgUnitId: number, role: Role, opts: { complainantDetails?: boolean } = {}): Promise<void> {
  const exists = await db.selectFrom('memberships').select('id').where('user_id', '=', userId).where('org_unit_id', '=', orgUnitId).where('role', '=', role).executeTakeFirst();
  const flag = opts.complainantDetails ? 1 : 0;
  if (!exists) await db.insertInto('memberships').values({ user_id: userId, org_unit_id: orgUnitId, role, complainant_details: flag }).execute();
  else if (flag) await db.updateTable('memberships').set({ complainant_details: 1 }).where('id', '=', exists.id).execute();
}

export async function removeMemberships(db: Conn, userId: number): Promise<void> {
  await db.deleteFrom('memberships').where('user_id', '=', userId).execute();
}

export async function listMemberships(db: Conn, userId: number): Promise<Membership[]> {
  return (await listMembershipsOf(db, [userId])).get(userId) ?? [];
}

/** Memberships of several users at once (a page of the user list), in each user's order. */
export async function listMembershipsOf(db: Conn, userIds: readonly number[]): Promise<Map<number, Membership[]>> {
  const out = new Map<number, Membership[]>();
  if (userIds.length === 0) return out;
  const rows = await db.selectFrom('memberships as m').innerJoin('org_units as o', 'o.id', 'm.org_unit_id')
    .select(['m.user_id', 'm.org_unit_id', 'm.role', 'm.complainant_details', 'o.path', 'o.name']).where('m.user_id', 'in', [...userIds]).orderBy('m.id').execute();
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push({ orgUnitId: r.org_unit_id, role: r.role as Role, orgPath: r.path, orgName: r.name, complainantDetails: r.complainant_details === 1 });
    out.set(r.user_id, list);
  }
  return out;
}

export async function insertSession(db: Conn, s: { id: string; userId: number; csrfToken: string; expiresAt: string }): Promise<void> {
  await db.insertInto('sessions').values({ id: s.id, user_id: s.userId, csrf_token: s.csrfToken, created_at: nowIso(), expires_at: s.expiresAt }).execute();
}

export async function findLiveSession(db: Conn, id: string): Promise<{ userId: number; csrfToken: string; expiresAt: string } | undefined> {
  const r = await db.selectFrom('sessions').select(['user_id', 'csrf_token', 'expires_at'])
    .where('id', '=', id).where('revoked_at', 'is', null).where('expires_at', '>', nowIso()).executeTakeFirst();
  return r && { userId: r.user_id, csrfToken: r.csrf_token, expiresAt: r.expires_at };
}

export async function revokeSessions(db: Conn, filter: { id?: string; userId?: number }): Promise<void> {
  let q = db.updateTable('sessions').set({ revoked_at: nowIso() }).where('revoked_at', 'is', null);
  if (filter.id) q = q.where('id', '=', filter.id);
  if (filter.userId !== undefined) q = q.where('user_id', '=', filter.userId);
  await q.execute();
}

export type TokenScope = 'read' | 'write';

export async function insertApiToken(db: Conn, t: { userId: number; name: string; tokenHash: string; scope: TokenScope; expiresAt: string }): Promise<number> {
  const { id } = await db.insertInto('api_tokens').values({
    user_id: t.userId, name: t.name, token_hash: t.tokenHash, created_at: nowIso(), scope: t.scope, expires_at: t.expiresAt,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A token that is neither revoked nor expired (rows from before expiry existed have one set by migration 012). */
export async function findLiveApiToken(db: Conn, tokenHash: string): Promise<{ id: number; userId: number; scope: TokenScope; lastUsedAt: string | null } | undefined> {
  const r = await db.selectFrom('api_tokens').select(['id', 'user_id', 'scope', 'last_used_at']).where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null).where('expires_at', '>', nowIso()).executeTakeFirst();
  return r && { id: r.id, userId: r.user_id, scope: r.scope === 'write' ? 'write' : 'read', lastUsedAt: r.last_used_at };
}

/** Notes when a token was last used (what its owner and administrators see in the list). */
export async function touchApiToken(db: Conn, id: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: nowIso() }).where('id', '=', id).execute();
}

/** Revokes every live token of the user: whatever ends a user's sessions ends their tokens too. */
export async function revokeApiTokens(db: Conn, userId: number): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: nowIso() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/** Sessions and API tokens of the user, all ended at once (sign out everywhere, a new password, disabling). */
export async function endUserAccess(db: Conn, userId: number): Promise<void> {
  await revokeSessions(db, { userId });
  await revokeApiTokens(db, userId);
}
