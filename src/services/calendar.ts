/**
 * The working-day calendar: the library's years plus those administrators entered (法定节假日 and 调休), read by
 * every working-day count (公示期). Entering a year — as a list or a pasted table — replaces it, all or nothing,
 * audited; only administrators of a whole tree may, as it applies to every unit.
 */
import { z } from 'zod';
import type { AppContext } from './context.js';
import type { Conn } from '../db/database.js';
import { AppError } from '../core/errors.js';
import { coversRoot } from '../core/scope.js';
import { libraryKnowsYear, parseCalendarTable, workCalendar, type CalendarEntry, type WorkCalendar } from '../core/work-calendar.js';
import { getCalendarYear, listCalendarEntries, listEnteredYears, replaceCalendarYear } from '../db/calendar.repository.js';
import { appendAuditEvent } from '../db/audit.repository.js';
import { forbidden, pathsFor, type Access } from './access.js';

export const YearSchema = z.coerce.number().int().min(2000).max(2100);
export const CalendarDaysSchema = z.array(z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'), kind: z.enum(['holiday', 'workday']), name: z.string().trim().max(50).nullish(),
})).max(200);

/** The calendar in force, inside the caller's transaction. */
export async function loadWorkCalendar(db: Conn): Promise<WorkCalendar> {
  return workCalendar(await listCalendarEntries(db), await listEnteredYears(db));
}

export async function getCalendarYearView(ctx: AppContext, access: Access, year: number) {
  if (pathsFor(access, 'writeLedger').length === 0) throw forbidden();
  const y = await getCalendarYear(ctx.db, year);
  return { year, source: y ? 'entered' as const : libraryKnowsYear(year) ? 'library' as const : 'unknown' as const, enteredAt: y?.enteredAt ?? null, days: y?.days ?? [] };
}

async function replace(ctx: AppContext, access: Access, year: number, days: CalendarEntry[], how: string) {
  if (!coversRoot(pathsFor(access, 'writeLedger'))) throw new AppError('FORBIDDEN', '只有最高一级单位的管理员才能录入节假日安排');
  const outside = days.filter((d) => Number(d.date.slice(0, 4)) !== year || Number.isNaN(Date.parse(`${d.date}T00:00:00Z`)));
  if (outside.length > 0) throw new AppError('VALIDATION_FAILED', `日期 ${outside.map((d) => d.date).join('、')} 无效或不在${year}年`);
  if (new Set(days.map((d) => d.date)).size !== days.length) throw new AppError('VALIDATION_FAILED', '同一日期只能出现一次');
  await ctx.db.transaction().execute(async (tx) => {
    const before = await getCalendarYear(tx, year);
    await replaceCalendarYear(tx, year, days, access.actor.id);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: `calendar.${how}`, entityType: 'calendar', entityId: year,
      before: before ? { days: before.days.length } : null, after: { year, holidays: days.filter((d) => d.kind === 'holiday').length, workdays: days.filter((d) => d.kind === 'workday').length },
    });
  });
  return getCalendarYearView(ctx, access, year);
}

export async function setCalendarYear(ctx: AppContext, access: Access, year: number, raw: unknown) {
  const days = CalendarDaysSchema.parse(raw).map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? null }));
  return replace(ctx, access, year, days, 'set');
}

/** Imports a pasted table (see parseCalendarTable); nothing changes when a line does not read. */
export async function importCalendarYear(ctx: AppContext, access: Access, year: number, text: string) {
  if (!coversRoot(pathsFor(access, 'writeLedger'))) throw new AppError('FORBIDDEN', '只有最高一级单位的管理员才能录入节假日安排');
  return replace(ctx, access, year, parseCalendarTable(text, year), 'import');
}
