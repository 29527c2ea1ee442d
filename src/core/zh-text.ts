/**
 * Chinese text as the people who read it write it: dates as 2026年12月7日 (never 2026-12-07 inside a sentence),
 * quarters as 2026年第3季度 (never 2026Q3), and sentences joined without doubled punctuation (现场照片。。请修改).
 * Used by server-made messages and by the web app alike; pure.
 */

const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
const STAMP = /^\d{4}-\d{2}-\d{2}T/;
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * 2026-12-07 → 2026年12月7日, 2026-12 → 2026年12月; an ISO timestamp gives its day in China (UTC+8). Anything else is
 * returned as it is (a deadline written in words, 长期坚持).
 */
export function zhDate(value: string | null | undefined): string {
  if (!value) return '';
  let text = value;
  if (STAMP.test(value)) {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) text = new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  }
  const m = DATE.exec(text);
  if (!m) return value;
  const [, y, mo, d] = m;
  return d ? `${y}年${Number(mo)}月${Number(d)}日` : `${y}年${Number(mo)}月`;
}

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

/** An instant as HH:mm in Beijing time. */
export function chinaTime(isoInstant: string): string {
  return TIME.format(new Date(isoInstant));
}

/** Today's date in China, YYYY-MM-DD, for messages that say "as of today". */
export function chinaDay(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** 2026, 3 → 2026年第3季度. */
export function zhQuarter(year: number, quarter: number): string {
  return `${year}年第${quarter}季度`;
}

/** 2026Q3 / 2026-Q3 → { year: 2026, quarter: 3 }; null when the text is not a quarter. */
export function parseQuarter(text: string): { year: number; quarter: number } | null {
  const m = /^(\d{4})-?Q([1-4])$/i.exec(text.trim());
  return m ? { year: Number(m[1]), quarter: Number(m[2]) } : null;
}

/** A period label as Chinese text: 2026Q3 → 2026年第3季度, 2026-07 → 2026年7月, 2026-07-15 → 2026年7月15日. */
export function zhPeriod(label: string): string {
  const q = parseQuarter(label);
  if (q) return zhQuarter(q.year, q.quarter);
  return zhDate(label);
}

const END = /[。！？；，、：.!?;,:]+$/;
const START = /^[。！？；，、：.!?;,:\s]+/;

/**
 * Sentences joined into one message, each ending in exactly one full stop: a part's own closing punctuation (。，；：)
 * is not doubled by the joiner (现场照片。 + 请修改 → 现场照片。请修改。). Empty parts are left out; a part may end in
 * ？ or ！ of its own, which is kept.
 */
export function joinSentences(...parts: readonly (string | null | undefined | false)[]): string {
  const out: string[] = [];
  for (const raw of parts) {
    if (!raw) continue;
    const text = raw.trim().replace(START, '');
    const core = text.replace(END, '');
    if (!core) continue;
    const ending = /[！？!?]$/.test(text) ? text.slice(-1) : '。';
    out.push(`${core}${ending}`);
  }
  return out.join('');
}

/**
 * Clauses joined with one separator (，by default) into one sentence ending in 。: a clause's own trailing
 * punctuation is dropped first, so no ，。 or 。， appears where two pieces meet.
 */
export function joinClauses(parts: readonly (string | null | undefined | false)[], separator = '，'): string {
  const clauses = parts.filter((p): p is string => !!p).map((p) => p.trim().replace(START, '').replace(END, '')).filter(Boolean);
  return clauses.length ? `${clauses.join(separator)}。` : '';
}
