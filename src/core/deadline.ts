/** Reading a deadline as written (整改时限): a date, 立行立改, 长期坚持, or a mix ("2025年底前完成，长期坚持"). */
import type { DeadlineKind } from './schedule.js';

export interface Deadline { kind: DeadlineKind; date: string | null; text: string | null }

const pad = (n: number) => String(n).padStart(2, '0');
function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseDeadline(written: string | null | undefined): Deadline {
  const text = written?.trim() || null;
  if (!text) return { kind: 'unknown', date: null, text: null };
  const compact = text.replace(/\s+/g, '');
  const iso = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(compact);
  const cn = /(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(底|末)?/.exec(compact);
  let date: string | null = null;
  if (iso) date = `${iso[1]}-${pad(Number(iso[2]))}-${pad(Number(iso[3]))}`;
  else if (cn) {
    const year = Number(cn[1]);
    const month = cn[2] ? Number(cn[2]) : 12;
    const day = cn[3] ? Number(cn[3]) : lastDayOfMonth(year, month);
    date = `${year}-${pad(month)}-${pad(day)}`;
  }
  if (/长期(坚持|持续)/.test(compact)) return { kind: 'long_term', date, text };
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
