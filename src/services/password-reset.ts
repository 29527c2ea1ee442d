/**
 * Self-service password reset that does not reveal which accounts exist. A request names an account by username or
 * e-mail address and always gets the same answer after the same work: a fresh token and its hash, one look-up, one
 * count and one transaction with its audit event, whether or not the account exists. Only an active account with an
 * address, on a deployment that sends e-mail, gets a link, through the outbox like every other message. The link is
 * single-use, expires after RESET_TTL_MINUTES, and the database keeps only its sha256; neither the log nor the audit
 * trail ever holds the token. Using it sets the password, lifts a lock-out and ends every session and link of the user.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import { MAX_LIVE_RESET_LINKS, RESET_TTL_MINUTES } from '../core/password-reset.js';
import { appendAuditEvent, type Actor } from '../db/audit.repository.js';
import { insertOutboxMessage } from '../db/outbox.repository.js';
import {
  countLivePasswordResets, findPasswordReset, insertPasswordReset, markPasswordResetUsed,
} from '../db/password-resets.repository.js';
import { findUserByLogin, getUserById, listMemberships } from '../db/users.repository.js';
import { nowIso } from '../db/clock.js';
import { sha256 } from './auth.js';
import { channelsOf } from './send-notifications.js';
import { hashPassword } from './passwords.js';
import { PasswordSchema, replacePassword } from './user-accounts.js';
import { assertStrongPassword } from './password-policy.js';

const REQUESTER: Actor = { id: null, name: 'anonymous' };

/** What became of a request: recorded in the audit trail, never told to the requester. */
export type ResetOutcome = 'sent' | 'unknown' | 'inactive' | 'no_email' | 'no_channel' | 'throttled';

/** The answer to every request, whatever became of it. */
export const RESET_REQUESTED_MESSAGE = `如果该账号存在、已启用并登记了邮箱，重置密码的链接已发往该邮箱，${RESET_TTL_MINUTES} 分钟内有效；没有收到请联系本单位管理员`;

export function resetLinkInvalid(): AppError {
  return new AppError('RESET_LINK_INVALID', '重置链接无效、已过期或已使用，请重新申请重置密码');
}

function mailBody(displayName: string, username: string, link: string): string {
  return [
    `${displayName}，您好：`,
    '',
    `有人（希望是您本人）请求重置督察整改台账账号 ${username} 的密码。请在 ${RESET_TTL_MINUTES} 分钟内打开下面的链接设置新密码，链接只能使用一次：`,
    link,
    '',
    '如果不是您本人操作，请忽略本邮件，您的密码不会改变。',
  ].join('\n');
}

export async function requestPasswordReset(ctx: AppContext, login: string, from: { ip: string }): Promise<ResetOutcome> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = sha256(token);
  const user = await findUserByLogin(ctx.db, login.trim());
  const live = await countLivePasswordResets(ctx.db, user?.id ?? 0);
  const outcome: ResetOutcome = !user ? 'unknown' : !user.isActive ? 'inactive' : !user.email ? 'no_email'
    : !channelsOf(ctx.config).includes('email') ? 'no_channel' : live >= MAX_LIVE_RESET_LINKS ? 'throttled' : 'sent';
  await ctx.db.transaction().execute(async (tx) => {
    if (user?.email && outcome === 'sent') {
      const id = await insertPasswordReset(tx, { tokenHash, userId: user.id, expiresAt: new Date(Date.now() + RESET_TTL_MINUTES * 60_000).toISOString() });
      const link = `${ctx.config.publicUrl}/reset-password?token=${token}`;
      await insertOutboxMessage(tx, {
        channel: 'email', recipient: user.email, subject: '督察整改台账：重置密码', body: mailBody(user.displayName, user.username, link), dedupeKey: `password-reset:${id}`,
      });
    }
    await appendAuditEvent(tx, ctx.dialect, REQUESTER, {
      action: 'password_reset.request', entityType: 'user', entityId: user?.id ?? '-', orgUnitId: user?.firstOrgUnitId ?? null, after: { outcome, ip: from.ip },
    });
  });
  return outcome;
}

/** Sets the password through a link; unknown, expired and used links are refused alike. */
export async function confirmPasswordReset(ctx: AppContext, token: string, password: string): Promise<void> {
  const reset = await findPasswordReset(ctx.db, sha256(token));
  if (!reset || reset.usedAt !== null || reset.expiresAt <= nowIso()) throw resetLinkInvalid();
  assertStrongPassword(PasswordSchema.parse(password), await getUserById(ctx.db, reset.userId));
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (tx) => {
    const user = await getUserById(tx, reset.userId);
    // A link used meanwhile (two tabs) or an account disabled since the mail left: the same refusal.
    if (!user.isActive || !(await markPasswordResetUsed(tx, reset.id))) throw resetLinkInvalid();
    await replacePassword(tx, user.id, passwordHash);
    const [first] = await listMemberships(tx, user.id);
    await appendAuditEvent(tx, ctx.dialect, { id: user.id, name: user.username }, { action: 'password_reset.confirm', entityType: 'user', entityId: user.id, orgUnitId: first?.orgUnitId });
  });
}
