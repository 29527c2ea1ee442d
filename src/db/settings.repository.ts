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

/** The stored value with the time it was last written (the version a client saw), or undefined when never set. */
export async function readSettingRow(db: Conn, key: string): Promise<{ value: unknown; updatedAt: string } | undefined> {
  const r = await db.selectFrom('settings').select(['value', 'updated_at']).where('key', '=', key).executeTakeFirst();
  return r && { value: JSON.parse(r.value) as unknown, updatedAt: r.updated_at };
}

/**
 * Writes only when the stored row is still the one the client saw (`expectedUpdatedAt`, null for "never set");
 * returns false when someone else wrote in between. A first write racing another one fails on the primary key.
 */
export async function writeSettingIfUnchanged(db: Conn, key: string, value: unknown, expectedUpdatedAt: string | null): Promise<boolean> {
  const json = JSON.stringify(value);
  const now = nowIso();
  if (expectedUpdatedAt === null) {
    const exists = await db.selectFrom('settings').select('key').where('key', '=', key).executeTakeFirst();
    if (exists) return false;
    await db.insertInto('settings').values({ key, value: json, updated_at: now }).execute();
    return true;
  }
  const res = await db.updateTable('settings').set({ value: json, updated_at: now }).where('key', '=', key).where('updated_at', '=', expectedUpdatedAt).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
