/** Reading a deadline as written (整改时限): a date, 立行立改, 长期坚持, or a mix ("2025年底前完成，长期坚持"). */
import type { DeadlineKind } from './schedule.js';

export interface Deadline { kind: DeadlineKind; date: string | null; text: string | null }

const pad = (n: number) => String(n).padStart(2, '0');
function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A period of a year as written: 上半年 → 6, 第三季度 → 9, 年中 → 6 (the month it ends). */
const PERIOD_END: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:上半年|年中)/, 6],
  [/^下半年/, 12],
  [/^(?:第)?(?:一|1)季度/, 3],
  [/^(?:第)?(?:二|2)季度/, 6],
  [/^(?:第)?(?:三|3)季度/, 9],
  [/^(?:第)?(?:四|4)季度/, 12],
];

/**
 * Reads a deadline as written: 2025年底前, 2023年6月, 2023年上半年, 2023年第三季度, 2023-06-30, 2023.6.30, 2023/6,
 * 立行立改, 长期坚持, or a mix ("2022年6月底前并长期坚持" is long-term, with its first date).
 */
export function parseDeadline(written: string | null | undefined): Deadline {
  const text = written?.trim() || null;
  if (!text) return { kind: 'unknown', date: null, text: null };
  // Fullwidth digits and separators (２０２３．１２) read as their ASCII forms.
  const compact = text.replace(/\s+/g, '').replace(/[\uFF10-\uFF19\uFF0E\uFF0F\uFF0D]/g, (c) => c.normalize('NFKC'));
  const iso = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(compact);
  const dotted = /(?<!\d)(\d{4})[./](\d{1,2})(?:[./](\d{1,2}))?(?![\d.])/.exec(compact);
  const cn = /(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(底|末)?/.exec(compact);
  let date: string | null = null;
  const valid = (y: number, m: number, d: number): boolean => m >= 1 && m <= 12 && d >= 1 && d <= lastDayOfMonth(y, m);
  const make = (y: number, m: number, d: number | null): string | null => {
    const day = d ?? (valid(y, m, 1) ? lastDayOfMonth(y, m) : 0);
    return valid(y, m, day) ? `${y}-${pad(m)}-${pad(day)}` : null;
  };
  if (iso) date = make(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  else if (dotted) date = make(Number(dotted[1]), Number(dotted[2]), dotted[3] ? Number(dotted[3]) : null);
  else if (cn) {
    const year = Number(cn[1]);
    let month = cn[2] ? Number(cn[2]) : 12;
    if (!cn[2]) {
      const after = compact.slice(cn.index + cn[0].length);
      month = PERIOD_END.find(([re]) => re.test(after))?.[1] ?? 12;
    }
    date = make(year, month, cn[3] ? Number(cn[3]) : null);
  }
  if (/长期(坚持|持续|推进)|持续推进|常态化/.test(compact)) return { kind: 'long_term', date, text };
  if (date) return { kind: 'by_date', date, text };
  if (/立行立改|立即/.test(compact)) return { kind: 'immediate', date: null, text };
  return { kind: 'unknown', date: null, text };
}

/** The last day a date as precisely as written speaks for: '2023' → '2023-12-31', '2023-06' → '2023-06-30'. */
export function endOfPeriod(written: string): string | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(written.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 12;
  const day = m[3] ? Number(m[3]) : lastDayOfMonth(year, month);
  return `${year}-${pad(month)}-${pad(day)}`;
}
