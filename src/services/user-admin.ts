/**
 * Administrators manage the users of their subtrees. Memberships are granted only at units the administrator
 * manages, and changing them leaves the user's memberships elsewhere untouched. Account-wide actions (disable,
 * password reset, ending sessions) need authority over every unit the user belongs to: a county administrator must
 * not be able to lock out or take over a provincial account that also holds a county role.
 */
import type { AppContext } from './context.js';
import { AppError, ifNotFound } from '../core/errors.js';
import type { Membership, Role } from '../core/roles.js';
import { inScope } from '../core/scope.js';
import { appendAuditEvent } from '../db/audit.repository.js';
import { getOrgUnitById } from '../db/org-units.repository.js';
import {
  addMembership, getUserById, listMemberships, listMembershipsOf, removeMemberships, endUserAccess, updateUserEmail, updateUserSecurity, withoutSecret, type User,
} from '../db/users.repository.js';
import { revokePasswordResets } from '../db/password-resets.repository.js';
import { findUserPage, type UserFilter } from '../db/user-admin.repository.js';
import { createUser, replacePassword } from './user-accounts.js';
import { generatePassword, hashPassword } from './passwords.js';
import { pathsFor, type Access } from './access.js';

export interface ManagedUser { user: User; memberships: Membership[]; hasOtherMemberships: boolean }
type MembershipInput = { orgUnitId: number; role: Role; complainantDetails?: boolean };
/** A membership as the audit trail records it: the grant of complainants' details shows only where held. */
const audited = (m: MembershipInput) => ({ orgUnitId: m.orgUnitId, role: m.role, ...(m.complainantDetails ? { complainantDetails: true } : {}) });

const userNotFound = (id: number) => new AppError('USER_NOT_FOUND', `找不到编号为 ${id} 的用户`);

/** The user as this administrator sees them: only memberships inside the administrator's subtrees. */
async function managedUser(ctx: AppContext, scope: readonly string[], id: number): Promise<ManagedUser> {
  const user = await getUserById(ctx.db, id).catch(ifNotFound(() => { throw userNotFound(id); }));
  const all = await listMemberships(ctx.db, id);
  const visible = all.filter((m) => inScope(scope, m.orgPath));
  if (visible.length === 0) throw userNotFound(id);
  return { user: withoutSecret(user), memberships: visible, hasOtherMemberships: visible.length < all.length };
}

export async function getManagedUser(ctx: AppContext, access: Access, id: number): Promise<ManagedUser> {
  return managedUser(ctx, pathsFor(access, 'manageUsers'), id);
}

export async function listManagedUsers(ctx: AppContext, access: Access, f: Omit<UserFilter, 'scopePaths' | 'orgPath'> & { orgUnitId?: number }) {
  const scope = pathsFor(access, 'manageUsers');
  let orgPath: string | undefined;
  if (f.orgUnitId) {
    orgPath = (await getOrgUnitById(ctx.db, f.orgUnitId)).path;
    if (!inScope(scope, orgPath)) throw new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${f.orgUnitId} 的单位`);
  }
  const { rows, total } = await findUserPage(ctx.db, { ...f, scopePaths: scope, orgPath });
  const byUser = await listMembershipsOf(ctx.db, rows.map((u) => u.id));
  const items = rows.map((user): ManagedUser => {
    const all = byUser.get(user.id) ?? [];
    const memberships = all.filter((m) => inScope(scope, m.orgPath));
    return { user, memberships, hasOtherMemberships: memberships.length < all.length };
  });
  return { items, total };
}

/** Every unit must be one the administrator manages; others answer like absent. */
async function assertGrantable(ctx: AppContext, scope: readonly string[], memberships: readonly MembershipInput[]): Promise<void> {
  for (const m of memberships) {
    const unit = await getOrgUnitById(ctx.db, m.orgUnitId);
    if (!inScope(scope, unit.path)) throw new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${m.orgUnitId} 的单位`);
  }
}

/** Creates a user; without a password, a random one is generated and returned once. */
export async function createManagedUser(
  ctx: AppContext, access: Access, input: { username: string; displayName: string; password?: string; email?: string | null; memberships: MembershipInput[] },
): Promise<{ user: ManagedUser; password: string | null }> {
  const scope = pathsFor(access, 'manageUsers');
  await assertGrantable(ctx, scope, input.memberships);
  const password = input.password ?? generatePassword();
  const user = await createUser(ctx, access.actor, { ...input, password }, { mustChangePassword: true });
  return { user: await managedUser(ctx, scope, user.id), password: input.password ? null : password };
}

