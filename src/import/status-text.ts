/**
 * Finding the status as written in a status section (整改情况：达到序时进度。 / a 整改完成情况 section of a
 * closure notice / a table cell), and what remains of the section after it.
 */
import { normalizeStatus } from '../core/status.js';
import { stripEndPunct } from './chars.js';
import { readMarker } from './markers.js';

/** Verdict phrases: a clause containing one of these says where the task stands, not what was done. */
const VERDICT =
  /(?:已|全面|基本|已经)?(?:全部)?完成(?:了)?(?:整改|销号|交账)|整改(?:已)?完成(?!情况)|同意销号|予以销号|准予销号|(?:已经?|均已|全部)(?:全部)?(?:整改)?完成(?:整改|治理)?(?:工作|任务)?(?=[，,。；;]|$)|整改完毕|已整改完成|达到验收(?:标准|要求)|达到?(?:序时|时序)进度|超过?(?:序时|时序)进度|未达到?(?:序时|时序)进度|序时进度|销号|长期坚持|需长期|严重滞后|进度滞后|正在(?:推进|整改|实施)|持续推进|尚未启动|未启动|通过(?:\S{0,6})?验收|整改到位|阶段性进展/;

/** A status sentence is short; longer first sentences are prose that merely contains a status word. */
const SHORT = 40;

export interface StatusSplit {
  status: string | null;
  /** The paragraphs left for measures or progress, unchanged except for the status sentence removed. */
  rest: string[];
  /** True when the status was found in prose (a clause of a longer paragraph), not stated on its own. */
  inferred?: boolean;
}

function firstSentence(text: string): { sentence: string; after: string } {
  const m = /[。；;！!？?]/.exec(text);
  if (!m) return { sentence: text, after: '' };
  return { sentence: text.slice(0, m.index), after: text.slice(m.index + 1).trim() };
}

/** The clause (between commas) carrying a verdict, trimmed; null if none. */
export function verdictClause(text: string): string | null {
  for (const sentence of text.split(/[。；;！!？?\n]/)) {
    if (!VERDICT.test(sentence)) continue;
    if (sentence.length <= SHORT && !/[，,]/.test(sentence) && normalizeStatus(sentence).code) return stripEndPunct(sentence);
    const clauses = sentence.split(/[，,]/);
    const i = clauses.findIndex((c) => VERDICT.test(c) && normalizeStatus(c).code !== null);
    if (i < 0) continue;
    // Keep a following long-term clause with it (基本完成整改，长期坚持), and a following qualifier that is a verdict
    // too (正在推进，尚未达到序时进度): the status is both, and the rules read the qualified one.
    const next = clauses[i + 1];
    const qualifies = next && next.length <= 16 && (/长期|持续/.test(next) || (VERDICT.test(next) && normalizeStatus(next).code !== null));
    const both = qualifies ? `${clauses[i]}，${next}` : clauses[i];
    return stripEndPunct(both ?? '');
  }
  return null;
}

/**
 * Reads the status from a status section: its first paragraph (the text after 整改情况：) and the paragraphs that
 * follow it. A short first sentence is the status as written (达到序时进度; 基本完成整改，长期坚持); otherwise the
 * clause stating a verdict, searched in unnumbered paragraphs first.
 */
export function splitStatus(paragraphs: readonly string[]): StatusSplit {
  const paras = paragraphs.filter((p) => p.trim());
  const [first, ...others] = paras;
  if (first === undefined) return { status: null, rest: [] };
  if (!readMarker(first)) {
    const { sentence, after } = firstSentence(first);
    const s = stripEndPunct(sentence);
    if (s && s.length <= SHORT && (normalizeStatus(s).code || (s.length <= 16 && !/\d/.test(s)))) {
      // A sentence of work and verdict (建立巡河制度，查处案件6起，整改任务已完成): the verdict is its clause.
      const v = /[，,]/.test(s) && normalizeStatus(s).code ? verdictClause(s) : s;
      if (v === s || !v) return { status: s, rest: after ? [after, ...others] : others };
      return { status: v, rest: paras };
    }
  }
  // The paragraph right after the label first, then the closing paragraphs (a notice ends with its verdict).
  const plain = others.filter((p) => !readMarker(p));
  const numbered = others.filter((p) => readMarker(p));
  for (const p of [first, ...plain.reverse(), ...numbered]) {
    const v = verdictClause(p);
    if (v) return { status: v, rest: paras, inferred: true };
  }
  return { status: null, rest: paras };
}
