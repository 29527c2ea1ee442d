/**
 * Measures of a task: （一）/1./1、 paragraphs, inline enumerations (…。1.…；2.…), unnumbered paragraphs, and
 * the 一是…二是… items inside a measure.
 *
 * Decision: a measure's `text` is the whole measure as printed — its title sentence AND its items, without the
 * （一） label (the ordinal holds it) — because exporters re-emit `text` verbatim after the label. Paragraphs that
 * belong to one measure (an unnumbered paragraph after （二）, or its 1./2. sub-points) are joined without a line
 * break, as the exporters print a measure as one paragraph; so export → import gives back the same text.
 * `items` is the split of `text` into its 一是/二是 parts (labels removed), or else its sub-points.
 * A paragraph before the first numbered measure (or a task with no numbered measure, as tasks 54 and 63 of the
 * sample) is a measure of its own with ordinal null.
 */
import type { Measure } from '../core/report.js';
import { joinPieces } from './chars.js';
import { type Level, readMarker } from './markers.js';
import { readNumeral } from './numerals.js';

interface Piece {
  text: string;
  level: Level | null;
  number: number | null;
  rest: string;
}

const INLINE = /(?<=^|[。；;：:！!？?])\s*(?:[(（]([一二三四五六七八九十]{1,3})[)）]|(\d{1,2})\s*(?:[.．](?!\d)|、(?!\d))|[(（](\d{1,2})[)）])/g;

/**
 * Splits a paragraph at inline enumeration markers numbered 1, 2, 3… in one style. Pieces are contiguous
 * substrings, so joining them gives the paragraph back unchanged.
 */
export function splitInline(text: string): string[] {
  type Hit = { at: number; style: number; n: number };
  const hits: Hit[] = [];
  for (const m of text.matchAll(INLINE)) {
    const style = m[1] ? 2 : m[2] ? 3 : 4;
    const n = readNumeral(m[1] ?? m[2] ?? m[3] ?? '');
    if (n !== null) hits.push({ at: m.index + (m[0].length - m[0].trimStart().length), style, n });
  }
  for (let i = 0; i < hits.length; i++) {
    const first = hits[i];
    if (!first || first.n !== 1) continue;
    const chain = [first];
    for (const h of hits.slice(i + 1)) {
      const prev = chain[chain.length - 1];
      if (prev && h.style === first.style && h.n === prev.n + 1) chain.push(h);
    }
    if (chain.length < 2) continue;
    const cuts = [0, ...chain.map((h) => h.at).filter((at) => at > 0), text.length];
    const out: string[] = [];
    for (let k = 0; k + 1 < cuts.length; k++) out.push(text.slice(cuts[k], cuts[k + 1]));
    return out.filter((s) => s.trim());
  }
  return [text];
}

const ITEM = /(?<=^|[。；;：:，,！!？?\n])\s*([一二三四五六七八九十]{1,3})(?:是|要)(?![否非])/g;

/** The 一是/二是… items of a measure, each without its label; [] when there is no chain 一是, 二是, …. */
export function splitItems(text: string): string[] {
  const chain: { at: number; end: number }[] = [];
  for (const m of text.matchAll(ITEM)) {
    const n = readNumeral(m[1] ?? '');
    if (n === chain.length + 1) chain.push({ at: m.index, end: m.index + m[0].length });
  }
  if (chain.length < 2) return [];
  return chain.map((c, i) => text.slice(c.end, chain[i + 1]?.at ?? text.length).trim()).filter(Boolean);
}

function toPiece(text: string): Piece {
  const m = readMarker(text);
  // Task headings (level 0) never reach here; a marker without text is not a measure.
  if (!m || m.level === 0) return { text, level: null, number: null, rest: text };
  return { text, level: m.level, number: m.number, rest: m.rest };
}

interface Draft {
  ordinal: number | null;
  text: string;
  subs: string[];
}

/** Builds the measures of a task from its measure paragraphs, in order. */
export function buildMeasures(paragraphs: readonly string[]): Measure[] {
  const pieces = paragraphs.flatMap(splitInline).map(toPiece);
  const measureLevel = pieces.find((p) => p.level !== null)?.level ?? null;
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  for (const p of pieces) {
    if (p.level !== null && p.level === measureLevel) {
      current = { ordinal: p.number, text: p.rest.trim(), subs: [] };
      drafts.push(current);
    } else if (current) {
      current.text = joinPieces(current.text, p.text.trim());
      if (p.level !== null) current.subs.push(p.rest.trim());
    } else {
      drafts.push({ ordinal: null, text: p.text.trim(), subs: [] });
    }
  }
  return drafts
    .filter((d) => d.text)
    .map((d) => {
      const items = splitItems(d.text);
      return { ordinal: d.ordinal, text: d.text, items: items.length ? items : d.subs.filter(Boolean) };
    });
}
