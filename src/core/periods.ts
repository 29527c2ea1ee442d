/**
 * Reporting and follow-up periods (调度周期): the week, month, quarter, half-year or year containing a date, with the
 * Chinese label used on round names and reminders ("2024年6月", "2024年第2季度").
 */
import { addDays } from './workdays.js';

export const CYCLES = ['weekly', 'monthly', 'quarterly', 'half', 'yearly'] as const;
export type Cycle = (typeof CYCLES)[number];
/** The cycles a reporting round may use (domain: monthly is the common default; weekly and quarterly occur). */
export const ROUND_CYCLES = ['weekly', 'monthly', 'quarterly'] as const satisfies readonly Cycle[];
export type RoundCycle = (typeof ROUND_CYCLES)[number];

export interface Period { start: string; end: string; label: string }

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** ISO week: Monday to Sunday; week 1 holds the year's first Thursday. */
function isoWeek(date: string): Period {
  const t = new Date(`${date}T00:00:00Z`);
  const weekday = (t.getUTCDay() + 6) % 7;
  const start = addDays(date, -weekday);
  const thursday = new Date(Date.parse(`${start}T00:00:00Z`) + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { start, end: addDays(start, 6), label: `${year}年第${week}周` };
}

/** The period of the given cycle that contains the date. */
export function periodContaining(cycle: Cycle, date: string): Period {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  switch (cycle) {
    case 'weekly':
      return isoWeek(date);
    case 'monthly':
      return { start: ymd(y, m, 1), end: ymd(y, m, lastDay(y, m)), label: `${y}年${m}月` };
    case 'quarterly': {
      const q = Math.ceil(m / 3);
      return { start: ymd(y, q * 3 - 2, 1), end: ymd(y, q * 3, lastDay(y, q * 3)), label: `${y}年第${q}季度` };
    }
    case 'half':
      return m <= 6
        ? { start: ymd(y, 1, 1), end: ymd(y, 6, 30), label: `${y}年上半年` }
        : { start: ymd(y, 7, 1), end: ymd(y, 12, 31), label: `${y}年下半年` };
    case 'yearly':
      return { start: ymd(y, 1, 1), end: ymd(y, 12, 31), label: `${y}年` };
  }
}
