/**
 * Accounts as such: creating users, their roles and passwords (one's own, or set from the CLI); every change is audited.
 * No scope checks here: administrators manage the users of their subtrees through user-admin.ts, which calls these.
 */
import { z } from 'zod';
import type { AppContext } from './context.js';
import type { Tx } from '../db/database.js';
import { ROLES } from '../core/roles.js';
import { AppError } from '../core/errors.js';
import { appendAuditEvent, type Actor } from '../db/audit.repository.js';
import { addMembership, endUserAccess, findUserByUsername, getUserById, insertUser, listMemberships, updateUserSecurity, type User } from '../db/users.repository.js';
import { getOrgUnitById } from '../db/org-units.repository.js';
import { revokePasswordResets } from '../db/password-resets.repository.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { assertStrongPassword, MIN_PASSWORD_LENGTH } from './password-policy.js';

export const PasswordSchema = z.string().min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`).max(200);
/** An address for password reset e-mails, kept lower-case so one address is one account whatever its spelling. */
export const EmailSchema = z.string().trim().toLowerCase().max(254).email('邮箱地址格式不正确');
/** A role at a unit; `complainantDetails` grants opening complainants' details of the cases there (no role implies it). */
export const MembershipInputSchema = z.object({ orgUnitId: z.number().int().positive(), role: z.enum(ROLES), complainantDetails: z.boolean().optional() });
export const CreateUserSchema = z.object({
  username: z.string().trim().min(2).max(64).regex(/^[\w.@-]+$/, '用户名只能包含字母、数字和 . _ @ -'),
  displayName: z.string().trim().min(1).max(100),
  password: PasswordSchema,
  email: EmailSchema.nullable().optional(),
  memberships: z.array(MembershipInputSchema).min(1, '至少指定一个单位和角色'),
});
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

/**
 * Creates a user. `mustChangePassword`: the password was chosen by someone else (an administrator, the first start),
 * so with FORCE_PASSWORD_CHANGE the user must choose their own at sign-in.
 */
export async function createUser(ctx: AppContext, actor: Actor, input: CreateUserInput, opts: { mustChangePassword?: boolean } = {}): Promise<User> {
  const data = CreateUserSchema.parse(input);
  assertStrongPassword(data.password, data);
  const passwordHash = await hashPassword(data.password);
  return ctx.db.transaction().execute(async (tx) => {
    const user = await insertUser(tx, { username: data.username, displayName: data.displayName, passwordHash, email: data.email ?? null });
    if (opts.mustChangePassword && ctx.config.forcePasswordChange) await updateUserSecurity(tx, user.id, { mustChangePassword: true });
    for (const m of data.memberships) {
      await getOrgUnitById(tx, m.orgUnitId);
      await addMembership(tx, user.id, m.orgUnitId, m.role, { complainantDetails: m.complainantDetails });
    }
    await appendAuditEvent(tx, ctx.dialect, actor, { action: 'user.create', entityType: 'user', entityId: user.id, orgUnitId: data.memberships[0]?.orgUnitId, after: { username: user.username, displayName: user.displayName, email: user.email, memberships: data.memberships } });
    return user;
  });
}

/**
 * A new password inside the caller's transaction, and what must go with it: the lock-out lifted, every session, API
 * token and outstanding reset link ended.
 */
export async function replacePassword(tx: Tx, userId: number, passwordHash: string, opts: { mustChange?: boolean } = {}): Promise<void> {
  await updateUserSecurity(tx, userId, { passwordHash, failedLogins: 0, lockedUntil: null, mustChangePassword: opts.mustChange ?? false });
  await endUserAccess(tx, userId);
  await revokePasswordResets(tx, userId);
}

/** Sets a new password and ends every session of the user. */
export async function setPassword(ctx: AppContext, actor: Actor, username: string, password: string): Promise<void> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw new AppError('USER_NOT_FOUND', `用户 ${username} 不存在`);
  assertStrongPassword(PasswordSchema.parse(password), user);
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (tx) => {
    await replacePassword(tx, user.id, passwordHash);
    await appendAuditEvent(tx, ctx.dialect, actor, { action: 'user.set_password', entityType: 'user', entityId: user.id });
  });
}

/**
 * The signed-in user chooses a new password, proving the current one: it must pass the policy and differ from the
 * current one. Every session and API token ends (the caller signs in again), and a forced change is then done.
 */
export async function changeOwnPassword(ctx: AppContext, userId: number, current: string, next: string): Promise<void> {
  const user = await getUserById(ctx.db, userId);
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw new AppError('VALIDATION_FAILED', '当前密码不正确', [{ field: 'currentPassword', message: '不正确' }]);
  }
  if (current === next) throw new AppError('WEAK_PASSWORD', '新密码不能与当前密码相同', [{ field: 'newPassword', message: '与当前密码相同' }]);
  assertStrongPassword(PasswordSchema.parse(next), user, 'newPassword');
  const passwordHash = await hashPassword(next);
  await ctx.db.transaction().execute(async (tx) => {
    await replacePassword(tx, userId, passwordHash);
    const [first] = await listMemberships(tx, userId);
    await appendAuditEvent(tx, ctx.dialect, { id: userId, name: user.username }, { action: 'user.change_password', entityType: 'user', entityId: userId, orgUnitId: first?.orgUnitId });
  });
}
