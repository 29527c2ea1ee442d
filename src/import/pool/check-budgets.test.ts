/**
 * The look at a file before its reader runs: the XML scan counts what a parser would build, sheet ranges are counted
 * as exceljs expands them, and each hostile shape is refused with FILE_TOO_COMPLEX naming the part and the budget,
 * while the real fixtures pass.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { convertToDocx, setConversionDeadline } from '../convert.js';
import { fixture } from '../test-helpers.js';
import { REPORT_BUDGETS, SHEET_BUDGETS, type ParseBudgets } from './budgets.js';
import { checkBudgets, rangeArea } from './check-budgets.js';
import { scanXml } from './xml-scan.js';
import * as hostile from '../../../test/fixtures/hostile/files.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function refusal(data: Uint8Array, name: string, budgets: ParseBudgets): AppError {
  try {
    checkBudgets(data, name, budgets);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

describe('scanXml', () => {
  it('counts elements and depth, skipping comments, CDATA, processing instructions and quoted ">"', () => {
    const xml = '<?xml version="1.0"?><!-- <a><b> --><r a="x>y" b=\'<c>\'><p><t><![CDATA[<d><e>]]></t></p><br/><p/></r>';
    expect(scanXml(bytes(xml), 1e6, 1e6)).toEqual({ elements: 5, depth: 3 });
  });

  it('stops at the budget instead of reading on', () => {
    const xml = bytes(`<r>${'<p/>'.repeat(1000)}</r>`);
    expect(scanXml(xml, 10, 100).elements).toBe(11);
    expect(scanXml(bytes('<a><a><a><a></a></a></a></a>'), 100, 2).depth).toBe(3);
  });

  it('ends on unterminated markup', () => {
    expect(scanXml(bytes('<r><!-- never closed <p/>'), 100, 100)).toEqual({ elements: 1, depth: 1 });
    expect(scanXml(bytes('<r a="never closed>'), 100, 100)).toEqual({ elements: 0, depth: 0 });
  });
});

describe('rangeArea', () => {
  it('reads cells and ranges, absolute or not', () => {
    expect(rangeArea('C3')).toBe(1);
    expect(rangeArea('B2:D9')).toBe(24);
    expect(rangeArea('$A$1:$XFD$1048576')).toBe(16384 * 1048576);
    expect(rangeArea('D9:B2')).toBe(24);
    expect(rangeArea('#REF!')).toBe(0);
  });
});

describe('checkBudgets', () => {
  it('passes the real fixtures', () => {
    for (const name of ['import/fushun-progress-2023.docx', 'import/table-report.docx', 'import/fushun-progress-2023.pdf', 'fushun-progress-2023.txt']) {
      expect(() => checkBudgets(fixture(name), name, REPORT_BUDGETS)).not.toThrow();
    }
    expect(() => checkBudgets(fixture('cases/batch-3.xlsx'), 'batch-3.xlsx', SHEET_BUDGETS)).not.toThrow();
  });

  it('refuses a DOCX of half a million paragraphs by its elements', () => {
    const e = refusal(hostile.paragraphsDocx(500_000), '百万段落.docx', REPORT_BUDGETS);
    expect([e.code, e.message]).toEqual(['FILE_TOO_COMPLEX', '百万段落.docx: word/document.xml 等部分的 XML 元素超过 250,000 个，超出系统的解析上限，已拒绝读取；请拆分或精简文件后再导入']);
  });

  it('refuses XML nested deeper than the budget', () => {
    expect(refusal(hostile.nestedDocx(5000), 'n.docx', REPORT_BUDGETS).message).toBe('n.docx: word/document.xml 的 XML 嵌套超过 128 层，超出系统的解析上限，已拒绝读取；请拆分或精简文件后再导入');
  });

  it('refuses what inflates past the budget', () => {
    const e = refusal(hostile.paragraphsDocx(20_000), 'z.docx', { ...REPORT_BUDGETS, inflatedBytes: 100_000 });
    expect(e.message).toMatch(/^z\.docx: 解压后超过 0\.1 MB/);
  });

  it('refuses sheets that reach too far, hold too many cells, or name too many by their ranges', () => {
    expect(refusal(hostile.farCellXlsx(), 'far.xlsx', SHEET_BUDGETS).message).toMatch(/^far\.xlsx: xl\/worksheets\/sheet1\.xml 用到第 1,048,576 行，超过 100,100 行/);
    const wide = hostile.xlsxWith(`${hostile.HEADER_ROW}<row r="2"><c r="ZZZ2"><v>1</v></c></row>`);
    expect(refusal(wide, 'wide.xlsx', SHEET_BUDGETS).message).toMatch(/用到第 18,278 列，超过 1,024 列/);
    for (const [name, data] of [['cells.xlsx', hostile.manyCellsXlsx(1_200_000)], ['dv.xlsx', hostile.wholeSheetValidationXlsx()]] as const) {
      expect(refusal(data, name, SHEET_BUDGETS).message).toMatch(/单元格（含合并区域、数据验证和名称引用的范围）超过 1,000,000 个/);
    }
    const merged = hostile.xlsxWith(hostile.HEADER_ROW, '<mergeCells count="1"><mergeCell ref="A2:Z100000"/></mergeCells>');
    expect(refusal(merged, 'm.xlsx', SHEET_BUDGETS).code).toBe('FILE_TOO_COMPLEX');
    const named = hostile.xlsxWith(hostile.HEADER_ROW, '', '<definedName name="全部">交办清单!$A$1:$XFD$1048576</definedName>');
    expect(refusal(named, 'names.xlsx', SHEET_BUDGETS).code).toBe('FILE_TOO_COMPLEX');
    // A print area over whole columns is not expanded by the reader, so it costs nothing.
    const printArea = hostile.xlsxWith(hostile.HEADER_ROW, '', '<definedName name="_xlnm.Print_Area" localSheetId="0">交办清单!$A:$K</definedName>');
    expect(() => checkBudgets(printArea, 'p.xlsx', SHEET_BUDGETS)).not.toThrow();
  });

  it('refuses a PDF with more objects than the budget', () => {
    expect(refusal(hostile.manyObjectsPdf(250_000), 'o.pdf', REPORT_BUDGETS).message).toMatch(/^o\.pdf: PDF 的对象超过 200,000 个/);
    const packed = Buffer.from('%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 300000 /First 4 /Length 1 >>\nstream\nx\nendstream\nendobj\n%%EOF\n');
    expect(refusal(packed, 'p.pdf', REPORT_BUDGETS).code).toBe('FILE_TOO_COMPLEX');
  });

  it('refuses a file over the input budget with FILE_TOO_LARGE', () => {
    const e = refusal(new Uint8Array(2048), 'big.txt', { ...REPORT_BUDGETS, inputBytes: 1024 });
    expect([e.code, e.httpStatus, e.message]).toEqual(['FILE_TOO_LARGE', 413, 'big.txt: 文件 0 MB，超过 0 MB 上限，已拒绝读取']);
  });
});

describe('LibreOffice under a deadline', () => {
  it('kills a conversion that runs past the job\'s deadline, with the processes it started', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'slow-soffice-'));
    const script = path.join(dir, 'soffice');
    const pidFile = path.join(dir, 'child.pid');
    // Like soffice, a script that starts the real worker (here a long sleep) as its child.
    writeFileSync(script, `#!/bin/sh\nsleep 300 &\necho $! > ${pidFile}\nwait\n`);
    chmodSync(script, 0o755);
    setConversionDeadline(Date.now() + 1500);
    try {
      await expect(convertToDocx(new Uint8Array([1, 2, 3]), 'old.doc', 'doc', { soffice: script })).rejects.toMatchObject({
        code: 'FILE_TOO_COMPLEX', message: expect.stringMatching(/^old\.doc: LibreOffice 转换超过 1 秒/),
      });
    } finally {
      setConversionDeadline(Infinity);
    }
    const child = execFileSync('cat', [pidFile]).toString().trim();
    // The sleep went with the script's process group: no such process (or only its zombie entry).
    await expect.poll(() => {
      try {
        return execFileSync('ps', ['-o', 'stat=', '-p', child]).toString().trim().startsWith('Z');
      } catch {
        return true;
      }
    }, { timeout: 10_000 }).toBe(true);
  });
});
