/**
 * DOCX → source items through mammoth's HTML (the only mammoth output that keeps tables). The container is checked
 * first (zip-guard.ts). Word's automatic numbering is not text, so mammoth would drop the 一、/（一）/1. that
 * tell tasks from measures; each numbered paragraph gets a printed marker instead, by list level, in the order of
 * the official outline (level 1 一、, 2 （一）, 3 1., 4 （1）, 5 ①). Images are dropped, not inlined.
 */
import mammoth from 'mammoth';
import { AppError } from '../core/errors.js';
import { htmlToItems, unwrapLayoutTables } from './html-items.js';
import type { SourceItem } from './lines.js';
import { CIRCLED_CHARS, numberToChinese } from './numerals.js';
import { checkZip } from './zip-guard.js';

// mammoth's typings omit its (documented) transforms module.
const transforms = (mammoth as unknown as { transforms: { paragraph(f: (p: DocNode) => DocNode): (d: unknown) => unknown } })
  .transforms;

interface DocNode {
  type: string;
  children?: DocNode[];
  numbering?: { level: string; isOrdered: boolean } | null;
}

function marker(level: number, n: number): string {
  switch (level) {
    case 0:
      return `${numberToChinese(n)}、`;
    case 1:
      return `（${numberToChinese(n)}）`;
    case 2:
      return `${n}.`;
    case 3:
      return `（${n}）`;
    default:
      return CIRCLED_CHARS[n - 1] ?? `${n})`;
  }
}

function textRun(value: string): DocNode {
  return {
    type: 'run',
    children: [{ type: 'text', value } as DocNode],
    ...{ styleId: null, styleName: null, isBold: false, isUnderline: false, isItalic: false, isStrikethrough: false },
    ...{ isAllCaps: false, isSmallCaps: false, verticalAlignment: 'baseline', font: null, fontSize: null, highlight: null },
  };
}

/** A transform giving each automatically numbered paragraph its number as text. */
function numberParagraphs(): (p: DocNode) => DocNode {
  const counters = new Map<object, { level: number; n: number }>();
  return (p) => {
    const num = p.numbering;
    if (!num) return p;
    if (!num.isOrdered) return { ...p, numbering: null };
    const level = Number(num.level) || 0;
    const n = (counters.get(num)?.n ?? 0) + 1;
    for (const [key, c] of counters) if (c.level > level) counters.delete(key);
    counters.set(num, { level, n });
    return { ...p, numbering: null, children: [textRun(marker(level, n)), ...(p.children ?? [])] };
  };
}

/** Reads a DOCX into source items; throws BAD_FILE naming the file when it is damaged or not a Word document. */
export async function docxToItems(data: Uint8Array, name: string): Promise<SourceItem[]> {
  const entries = checkZip(data, name);
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw new AppError('BAD_FILE', `${name}: ZIP 文件中没有 word/document.xml，不是 Word 文档`);
  }
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) },
      {
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        transformDocument: transforms.paragraph(numberParagraphs()),
      },
    );
    // A web page saved as a Word document keeps its layout tables (a one-column table holding the article): they are
    // page structure, read as text, as in the page itself.
    return htmlToItems(unwrapLayoutTables(result.value), { tabs: true });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_FILE', `${name}: Word 文档已损坏，无法读取（${e instanceof Error ? e.message.slice(0, 80) : 'unknown'}）`);
  }
}
