/**
 * Creating notifications: who should hear of something (the responsible unit's reporters, the reviewers over it, the
 * supervising level's administrators), the in-app notification for each of them (idempotent by dedupe key) and, when
 * the deployment has a delivery channel configured, the outbox message beside it.
 */
import type { AppContext } from './context.js';
import type { Conn } from '../db/database.js';
import type { Role } from '../core/roles.js';
import { ancestorIds, getOrgUnitById } from '../db/org-units.repository.js';
import { insertNotification, listMembersWithRoles, type NoticeParams, type Recipient } from '../db/notifications.repository.js';
import { insertOutboxMessage } from '../db/outbox.repository.js';

/** `title` and `body` in Chinese (e-mail and webhook carry them); `params` the values they were composed of, for the web to word them from `kind`. */
export interface NoticeContent { kind: string; title: string; body: string; link: string | null; orgUnitId: number | null; params?: NoticeParams }

export type Channel = 'email' | 'webhook';

/** The delivery channels this deployment has: SMTP when SMTP_URL is set, a webhook when WEBHOOK_URL is; else in-app only. */
export function channelsOf(config: AppContext['config']): Channel[] {
  return [...(config.smtpUrl ? ['email' as const] : []), ...(config.webhookUrl ? ['webhook' as const] : [])];
}

/** Users have no separate address field: a username that is an e-mail address receives e-mail; others get in-app and webhook. */
function addressFor(channel: Channel, r: Pick<Recipient, 'username'>): string | null {
  if (channel === 'webhook') return r.username;
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r.username) ? r.username : null;
}

/** One notification per recipient (deduplicated per user); returns how many were new. */
export async function notify(ctx: Pick<AppContext, 'config'>, tx: Conn, recipients: readonly Pick<Recipient, 'userId' | 'username'>[], content: NoticeContent, dedupeBase: string): Promise<number> {
  let created = 0;
  const seen = new Set<number>();
  for (const r of recipients) {
    if (seen.has(r.userId)) continue;
    seen.add(r.userId);
    const dedupeKey = `${dedupeBase}:u${r.userId}`;
    const id = await insertNotification(tx, { ...content, userId: r.userId, dedupeKey });
    if (id === undefined) continue;
    created++;
    for (const channel of channelsOf(ctx.config)) {
      const recipient = addressFor(channel, r);
      if (recipient) await insertOutboxMessage(tx, { channel, recipient, subject: content.title, body: content.link ? `${content.body}\n${content.link}` : content.body, dedupeKey: `${dedupeKey}:${channel}` });
    }
  }
  return created;
}

/** Holders of the roles at the nearest unit, from this one upwards, that has any. */
async function nearestWithRoles(db: Conn, orgUnitId: number, roles: readonly Role[]): Promise<Recipient[]> {
  const chain = ancestorIds(await getOrgUnitById(db, orgUnitId)).reverse();
  const members = await listMembersWithRoles(db, chain, roles);
  for (const id of chain) {
    const here = members.filter((m) => m.orgUnitId === id);
    if (here.length > 0) return here;
  }
  return [];
}

/** Those who report for a unit: its reporters and administrators (or the nearest level above that has some). */
export const responsibleRecipients = (db: Conn, orgUnitId: number) => nearestWithRoles(db, orgUnitId, ['reporter', 'admin']);

/** Those who review a unit's work: its reviewers and administrators (or the nearest level above that has some). */
export const reviewerRecipients = (db: Conn, orgUnitId: number) => nearestWithRoles(db, orgUnitId, ['reviewer', 'admin']);

/** The supervising level: administrators of the unit's parent (督办), when it has a parent. */
export async function supervisorRecipients(db: Conn, orgUnitId: number): Promise<Recipient[]> {
  const unit = await getOrgUnitById(db, orgUnitId);
  return unit.parentId === null ? [] : listMembersWithRoles(db, [unit.parentId], ['admin']);
}

/** Holders of the roles exactly at the unit (the accepting unit of a closure). */
export const membersAt = (db: Conn, orgUnitId: number, roles: readonly Role[]) => listMembersWithRoles(db, [orgUnitId], roles);
