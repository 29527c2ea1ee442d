/**
 * Figures in report text, keyed by what they measure. A figure's key is the words around it in its clause with the
 * digits taken out ("建立了…重点企业管控名单|家"), so that the same sentence in next year's report, with new
 * numbers, gives the same key and the two values can be compared.
 */

export interface Figure {
  /** The clause's words before the number, and after it (joined by …), digits and spaces removed. */
  context: string;
  unit: string;
  value: number;
  /** As printed: "30%", "2.78 亿元". */
  text: string;
  /** context|unit, with #n for the n-th repeat within one text. */
  key: string;
}

// Longest units first, so that 万吨 is not read as 吨. Years, months and days are dates, not figures.
const UNITS = ['万吨标准煤', '平方公里', '吨/日', '万亩次', '万千瓦', '亿元', '万元', '万吨', '万亩', '万株', '万人', '公里', '千米', '%', '％', '元', '吨', '亩', '株', '家', '个', '件', '座', '台', '户', '项', '人', '次', '辆', '处', '条', '米'];
const FIGURE = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${UNITS.map((u) => u.replace(/[/%]/g, '\\$&')).join('|')})`, 'g');
const CLAUSE_END = /[。；;，,：:！？!?\n]/;
const MAX_CONTEXT = 16;
const MAX_AFTER = 10;

/** Finds the figures of a text, each with its comparison key. Figures with no words before them are skipped. */
export function extractFigures(text: string): Figure[] {
  const figures: Figure[] = [];
  const seen = new Map<string, number>();
  for (const m of text.matchAll(FIGURE)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const clause = before.split(CLAUSE_END).pop() ?? '';
    // A digit right before the match means we are inside a longer number (e.g. 2.78 read from 12.78): skip.
    if (/[\d.]$/.test(before)) continue;
    const lead = clause.replace(/[\d.\s]+/g, '').slice(-MAX_CONTEXT);
    if (!/[\u4e00-\u9fa5]/.test(lead)) continue;
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 30).split(CLAUSE_END)[0] ?? '';
    const tail = rest.replace(/[\d.\s]+/g, '').slice(0, MAX_AFTER);
    const context = tail ? `${lead}…${tail}` : lead;
    const unit = (m[2] ?? '').replace('％', '%');
    const base = `${context}|${unit}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    figures.push({ context, unit, value: Number(m[1]), text: m[0], key: n > 1 ? `${base}#${n}` : base });
  }
  return figures;
}
