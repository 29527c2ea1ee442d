/**
 * A working-day calendar that knows what it doesn't know. The `chinese-days` tables carry the State Council's
 * holiday arrangements only for the years published when the library was released; administrators enter a later
 * year's official holidays (法定节假日) and adjusted working days (调休) themselves, or paste them as a table. A
 * working-day period that runs into a year neither source covers is refused with a message saying which year to
 * enter — never counted as if that year had no holidays.
 */
import chineseDays from 'chinese-days';
import { AppError } from './errors.js';
import { addDays } from './workdays.js';

export type CalendarDayKind = 'holiday' | 'workday';
export interface CalendarEntry { date: string; kind: CalendarDayKind; name: string | null }

export interface WorkCalendar {
  isWorkingDay(date: string): boolean;
  /** Whether the holidays of the year are known (entered by an administrator, or in the library's tables). */
  knowsYear(year: number): boolean;
}

const libraryYears = new Map<number, boolean>();
/** Years the library has an arrangement for (it lists at least one holiday in the year). */
export function libraryKnowsYear(year: number): boolean {
  let known = libraryYears.get(year);
  if (known === undefined) libraryYears.set(year, (known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0));
  return known;
}

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** The calendar: entered years as entered (weekdays work unless a holiday, weekends rest unless 调休), else the library. */
export function workCalendar(entries: readonly CalendarEntry[], enteredYears: readonly number[]): WorkCalendar {
  const entered = new Set(enteredYears);
  const byDate = new Map(entries.map((e) => [e.date, e.kind]));
  return {
    knowsYear: (year) => entered.has(year) || libraryKnowsYear(year),
    isWorkingDay(date) {
      if (!entered.has(Number(date.slice(0, 4)))) return chineseDays.isWorkday(date);
      const kind = byDate.get(date);
      return kind === 'workday' ? true : kind === 'holiday' ? false : !isWeekend(date);
    },
  };
}

/** The library's calendar alone (what the deployment knows with no year entered). */
export const LIBRARY_CALENDAR: WorkCalendar = workCalendar([], []);

function workingOnOrAfter(cal: WorkCalendar, date: string): string {
  let d = date;
  for (let i = 0; i < 40 && !cal.isWorkingDay(d); i++) d = addDays(d, 1);
  return d;
}

/**
 * The last day of a period of `length` days starting on `start` (the start counts as day one), as periodEndDate
 * counts it, on the given calendar. A working-day period that reaches a year the calendar does not know is refused
 * with CALENDAR_UNKNOWN naming the year.
 */
export function periodEndOn(cal: WorkCalendar, start: string, length: number, kind: 'working' | 'calendar', what = '期限'): string {
  if (length < 1) throw new RangeError('A period lasts at least one day');
  if (kind === 'calendar') return addDays(start, length - 1);
  const check = (d: string) => {
    const year = Number(d.slice(0, 4));
    if (!cal.knowsYear(year)) {
      throw new AppError('CALENDAR_UNKNOWN', `${what}自${start}起按工作日计算，将进入${year}年，但系统尚无${year}年的法定节假日和调休安排，无法准确计算。请系统管理员先在“系统设置 → 节假日安排”中录入${year}年的安排`, { year });
    }
    return d;
  };
  let d = workingOnOrAfter(cal, check(start));
  check(d);
  for (let counted = 1; counted < length; counted++) d = workingOnOrAfter(cal, check(addDays(d, 1)));
  return check(d);
}

/**
 * Reads a pasted table of one year's arrangement: one day or range per line, "2027-01-01 元旦 休",
 * "2027-02-06至2027-02-12 春节 放假", "2027-02-14 春节 调休上班" (tabs, commas or spaces between cells; 休/放假 mark
 * holidays, 班/上班/调休 working days). Every line must parse and fall in `year`; all or nothing.
 */
export function parseCalendarTable(text: string, year: number): CalendarEntry[] {
  const out = new Map<string, CalendarEntry>();
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    // Dates as people write them in Chinese (2027年2月6日) read like 2027-02-06.
    const line = raw.trim().replace(/(\d{4})年(\d{1,2})月(\d{1,2})日/g, (_, y: string, mo: string, d: string) => `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`);
    if (!line || /^(日期|date)/i.test(line)) return;
    const m = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:至|到|~|～|—|-{1,2}|\s+to\s+)\s*(\d{4}-\d{2}-\d{2}))?[\s,，\t]+(?:(.+?)[\s,，\t]+)?(休|休息|放假|假|班|上班|调休上班|调休|补班|off|work)$/i.exec(line);
    if (!m) { errors.push(`第${i + 1}行无法识别：“${line}”（应为“日期 名称 休/班”）`); return; }
    const [, from, to, name, mark] = m;
    const kind: CalendarDayKind = /^(休|休息|放假|假|off)$/i.test(mark!) ? 'holiday' : 'workday';
    const last = to ?? from!;
    if (Number.isNaN(Date.parse(`${from}T00:00:00Z`)) || Number.isNaN(Date.parse(`${last}T00:00:00Z`)) || last < from! || addDays(from!, 40) < last) {
      errors.push(`第${i + 1}行日期无效：“${line}”`);
      return;
    }
    for (let d = from!; d <= last; d = addDays(d, 1)) {
      if (Number(d.slice(0, 4)) !== year) { errors.push(`第${i + 1}行的日期 ${d} 不在${year}年`); return; }
      out.set(d, { date: d, kind, name: name?.trim() || null });
    }
  });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', `节假日安排有${errors.length}行不能导入，未作任何修改：${errors.slice(0, 5).join('；')}`, errors.map((message) => ({ message })));
  if (out.size === 0) throw new AppError('VALIDATION_FAILED', '没有读到任何日期');
  return [...out.values()].sort((a, b) => a.date.localeCompare(b.date));
}
