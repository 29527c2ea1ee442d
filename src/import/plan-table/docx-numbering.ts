/**
 * Word's automatic numbering, which is not in the text: a 序号 column numbered by a list shows 1, 2, 3… in Word and
 * holds empty paragraphs in the XML; measures numbered by a list lose their （一）/1. as well. The numbers are
 * rebuilt from word/numbering.xml the way Word counts them: per list, through the whole document, a level's count
 * restarting when a level above it advances.
 */
import { CIRCLED_CHARS, numberToChinese } from '../numerals.js';
import { attr, xmlTokens } from './xml.js';

interface Level {
  format: string;
  text: string;
  start: number;
}

export class WordNumbering {
  private readonly levels = new Map<string, Map<number, Level>>(); // abstractNumId → levels
  private readonly lists = new Map<string, { abstract: string; starts: Map<number, number> }>(); // numId → definition
  private readonly counts = new Map<string, number[]>(); // counters by level, per definition or restarted list

  constructor(xml: string | null) {
    if (!xml) return;
    let abstract: Map<number, Level> | null = null;
    let level: (Level & { ilvl: number }) | null = null;
    let num: { abstract: string; starts: Map<number, number> } | null = null;
    let overrideLevel = -1;
    for (const t of xmlTokens(xml)) {
      if (t.kind === 'text') continue;
      const open = t.kind !== 'close';
      const val = (): string => attr(t.attrs, 'w:val') ?? '';
      switch (t.name) {
        case 'abstractNum':
          if (t.kind === 'open') {
            abstract = new Map();
            this.levels.set(attr(t.attrs, 'w:abstractNumId') ?? '', abstract);
          } else if (t.kind === 'close') abstract = null;
          break;
        case 'lvl':
          if (t.kind === 'open' && abstract) level = { ilvl: Number(attr(t.attrs, 'w:ilvl') ?? 0), format: 'decimal', text: '', start: 1 };
          else if (t.kind === 'close' && level && abstract) {
            abstract.set(level.ilvl, level);
            level = null;
          }
          break;
        case 'numFmt':
          if (open && level) level.format = val();
          break;
        case 'lvlText':
          if (open && level) level.text = val();
          break;
        case 'start':
          if (open && level) level.start = Number(val()) || 1;
          break;
        case 'num':
          if (t.kind === 'open') {
            num = { abstract: '', starts: new Map() };
            this.lists.set(attr(t.attrs, 'w:numId') ?? '', num);
          } else if (t.kind === 'close') num = null;
          break;
        case 'abstractNumId':
          if (open && num) num.abstract = val();
          break;
        case 'lvlOverride':
          if (t.kind === 'open') overrideLevel = Number(attr(t.attrs, 'w:ilvl') ?? 0);
          break;
        case 'startOverride':
          if (open && num && overrideLevel >= 0) num.starts.set(overrideLevel, Number(val()) || 1);
          break;
      }
    }
  }

  /** The marker of the next paragraph of list `numId` at level `ilvl` ("1.", "（二）"), or '' for bullets and unknowns. */
  next(numId: string, ilvl: number): string {
    const list = this.lists.get(numId);
    const levels = list ? this.levels.get(list.abstract) : undefined;
    const level = levels?.get(ilvl);
    if (!list || !levels || !level || numId === '0') return '';
    // Lists sharing a definition continue each other's count, unless a list restarts it (startOverride).
    const key = list.starts.size ? `num:${numId}` : `abstract:${list.abstract}`;
    let counts = this.counts.get(key);
    if (!counts) {
      counts = [];
      this.counts.set(key, counts);
    }
    const startOf = (l: number): number => list.starts.get(l) ?? levels.get(l)?.start ?? 1;
    counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl] + 1;
    counts.length = ilvl + 1;
    if (level.format === 'bullet' || level.format === 'none') return '';
    return level.text.replace(/%(\d)/g, (_m, d: string) => {
      const l = Number(d) - 1;
      return format(counts[l] ?? startOf(l), levels.get(l)?.format ?? 'decimal');
    });
  }
}

function format(n: number, numFmt: string): string {
  if (/chinese|ideograph|japaneseCounting|taiwaneseCounting/i.test(numFmt)) return numberToChinese(n);
  if (numFmt === 'decimalEnclosedCircle' || numFmt === 'decimalEnclosedCircleChinese') return CIRCLED_CHARS[n - 1] ?? String(n);
  if (numFmt === 'lowerLetter' || numFmt === 'upperLetter') {
    const ch = String.fromCharCode(96 + (((n - 1) % 26) + 1));
    return numFmt === 'upperLetter' ? ch.toUpperCase() : ch;
  }
  return String(n);
}
