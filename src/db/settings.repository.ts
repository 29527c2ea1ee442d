/** Deployment settings (reporting cycle, notice period, warning thresholds…), stored as JSON by key. */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';

export async function readSetting<T>(db: Conn, key: string): Promise<T | undefined> {
  const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return r ? (JSON.parse(r.value) as T) : undefined;
}

export async function writeSetting(db: Conn, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  const now = nowIso();
  const updated = await db.updateTable('settings').set({ value: json, updated_at: now }).where('key', '=', key).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('settings').values({ key, value: json, updated_at: now }).execute();
}

export async function readAllSettings(db: Conn): Promise<Record<string, unknown>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}
