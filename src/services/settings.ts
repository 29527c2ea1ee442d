/**
 * Deployment settings (warning thresholds, schedule rules, reporting cycle, closure procedure, reminders): read with
 * their defaults, changed by an administrator of a whole tree (they apply to every unit), audited, at the version the
 * administrator saw.
 */
import type { AppContext } from './context.js';
import type { Conn } from '../db/database.js';
import { AppError } from '../core/errors.js';
import { coversRoot } from '../core/scope.js';
import { resolveSetting, SETTINGS, type SettingKey, type SettingValue } from '../core/settings.js';
import { readSettingRow, writeSettingIfUnchanged } from '../db/settings.repository.js';
import { appendAuditEvent } from '../db/audit.repository.js';
import { forbidden, pathsFor, type Access } from './access.js';
import { enqueueScheduleRefresh } from './follow-up-jobs.js';

/** The setting in force: the stored value over the defaults. */
export async function readSettings<K extends SettingKey>(db: Conn, key: K): Promise<SettingValue<K>> {
  return resolveSetting(key, (await readSettingRow(db, key))?.value);
}

export interface SettingView<K extends SettingKey> { key: K; value: SettingValue<K>; defaults: SettingValue<K>; updatedAt: string | null }

export async function getSettingView<K extends SettingKey>(ctx: AppContext, access: Access, key: K): Promise<SettingView<K>> {
  if (pathsFor(access, 'writeLedger').length === 0) throw forbidden();
  const row = await readSettingRow(ctx.db, key);
  return { key, value: resolveSetting(key, row?.value), defaults: SETTINGS[key].defaults as SettingValue<K>, updatedAt: row?.updatedAt ?? null };
}

/** Replaces a setting; `updatedAt` is the value's version as the administrator read it (null when never set). */
export async function updateSetting<K extends SettingKey>(ctx: AppContext, access: Access, key: K, value: unknown, updatedAt: string | null): Promise<SettingView<K>> {
  // Settings apply to every unit, so only an administrator of a whole tree may change them.
  if (!coversRoot(pathsFor(access, 'writeLedger'))) throw new AppError('FORBIDDEN', '只有最高一级单位的管理员才能修改全局设置');
  const parsed = SETTINGS[key].schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION_FAILED', `设置 ${key} 有误：${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), parsed.error.issues);
  }
  await ctx.db.transaction().execute(async (tx) => {
    const before = await readSettingRow(tx, key);
    if (!(await writeSettingIfUnchanged(tx, key, parsed.data, updatedAt))) {
      throw new AppError('VERSION_CONFLICT', '该设置已被他人修改，请刷新后再改', { current: { key, value: resolveSetting(key, before?.value), updatedAt: before?.updatedAt ?? null } });
    }
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'setting.update', entityType: 'setting', entityId: key, before: before?.value ?? null, after: parsed.data });
    // New thresholds or rules change every colour now, not at tomorrow's refresh.
    if (key === 'warnings' || key === 'schedule') await enqueueScheduleRefresh(tx, `setting:${key}:${(await readSettingRow(tx, key))?.updatedAt ?? ''}`);
  });
  return getSettingView(ctx, access, key);
}