/** Replaces the user's memberships inside the administrator's subtrees; memberships elsewhere stay. One transaction. */
export async function setManagedMemberships(ctx: AppContext, access: Access, id: number, memberships: MembershipInput[]): Promise<ManagedUser> {
  const scope = pathsFor(access, 'manageUsers');
  await managedUser(ctx, scope, id);
  await assertGrantable(ctx, scope, memberships);
  await ctx.db.transaction().execute(async (tx) => {
    const before = await listMemberships(tx, id);
    const kept = before.filter((m) => !inScope(scope, m.orgPath)).map((m) => ({ orgUnitId: m.orgUnitId, role: m.role, complainantDetails: m.complainantDetails }));
    if (memberships.length + kept.length === 0) {
      throw new AppError('VALIDATION_FAILED', '用户至少要在一个单位任职；如要停用账号，请使用“停用”', [{ field: 'memberships', message: '不能为空' }]);
    }
    await removeMemberships(tx, id);
    for (const m of [...memberships, ...kept]) await addMembership(tx, id, m.orgUnitId, m.role, { complainantDetails: m.complainantDetails });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'user.memberships', entityType: 'user', entityId: id, orgUnitId: (memberships[0] ?? before.find((m) => inScope(scope, m.orgPath)))?.orgUnitId,
      before: before.filter((m) => inScope(scope, m.orgPath)).map(audited), after: memberships.map(audited),
    });
  });
  // Taking away every membership inside this subtree is allowed (the user keeps those elsewhere) and leaves the view.
  if (memberships.length === 0) return { user: withoutSecret(await getUserById(ctx.db, id)), memberships: [], hasOtherMemberships: true };
  return managedUser(ctx, scope, id);
}

/** The user, when every one of their memberships lies in the administrator's subtrees; else 403. */
export async function getWholeAccount(ctx: AppContext, access: Access, id: number): Promise<ManagedUser> {
  const managed = await getManagedUser(ctx, access, id);
  if (managed.hasOtherMemberships) throw new AppError('FORBIDDEN', '该用户还在您管理范围以外的单位任职，账号级操作须由上级管理员进行');
  return managed;
}

export async function setUserActive(ctx: AppContext, access: Access, id: number, active: boolean): Promise<ManagedUser> {
  const { memberships } = await getWholeAccount(ctx, access, id);
  if (!active && id === access.actor.id) throw new AppError('INVALID_TRANSITION', '不能停用自己的账号');
  await ctx.db.transaction().execute(async (tx) => {
    await updateUserSecurity(tx, id, active ? { isActive: true, failedLogins: 0, lockedUntil: null } : { isActive: false });
    // Disabling ends sessions and tokens for good: enabling again revives neither.
    if (!active) await endUserAccess(tx, id);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: active ? 'user.enable' : 'user.disable', entityType: 'user', entityId: id, orgUnitId: memberships[0]?.orgUnitId });
  });
  return getManagedUser(ctx, access, id);
}

/** A new random password, shown once; every session of the user ends and any lock-out is lifted. */
export async function resetUserPassword(ctx: AppContext, access: Access, id: number): Promise<string> {
  const { memberships } = await getWholeAccount(ctx, access, id);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (tx) => {
    await replacePassword(tx, id, passwordHash, { mustChange: ctx.config.forcePasswordChange });
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'user.reset_password', entityType: 'user', entityId: id, orgUnitId: memberships[0]?.orgUnitId });
  });
  return password;
}

/**
 * Sets or clears the address password reset e-mails go to. Account-wide: whoever sets the address can reset the
 * password through it, so it needs authority over every unit of the user. Outstanding reset links end with the change.
 */
export async function setUserEmail(ctx: AppContext, access: Access, id: number, email: string | null, version: number): Promise<ManagedUser> {
  const { memberships } = await getWholeAccount(ctx, access, id);
  await ctx.db.transaction().execute(async (tx) => {
    const current = await getUserById(tx, id);
    if (current.version !== version) throw new AppError('VERSION_CONFLICT', '该用户已被他人修改，请刷新后再改', { current: { version: current.version, email: current.email } });
    if (current.email === email) return;
    await updateUserEmail(tx, id, email);
    await revokePasswordResets(tx, id);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'user.set_email', entityType: 'user', entityId: id, orgUnitId: memberships[0]?.orgUnitId, before: { email: current.email }, after: { email } });
  });
  return getManagedUser(ctx, access, id);
}

export async function revokeUserSessions(ctx: AppContext, access: Access, id: number): Promise<void> {
  const { memberships } = await getWholeAccount(ctx, access, id);
  await ctx.db.transaction().execute(async (tx) => {
    await endUserAccess(tx, id);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'user.revoke_sessions', entityType: 'user', entityId: id, orgUnitId: memberships[0]?.orgUnitId });
  });
}
