/**
 * Calendar arithmetic on 'YYYY-MM-DD' dates, with Chinese working days: statutory holidays (法定节假日) and the
 * adjusted working days (调休) that swap weekends for holidays, from the `chinese-days` tables. Notice periods (公示)
 * and report due dates are counted in either working or calendar days, as a deployment setting says.
 */
import chineseDays from 'chinese-days';

export type DayKind = 'working' | 'calendar';
export const DAY_KINDS = ['working', 'calendar'] as const satisfies readonly DayKind[];

const DAY_MS = 86_400_000;

/** Whole days from a to b, negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** A working day in mainland China: weekdays that are not holidays, plus weekend days worked in lieu (调休). */
export function isWorkingDay(date: string): boolean {
  return chineseDays.isWorkday(date);
}

/** The date itself when it is a working day, else the first working day after it. */
export function workingDayOnOrAfter(date: string): string {
  let d = date;
  // Bounded: the longest run of non-working days (Spring Festival plus weekends) is well under 20 days.
  for (let i = 0; i < 30 && !isWorkingDay(d); i++) d = addDays(d, 1);
  return d;
}

/**
 * The last day of a period of `length` days that starts on `start` (the start counts as day one). In working days,
 * a start on a non-working day counts from the next working day, so a 5-working-day notice posted on a Sunday before
 * National Day still gets five full working days.
 */
export function periodEndDate(start: string, length: number, kind: DayKind): string {
  if (length < 1) throw new RangeError('A period lasts at least one day');
  if (kind === 'calendar') return addDays(start, length - 1);
  let d = workingDayOnOrAfter(start);
  for (let counted = 1; counted < length; counted++) d = workingDayOnOrAfter(addDays(d, 1));
  return d;
}

/** The date `n` days after `date` (n ≥ 0), counting working days (the result is a working day) or calendar days. */
export function addDaysOfKind(date: string, n: number, kind: DayKind): string {
  if (n <= 0) return kind === 'working' ? workingDayOnOrAfter(date) : date;
  return periodEndDate(addDays(date, 1), n, kind);
}
