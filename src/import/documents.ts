/**
 * Documents cited in a text: titles in 《》 and numbers like 抚政办〔2021〕24号 in any bracket style
 * (〔〕 [] 【】 () and their halfwidth forms), normalized to 〔〕 without spaces: 辽政办〔2020〕33 号 → 辽政办〔2020〕33号.
 * A title followed at once by its number in parentheses — 《…》（抚政办〔2021〕24号） — makes one reference.
 */
import type { DocumentRef } from '../core/report.js';

// The issuer before the bracket is read backwards by hand: a leading [\u4e00-\u9fa5]{0,12} would be retried at
// every character of the text.
const DOCNUM = /[〔[【(（［]\s*((?:19|20)\d{2})\s*[〕\]】)）］]\s*(\d{1,5})\s*号/g;
const PAIRED = /^\s*[(（]\s*([\u4e00-\u9fa5]{0,12})\s*[〔[【(（［]\s*((?:19|20)\d{2})\s*[〕\]】)）］]\s*(\d{1,5})\s*号\s*[)）]/;
const TITLE = /《([^《》]{1,150})》/g;
// Words that end the sentence before an issuer's abbreviation: 印发了抚政办〔…〕 → 抚政办.
const BEFORE_ISSUER = /^.*[了的和及与或按照据为是在以将由对把从经向于等并即见据印转依执行落实（(、，,：:]/;

function issuer(prefix: string): string {
  return prefix.replace(BEFORE_ISSUER, '');
}

function number(prefix: string, year: string, serial: string): string {
  return `${issuer(prefix)}〔${year}〕${Number(serial)}号`;
}

/** Reads the documents a text cites, in order, each once. */
export function extractDocuments(text: string): DocumentRef[] {
  const refs: { at: number; ref: DocumentRef }[] = [];
  const pairedNumbers = new Set<number>();
  for (const m of text.matchAll(TITLE)) {
    const end = m.index + m[0].length;
    const p = PAIRED.exec(text.slice(end, end + 40));
    let num: string | null = null;
    if (p) {
      num = number(p[1] ?? '', p[2] ?? '', p[3] ?? '');
      pairedNumbers.add(end + p[0].indexOf(p[2] ?? '') );
    }
    refs.push({ at: m.index, ref: { title: (m[1] ?? '').trim(), number: num } });
  }
  for (const m of text.matchAll(DOCNUM)) {
    const yearAt = m.index + m[0].indexOf(m[1] ?? '');
    if (pairedNumbers.has(yearAt)) continue;
    let start = m.index;
    while (start > 0 && m.index - start < 12 && /[\u4e00-\u9fa5]/.test(text[start - 1] ?? '')) start--;
    refs.push({ at: start, ref: { title: null, number: number(text.slice(start, m.index), m[1] ?? '', m[2] ?? '') } });
  }
  refs.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  return refs
    .map((r) => r.ref)
    .filter((r) => {
      const key = `${r.title ?? ''}|${r.number ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
