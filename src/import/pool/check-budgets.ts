/**
 * The cheap look at a file before its reader runs: what its ZIP parts really inflate to, how many XML elements they
 * hold and how deep, how far a sheet reaches and how many cells its ranges name, how many objects a PDF declares.
 * Each is bounded by the job's budgets, so the reader (mammoth, exceljs, pdf.js) only ever sees files it finishes
 * in seconds; what slips past (a PDF's content streams, say) is still held by the pool's time and heap limits.
 */
import { sniff } from '../detect.js';
import { inflateEntry, readZipDirectory, type ZipEntry } from '../zip-guard.js';
import { over, type ParseBudgets } from './budgets.js';
import { scanXml } from './xml-scan.js';

/** Column letters → number (A → 1, XFD → 16384). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Cells of an A1-style range or cell ("B2:D9", "$A$1:$XFD$1048576", "C3"); 0 for what is not one. */
export function rangeArea(ref: string): number {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/.exec(ref.trim());
  if (!m) return 0;
  if (!m[3]) return 1;
  const cols = Math.abs(columnNumber(m[3]) - columnNumber(m[1]!)) + 1;
  const rows = Math.abs(Number(m[4]) - Number(m[2])) + 1;
  return cols * rows;
}

const latin1 = new TextDecoder('latin1');

interface SheetTally { cells: number }

/**
 * A worksheet part: its furthest row and column, its cells, and the cells its merges and validations expand to.
 * Rows and cells may leave out their address (r); readers then number them one after another, and so does this.
 */
function checkSheet(xml: Uint8Array, part: string, name: string, b: ParseBudgets, tally: SheetTally): void {
  const text = latin1.decode(xml);
  let row = 0;
  let col = 0;
  for (const m of text.matchAll(/<(c|row)(?=[\s/>])([^>]*)>/g)) {
    const at = /\sr="([A-Z]{0,3})(\d*)"/.exec(m[2]!);
    if (m[1] === 'row') {
      row = at?.[2] ? Number(at[2]) : row + 1;
      col = 0;
      if (row > b.sheetRows) throw over.rows(name, part, row, b);
      continue;
    }
    col = at?.[1] ? columnNumber(at[1]) : col + 1;
    if (at?.[2] && Number(at[2]) > b.sheetRows) throw over.rows(name, part, Number(at[2]), b);
    if (col > b.sheetCols) throw over.cols(name, part, col, b);
    if (++tally.cells > b.sheetCells) throw over.cells(name, b);
  }
  // exceljs expands every merged range and every data validation's sqref into one entry per cell.
  for (const m of text.matchAll(/<mergeCell\b[^>]*?\sref="([^"]*)"/g)) tally.cells += rangeArea(m[1]!);
  for (const m of text.matchAll(/<dataValidation\b[^>]*?\ssqref="([^"]*)"/g)) {
    for (const ref of m[1]!.split(/\s+/)) tally.cells += rangeArea(ref);
  }
  if (tally.cells > b.sheetCells) throw over.cells(name, b);
}

/** Defined names (other than print areas and titles) are expanded cell by cell too. */
function checkWorkbook(xml: Uint8Array, name: string, b: ParseBudgets, tally: SheetTally): void {
  const text = latin1.decode(xml);
  for (const m of text.matchAll(/<definedName\b([^>]*)>([^<]*)</g)) {
    if (/name="_xlnm\.(Print_Area|Print_Titles)"/.test(m[1]!)) continue;
    for (const ref of m[2]!.split(',')) tally.cells += rangeArea(ref.replace(/^.*!/, ''));
  }
  if (tally.cells > b.sheetCells) throw over.cells(name, b);
}

/** Inflates every part under the budgets (declared sizes are checked to be true) and scans the XML ones. */
export function checkZipBudgets(data: Uint8Array, name: string, b: ParseBudgets): ZipEntry[] {
  const entries = readZipDirectory(data, name);
  if (entries.reduce((sum, e) => sum + e.size, 0) > b.inflatedBytes) throw over.inflated(name, b);
  let elements = 0;
  const tally: SheetTally = { cells: 0 };
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    // inflateEntry refuses a part that inflates to more (or less) than its declared size.
    const part = inflateEntry(data, entry, name);
    if (!/\.(xml|rels|vml)$/i.test(entry.name)) continue;
    const shape = scanXml(part, b.xmlElements - elements, b.xmlDepth);
    elements += shape.elements;
    if (shape.depth > b.xmlDepth) throw over.depth(name, entry.name, b);
    if (elements > b.xmlElements) throw over.elements(name, entry.name, b);
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) checkSheet(part, entry.name, name, b, tally);
    else if (/^xl\/workbook\.xml$/i.test(entry.name)) checkWorkbook(part, name, b, tally);
  }
  return entries;
}

/**
 * A PDF's declared objects: top-level "n g obj" plus those packed in object streams (/Type/ObjStm … /N count).
 * Pages are counted by the reader (pdf.ts) from the page tree, before any page is read.
 */
export function checkPdfBudgets(data: Uint8Array, name: string, b: ParseBudgets): void {
  const text = latin1.decode(data);
  let objects = 0;
  for (const _ of text.matchAll(/\d+\s+\d+\s+obj\b/g)) {
    if (++objects > b.pdfObjects) throw over.objects(name, b);
  }
  for (const m of text.matchAll(/\/Type\s*\/ObjStm\b[^>]*?\/N\s+(\d+)|\/N\s+(\d+)[^>]*?\/Type\s*\/ObjStm\b/g)) {
    objects += Number(m[1] ?? m[2]);
    if (objects > b.pdfObjects) throw over.objects(name, b);
  }
}

/** The checks that apply to this file's container, by its content (not its name). */
export function checkBudgets(data: Uint8Array, name: string, b: ParseBudgets): void {
  if (data.length > b.inputBytes) throw over.input(name, data.length, b);
  const kind = sniff(data);
  if (kind === 'zip') checkZipBudgets(data, name, b);
  else if (kind === 'pdf') checkPdfBudgets(data, name, b);
}
