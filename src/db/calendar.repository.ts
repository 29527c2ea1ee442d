/** The working-day calendar's entered years (migration 013): their holidays and adjusted working days (调休). */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import type { CalendarDayKind, CalendarEntry } from '../core/work-calendar.js';

export interface CalendarYear { year: number; enteredBy: number | null; enteredAt: string; days: CalendarEntry[] }

export async function listEnteredYears(db: Conn): Promise<number[]> {
  return (await db.selectFrom('calendar_years').select('year').orderBy('year').execute()).map((r) => r.year);
}

/** Every entered day (a few dozen a year). */
export async function listCalendarEntries(db: Conn): Promise<CalendarEntry[]> {
  const rows = await db.selectFrom('calendar_days').select(['date', 'kind', 'name']).orderBy('date').execute();
  return rows.map((r) => ({ date: r.date, kind: r.kind as CalendarDayKind, name: r.name }));
}

export async function getCalendarYear(db: Conn, year: number): Promise<CalendarYear | null> {
  const y = await db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
  if (!y) return null;
  const rows = await db.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('year', '=', year).orderBy('date').execute();
  return { year, enteredBy: y.entered_by, enteredAt: y.entered_at, days: rows.map((r) => ({ date: r.date, kind: r.kind as CalendarDayKind, name: r.name })) };
}

/** Replaces a year's arrangement with `days` (the caller's transaction). */
export async function replaceCalendarYear(db: Conn, year: number, days: readonly CalendarEntry[], actorId: number | null): Promise<void> {
  await db.deleteFrom('calendar_days').where('year', '=', year).execute();
  await db.deleteFrom('calendar_years').where('year', '=', year).execute();
  await db.insertInto('calendar_years').values({ year, entered_by: actorId, entered_at: nowIso() }).execute();
  if (days.length > 0) await db.insertInto('calendar_days').values(days.map((d) => ({ date: d.date, year, kind: d.kind, name: d.name }))).execute();
}
