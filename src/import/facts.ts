/**
 * Figures worth keeping as data: counts (227件, 24家), quantities (203.76亩, 1200吨/日), percentages (30%),
 * money (2.78亿元) and dates (2023年6月28日, 截至2022年底). Values are the numbers as printed (0.7万吨 → 0.7 with
 * unit 万吨, not 7000 吨). A range (50-60毫升, 2021-2023年) keeps its text and has value null.
 * Dates have a sortable value YYYYMMDD: a missing month or day is 00 (2022年10月 → 20221000); 底/末 is the last
 * day (截至2022年底 → 20221231), 初 the first, 上半年 June 30.
 */
import type { Fact } from '../core/report.js';

type Kind = Fact['kind'];

const UNIT_KINDS: ReadonlyArray<readonly [Kind, readonly string[]]> = [
  ['money', ['亿元', '万元', '元']],
  ['percent', ['个百分点', '%', '‰']],
  ['quantity', ['万吨标准煤', '吨标准煤', '万吨/日', '万吨/年', '吨/日', '吨/天', '吨/年', '万吨', '吨', '万亩次', '万亩', '亩次', '亩', '平方公里', '公里', '千米', '万平方米', '平方米', '万立方米/日', '立方米/日', '万立方米', '立方米', '公顷', '毫升', '万千瓦时', '万千瓦', '千瓦', '兆瓦', '公斤', '千克', '米']],
  ['count', ['万株', '株', '人次', '家', '个', '件', '座', '处', '台', '户', '项', '人', '次', '辆', '条', '所', '宗', '批', '套', '艘']],
];
const KIND_OF = new Map<string, Kind>();
for (const [kind, units] of UNIT_KINDS) for (const u of units) KIND_OF.set(u, kind);
const UNIT_ALT = [...KIND_OF.keys()].sort((a, b) => b.length - a.length).map((u) => u.replace(/[/%]/g, '\\$&')).join('|');

const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const QUANTITY = new RegExp(String.raw`(?<![\d.A-Za-z第])${NUMBER}(?:\s*[-—~～至到]\s*${NUMBER})?(余|多)?(${UNIT_ALT})`, 'g');
const DATE = /(截至|截止到?|到)?(?<!\d)(\d{4})(?:\s*[-—~～至到]\s*(\d{4}))?年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(年底|年末|年初|上半年|下半年|底|末|初)?/g;

// Document titles and numbers are names, not figures: 《…2021年本》 and 〔2021〕24号 are masked first.
const MASK = /《[^《》]{0,200}》|[〔[【(（［]\s*\d{4}\s*[〕\]】)）］]\s*\d{1,5}\s*号/g;

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dateValue(y: number, m: number | null, d: number | null, suffix: string | undefined): number | null {
  if (y < 1949 || y > 2100 || (m !== null && (m < 1 || m > 12)) || (d !== null && (d < 1 || d > 31))) return null;
  let month = m ?? 0;
  let day = d ?? 0;
  if (suffix === '上半年') [month, day] = [6, 30];
  else if (suffix === '下半年') [month, day] = [12, 31];
  else if (suffix && /底|末/.test(suffix)) {
    if (!month || suffix.startsWith('年')) month = 12;
    day = lastDay(y, month);
  } else if (suffix && /初/.test(suffix)) {
    if (!month || suffix.startsWith('年')) month = 1;
    day = 1;
  }
  return y * 10000 + month * 100 + day;
}

/** Reads the figures of a text, each once (first occurrence), in order of appearance. */
export function extractFacts(text: string): Fact[] {
  const masked = text.replace(MASK, '|');
  const found: { at: number; fact: Fact }[] = [];
  for (const m of masked.matchAll(DATE)) {
    const y = Number(m[2]);
    const value = m[3] ? null : dateValue(y, m[4] ? Number(m[4]) : null, m[5] ? Number(m[5]) : null, m[6]);
    if (y < 1949 || y > 2100) continue;
    const prefix = m[1] === '到' ? '' : (m[1] ?? '');
    found.push({ at: m.index, fact: { kind: 'date', text: prefix + m[0].slice((m[1] ?? '').length), value, unit: null } });
  }
  for (const m of masked.matchAll(QUANTITY)) {
    const unit = m[4] ?? '';
    const kind = KIND_OF.get(unit);
    if (!kind) continue;
    const value = m[2] ? null : Number((m[1] ?? '').replace(/,/g, ''));
    found.push({ at: m.index, fact: { kind, text: m[0], value: Number.isFinite(value) ? value : null, unit } });
  }
  found.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  const out: Fact[] = [];
  for (const { fact } of found) {
    const key = `${fact.kind}|${fact.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fact);
  }
  return out;
}
