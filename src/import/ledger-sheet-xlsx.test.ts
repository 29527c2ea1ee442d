import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { LEDGER_SHEET_FORMAT, type EditableValues, type LedgerSheetMeta } from '../core/ledger-sheet.js';
import { renderRoundtripXlsx, type RoundtripRow } from '../export/xlsx-roundtrip.js';
import { isLedgerSheetXlsx, readLedgerSheetXlsx } from './ledger-sheet-xlsx.js';

const values = (over: Partial<EditableValues> = {}): EditableValues => ({
  deadline: '2024-06-30', status: '达到序时进度', progress: '已完成排查。\n正在整治 3 处。', problems: null, nextSteps: '继续推进',
  milestones: '完成排查：2024-03-01\n完成整治：', indicators: '达标率（%）：80', evidenceNote: null, ...over,
});

function rows(n: number, unit = '新宾县'): RoundtripRow[] {
  return Array.from({ length: n }, (_, i) => ({
    rowId: 100 + i, version: 1 + (i % 3), check: `chk${i}`, code: String(i + 1), problem: `问题 ${i + 1} <&> “引号”`,
    measures: '（一）建立名单。\n（二）逐一整治。', unit, warning: i % 2 ? '黄' : null, values: values(i === 1 ? { evidenceNote: '验收意见\n附后' } : {}),
  }));
}

const meta = (over: Partial<LedgerSheetMeta> = {}): LedgerSheetMeta => ({
  format: LEDGER_SHEET_FORMAT, kind: 'round', exportId: 'e1', roundId: 7, roundName: '2024年6月调度', exportedAt: '2024-06-01T00:00:00.000Z',
  exportedById: 3, exportedByName: '张三', sheets: [{ name: '新宾县', unitId: 9, unitName: '新宾县' }, { name: '清原县', unitId: 10, unitName: '清原县' }],
  signature: 'sig', ...over,
});

async function book(): Promise<Buffer> {
  return renderRoundtripXlsx({ meta: meta(), sheets: [{ name: '新宾县', title: '调度表（新宾县）', rows: rows(5) }, { name: '清原县', title: '调度表（清原县）', rows: rows(2, '清原县') }] });
}

describe('round-trip sheet writer and reader', () => {
  it('reads back every row, cell and the metadata it wrote', async () => {
    const data = await book();
    expect(isLedgerSheetXlsx(data, 'a.xlsx')).toBe(true);
    const file = readLedgerSheetXlsx(data, 'a.xlsx');
    expect(file.meta).toEqual(meta());
    expect(file.sheets.map((s) => [s.name, s.unitId, s.rows.length])).toEqual([['新宾县', 9, 5], ['清原县', 10, 2]]);
    const first = file.sheets[0]!.rows[0]!;
    expect(first.line).toBe(3);
    expect(first.cells).toMatchObject({ rowId: 100, version: 1, check: 'chk0', code: '1', problem: '问题 1 <&> “引号”', status: '达到序时进度',
      progress: '已完成排查。\n正在整治 3 处。', milestones: '完成排查：2024-03-01\n完成整治：', indicators: '达标率（%）：80', deadline: '2024-06-30', problems: null });
    expect(file.sheets[0]!.rows[1]!.cells.evidenceNote).toBe('验收意见\n附后');
  });

  it('protects the sheet, locks all but the editable columns, hides the id columns and offers the status list', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await book() as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('新宾县')!;
    expect(ws.getColumn(15).hidden).toBe(true);
    expect(ws.getColumn(17).hidden).toBe(true);
    expect(ws.getColumn(9).hidden).toBe(false);
    // Locked is Excel's default, so a locked cell carries no protection element at all.
    expect(ws.getCell('C3').protection?.locked ?? true).toBe(true);
    expect(ws.getCell('I3').protection?.locked).toBe(false);
    expect(ws.getCell('H3').dataValidation?.type).toBe('list');
    expect(ws.getCell('H3').dataValidation?.formulae?.[0]).toContain('达到序时进度');
    expect(wb.getWorksheet('_rectify')!.state).toBe('veryHidden');
  });

  it('reads a sheet a person edited and saved again (shared strings, numbers typed over text, a date typed as a date)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await book() as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('新宾县')!;
    ws.getCell('I4').value = { richText: [{ text: '已完成' }, { text: '全部整治。' }] };
    ws.getCell('H4').value = '完成整改';
    ws.getCell('F5').value = new Date(Date.UTC(2024, 8, 30));
    ws.getCell('M3').value = '达到序时进度';
    const file = readLedgerSheetXlsx(new Uint8Array(await wb.xlsx.writeBuffer()), 'edited.xlsx');
    const [r1, r2, r3] = file.sheets[0]!.rows;
    expect(r2!.cells.progress).toBe('已完成全部整治。');
    expect(r2!.cells.status).toBe('完成整改');
    expect(typeof r3!.cells.deadline).toBe('number');
    expect(r1!.cells.indicators).toBe('达到序时进度');
    expect(r1!.cells.rowId).toBe(100);
  });

  it('refuses a workbook that is not a Rectify ledger, saying what it found', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账').addRow(['序号', '具体问题', '整改措施', '责任单位']);
    const data = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(isLedgerSheetXlsx(data, 'office.xlsx')).toBe(false);
    try {
      readLedgerSheetXlsx(data, 'office.xlsx');
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('NOTHING_RECOGNIZED');
      expect((e as Error).message).toMatch(/^office\.xlsx: 不是 Rectify 导出的可回填台账.*“台账”.*“具体问题”/);
    }
  });

  it('refuses a sheet whose id column was deleted, or a renamed sheet, naming the file', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await book() as unknown as ArrayBuffer);
    wb.getWorksheet('清原县')!.name = '别的';
    const renamed = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(() => readLedgerSheetXlsx(renamed, 'x.xlsx')).toThrow(/^x\.xlsx: 找不到工作表“清原县”/);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(await book() as unknown as ArrayBuffer);
    wb2.getWorksheet('新宾县')!.spliceColumns(16, 1);
    const cut = new Uint8Array(await wb2.xlsx.writeBuffer());
    expect(() => readLedgerSheetXlsx(cut, 'y.xlsx')).toThrow(/^y\.xlsx: 工作表“新宾县”缺少列 “版本”/);
  });
});
