/**
 * Counts the elements of an XML part and measures its nesting in one pass over the bytes, before any XML library
 * builds a tree of them: a tiny DOCX can hold a million paragraphs, and the reader's cost grows with the elements,
 * not the bytes. Comments, CDATA, processing instructions and quoted attribute values are skipped correctly;
 * the scan stops as soon as a budget is broken.
 */

export interface XmlShape {
  elements: number;
  depth: number;
}

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQ = 0x22;
const SQ = 0x27;

function indexOfSeq(data: Uint8Array, seq: readonly number[], from: number): number {
  const first = seq[0]!;
  for (let i = data.indexOf(first, from); i >= 0; i = data.indexOf(first, i + 1)) {
    let k = 1;
    while (k < seq.length && data[i + k] === seq[k]) k++;
    if (k === seq.length) return i;
  }
  return -1;
}

const COMMENT_END = [0x2d, 0x2d, GT]; // -->
const CDATA_END = [0x5d, 0x5d, GT]; // ]]>
const PI_END = [QUESTION, GT]; // ?>
/** The index of a terminator's last byte, or -1 when there is none. */
const endOf = (at: number, length: number): number => (at < 0 ? -1 : at + length);

/**
 * Scans `data`; returns its shape, or stops early and returns what it saw once `maxElements` or `maxDepth` is
 * passed (the caller compares with its budget).
 */
export function scanXml(data: Uint8Array, maxElements: number, maxDepth: number): XmlShape {
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  let i = data.indexOf(LT);
  while (i >= 0 && i < data.length) {
    const next = data[i + 1];
    let end: number;
    if (next === BANG) {
      // <!-- … -->, <![CDATA[ … ]]> or <!DOCTYPE …>
      if (data[i + 2] === 0x2d) end = endOf(indexOfSeq(data, COMMENT_END, i + 4), 2);
      else if (data[i + 2] === 0x5b) end = endOf(indexOfSeq(data, CDATA_END, i + 3), 2);
      else end = data.indexOf(GT, i);
    } else if (next === QUESTION) {
      end = endOf(indexOfSeq(data, PI_END, i + 2), 1);
    } else {
      // A tag: find its '>' outside quoted attribute values.
      let j = i + 1;
      let quote = 0;
      for (; j < data.length; j++) {
        const c = data[j]!;
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === DQ || c === SQ) quote = c;
        else if (c === GT) break;
      }
      end = j < data.length ? j : -1;
      if (end >= 0) {
        if (next === SLASH) depth -= 1;
        else {
          elements += 1;
          if (data[end - 1] !== SLASH) {
            depth += 1;
            if (depth > deepest) deepest = depth;
          }
        }
      }
    }
    if (end < 0 || elements > maxElements || deepest > maxDepth) break;
    i = data.indexOf(LT, end + 1);
  }
  return { elements, depth: deepest };
}
