/** A user's own in-app notifications: list, count unread, mark read. Nobody reads another user's notifications. */
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import { countUnreadOf, listNotificationsOf, markAllNotificationsRead, markNotificationRead, type NotificationRecord } from '../db/notifications.repository.js';
import type { Access } from './access.js';

const userOf = (access: Access) => {
  if (access.actor.id === null) throw new AppError('UNAUTHENTICATED', '请先登录');
  return access.actor.id;
};

export async function listMyNotifications(ctx: AppContext, access: Access, opts: { unreadOnly?: boolean; beforeId?: number; limit?: number }): Promise<{ items: NotificationRecord[]; unread: number }> {
  const userId = userOf(access);
  return { items: await listNotificationsOf(ctx.db, userId, opts), unread: await countUnreadOf(ctx.db, userId) };
}

export async function readMyNotification(ctx: AppContext, access: Access, id: number): Promise<{ unread: number }> {
  const userId = userOf(access);
  if (!(await markNotificationRead(ctx.db, userId, id))) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的通知`);
  return { unread: await countUnreadOf(ctx.db, userId) };
}

export async function readAllMyNotifications(ctx: AppContext, access: Access): Promise<{ marked: number; unread: number }> {
  const userId = userOf(access);
  const marked = await markAllNotificationsRead(ctx.db, userId);
  return { marked, unread: await countUnreadOf(ctx.db, userId) };
}
