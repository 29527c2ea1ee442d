/**
 * Source lines → paragraphs. A line break is a paragraph break only when the line before ends a sentence
 * (。；！？：…) or the next line starts a block (a heading, a measure, a labelled field, 附件); every other break is
 * an artefact of the page (PDF line wraps, page breaks, a title split over two lines) and is joined
 * ("2023 年分别完成⏎⏎13家" → "2023年分别完成13家", "均达⏎⏎标" → "均达标").
 * Where the source gives layout (PDF geometry, an indented text copy), a full line ending with 。 followed by a
 * line that is not indented is a wrap, not a break.
 */
import { joinPieces } from './chars.js';
import type { SourceLine } from './source-items.js';
import { isStandaloneLine, readField, readMarker, startsBlock } from './markers.js';

export interface Para {
  text: string;
  /** 1-based line of the input where the paragraph starts (page number for PDFs is lost, the line is kept). */
  line: number;
}

/** Paragraphs longer than this are cut at a sentence end: no real paragraph is this long, and it bounds work. */
export const MAX_PARAGRAPH = 20_000;

const ENDS_SENTENCE = /(?:[。；;！!？?：:…]|[。！？!?]["”’）)])$/;
// A title ends with the kind of document it is; a break after it is real even without punctuation.
const TITLE_END = /(?:情况|报告|公示|公告|方案|通知|清单|台账|进展|说明|汇总表|一览表)$/;

/** True when the text ends a sentence (so a following line break may be a paragraph break). */
export function endsSentence(text: string): boolean {
  return ENDS_SENTENCE.test(text);
}

/** A heading printed without punctuation (一、大气污染防治方面): a break after it is real. */
function isBareHeading(text: string): boolean {
  return text.length <= 30 && !/[，,。；;]/.test(text) && readMarker(text) !== null;
}

function isBreak(prev: string, last: SourceLine, next: SourceLine, index: number): boolean {
  if (next.hard || last.alone || next.alone) return true;
  if (isStandaloneLine(prev) || startsBlock(next.text)) return true;
  // A label standing alone (a form saved one cell per line: 反馈问题⏎普洱市…) has its content on the next line.
  if (prev.length <= 12 && readField(prev)?.content === '') return true;
  const ends = endsSentence(prev);
  if (last.full !== null && next.indent !== null) {
    if (last.full) return ends && next.indent;
    return ends || next.indent || isBareHeading(prev);
  }
  return ends || isBareHeading(prev) || (index < 6 && prev.length <= 60 && TITLE_END.test(prev));
}

/** Joins source lines into paragraphs (see the module comment for the rule). */
export function reflow(lines: readonly SourceLine[]): Para[] {
  const paras: Para[] = [];
  let cur: Para | null = null;
  let last: SourceLine | null = null;
  for (const l of lines) {
    if (cur && last && !isBreak(cur.text, last, l, paras.length) && cur.text.length < MAX_PARAGRAPH) {
      cur.text = joinPieces(cur.text, l.text);
    } else {
      if (cur) paras.push(cur);
      cur = { text: l.text, line: l.line };
    }
    last = l;
  }
  if (cur) paras.push(cur);
  return paras.flatMap(cutLong);
}

/** Cuts a pathological paragraph into pieces of at most MAX_PARAGRAPH characters, at sentence ends where possible. */
function cutLong(p: Para): Para[] {
  if (p.text.length <= MAX_PARAGRAPH) return [p];
  const out: Para[] = [];
  let rest = p.text;
  while (rest.length > MAX_PARAGRAPH) {
    const window = rest.slice(0, MAX_PARAGRAPH);
    const at = Math.max(window.lastIndexOf('。'), window.lastIndexOf('；'));
    const cut = at > MAX_PARAGRAPH / 2 ? at + 1 : MAX_PARAGRAPH;
    out.push({ text: rest.slice(0, cut), line: p.line });
    rest = rest.slice(cut);
  }
  if (rest) out.push({ text: rest, line: p.line });
  return out;
}
