/**
 * In-app notifications, and who receives them. Each notification carries a unique dedupe key, so a reminder created
 * twice (a job run twice, two workers at once) exists once.
 */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import type { Role } from '../core/roles.js';

/** `params`: the values title and body were composed of, for readers who word the notice from its kind (migration 021). */
export type NoticeParams = Readonly<Record<string, string | number>>;

export interface NewNotification { userId: number; orgUnitId: number | null; kind: string; title: string; body: string; link: string | null; params?: NoticeParams; dedupeKey: string }

/** Inserts unless the dedupe key exists; returns the new id, or undefined when it already existed. */
export async function insertNotification(db: Conn, n: NewNotification): Promise<number | undefined> {
  const r = await db.insertInto('notifications').values({
    user_id: n.userId, org_unit_id: n.orgUnitId, kind: n.kind, title: n.title, body: n.body, link: n.link, params: n.params ? JSON.stringify(n.params) : null, created_at: nowIso(), dedupe_key: n.dedupeKey,
  }).onConflict((oc) => oc.column('dedupe_key').doNothing()).returning('id').executeTakeFirst();
  return r?.id;
}

export interface NotificationRecord { id: number; kind: string; title: string; body: string; link: string | null; params: NoticeParams | null; orgUnitId: number | null; createdAt: string; readAt: string | null }

export async function listNotificationsOf(db: Conn, userId: number, opts: { unreadOnly?: boolean; beforeId?: number; limit?: number } = {}): Promise<NotificationRecord[]> {
  let q = db.selectFrom('notifications').select(['id', 'kind', 'title', 'body', 'link', 'params', 'org_unit_id', 'created_at', 'read_at'])
    .where('user_id', '=', userId).orderBy('id', 'desc').limit(Math.min(opts.limit ?? 50, 200));
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  return (await q.execute()).map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, params: r.params ? JSON.parse(r.params) as NoticeParams : null, orgUnitId: r.org_unit_id, createdAt: r.created_at, readAt: r.read_at }));
}

export async function countUnreadOf(db: Conn, userId: number): Promise<number> {
  const r = await db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one of the user's own notifications read; false when it is not theirs (or does not exist). */
export async function markNotificationRead(db: Conn, userId: number, id: number): Promise<boolean> {
  const mine = await db.selectFrom('notifications').select('read_at').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!mine) return false;
  if (mine.read_at === null) await db.updateTable('notifications').set({ read_at: nowIso() }).where('id', '=', id).execute();
  return true;
}

export async function markAllNotificationsRead(db: Conn, userId: number): Promise<number> {
  const res = await db.updateTable('notifications').set({ read_at: nowIso() }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export interface Recipient { userId: number; username: string; orgUnitId: number; role: Role }

/** Active users holding one of the roles at one of the units (not below them). */
export async function listMembersWithRoles(db: Conn, orgUnitIds: readonly number[], roles: readonly Role[]): Promise<Recipient[]> {
  if (orgUnitIds.length === 0 || roles.length === 0) return [];
  const rows = await db.selectFrom('memberships as m').innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.username', 'm.org_unit_id', 'm.role'])
    .where('m.org_unit_id', 'in', [...orgUnitIds]).where('m.role', 'in', [...roles]).where('u.is_active', '=', 1).orderBy('u.id').execute();
  return rows.map((r) => ({ userId: r.id, username: r.username, orgUnitId: r.org_unit_id, role: r.role as Role }));
}
