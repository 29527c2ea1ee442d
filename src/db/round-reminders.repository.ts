/** 催办 sent by hand in a reporting round: one row per unit per China date (migration 019). */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';

export interface RoundReminder { id: number; roundId: number; orgUnitId: number; sentOn: string; sentAt: string; sentBy: number | null; sentByName: string | null; recipients: number; owed: number }

/**
 * Records today's reminder to a unit; undefined when one was already recorded for that unit, round and day (the
 * unique key decides, so two clicks at once record one).
 */
export async function insertRoundReminder(db: Conn, r: { roundId: number; orgUnitId: number; sentOn: string; sentBy: number | null; recipients: number; owed: number }): Promise<number | undefined> {
  const row = await db.insertInto('round_reminders').values({
    round_id: r.roundId, org_unit_id: r.orgUnitId, sent_on: r.sentOn, sent_at: nowIso(), sent_by: r.sentBy, recipients: r.recipients, owed: r.owed,
  }).onConflict((oc) => oc.columns(['round_id', 'org_unit_id', 'sent_on']).doNothing()).returning('id').executeTakeFirst();
  return row?.id;
}

/** The people reached are known only after notifying; the row is written first to hold the day's key. */
export async function setReminderRecipients(db: Conn, id: number, recipients: number): Promise<void> {
  await db.updateTable('round_reminders').set({ recipients }).where('id', '=', id).execute();
}

/** The latest reminder of each unit in the round. */
export async function latestRemindersOfRound(db: Conn, roundId: number): Promise<Map<number, RoundReminder>> {
  const rows = await db.selectFrom('round_reminders as r').leftJoin('users as u', 'u.id', 'r.sent_by')
    .select(['r.id', 'r.round_id', 'r.org_unit_id', 'r.sent_on', 'r.sent_at', 'r.sent_by', 'u.display_name', 'u.username', 'r.recipients', 'r.owed'])
    .where('r.round_id', '=', roundId).orderBy('r.id').execute();
  const out = new Map<number, RoundReminder>();
  for (const r of rows) {
    out.set(r.org_unit_id, {
      id: r.id, roundId: r.round_id, orgUnitId: r.org_unit_id, sentOn: r.sent_on, sentAt: r.sent_at, sentBy: r.sent_by,
      sentByName: r.display_name ?? r.username ?? null, recipients: r.recipients, owed: r.owed,
    });
  }
  return out;
}
