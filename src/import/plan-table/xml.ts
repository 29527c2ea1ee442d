/**
 * A small, linear scanner over the XML of OOXML parts (sheet XML, shared strings, Word's document.xml). The parts
 * are machine-written and flat enough that a tag/text tokenizer is all a table reader needs; it never builds a tree,
 * so a 500-task sheet is read in milliseconds.
 */

export type XmlToken =
  | { kind: 'open' | 'empty' | 'close'; name: string; attrs: string }
  | { kind: 'text'; text: string };

const TOKEN = /<(\/?)([A-Za-z_][\w:.-]*)([^>]*?)(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|<[?!][^>]*>|([^<]+)/g;

/** The tags (by local name) and texts of an XML document, in order; comments and declarations skipped. */
export function* xmlTokens(xml: string): Generator<XmlToken> {
  const re = new RegExp(TOKEN.source, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[2] !== undefined) {
      // Local names: writers differ in prefixes (x:row from the Open XML SDK, w:tbl from Word).
      const colon = m[2].indexOf(':');
      const name = colon < 0 ? m[2] : m[2].slice(colon + 1);
      if (m[1]) yield { kind: 'close', name, attrs: '' };
      else yield { kind: m[4] ? 'empty' : 'open', name, attrs: m[3] ?? '' };
    } else if (m[5] !== undefined) {
      yield { kind: 'text', text: m[5] };
    } else if (m[6] !== undefined) {
      yield { kind: 'text', text: decodeEntities(m[6]) };
    }
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five named entities and numeric character references. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (all, e: string) => {
    if (e.startsWith('#x')) return safeChar(parseInt(e.slice(2), 16)) ?? all;
    if (e.startsWith('#')) return safeChar(parseInt(e.slice(1), 10)) ?? all;
    return NAMED[e] ?? all;
  });
}

function safeChar(code: number): string | null {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

/** The value of an attribute in a tag's attribute text, entities decoded; null when absent. */
export function attr(attrs: string, name: string): string | null {
  const at = attrs.indexOf(`${name}=`);
  if (at < 0) return null;
  // The match must start the attribute name (not the tail of a longer one: r= inside xr:uid=).
  const before = attrs[at - 1];
  if (before !== undefined && !/\s/.test(before)) {
    const re = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(["'])(.*?)\\1`);
    const m = re.exec(attrs);
    return m ? decodeEntities(m[2] ?? '') : null;
  }
  const q = attrs[at + name.length + 1];
  if (q !== '"' && q !== "'") return null;
  const end = attrs.indexOf(q, at + name.length + 2);
  return end < 0 ? null : decodeEntities(attrs.slice(at + name.length + 2, end));
}

/** True for Word/Excel on-values of a boolean attribute (absent counts as `absent`). */
export function isOn(value: string | null, absent = false): boolean {
  if (value === null) return absent;
  return value === '1' || value === 'true' || value === 'on';
}
