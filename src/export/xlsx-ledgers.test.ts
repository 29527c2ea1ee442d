import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildLedgerReport } from '../../test/fixtures/export/factory.js';
import { buildCaseRows, buildTaskRows } from '../../test/fixtures/export/ledger-rows.js';
import type { CaseLedgerRow } from './types.js';
import { deadlineCell, renderCaseLedgerXlsx, renderTaskLedgerXlsx, taskLedgerRowsFromReport } from './xlsx-ledgers.js';
import { cellText, parseDateText } from './xlsx-sheet.js';

async function firstSheet(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no worksheet');
  return ws;
}
const headers = (ws: ExcelJS.Worksheet): string[] => (ws.getRow(1).values as unknown[]).slice(1).map(String);

describe('renderTaskLedgerXlsx', async () => {
  const rows = buildTaskRows(40);
  const ws = await firstSheet(await renderTaskLedgerXlsx(rows));

  it('has the ledger columns under a frozen, filtered header row', () => {
    expect(headers(ws)).toEqual(['序号', '任务编号', '问题', '整改目标', '整改措施', '责任单位', '责任人', '完成时限', '整改状态', '预警', '最新进展', '目标进展情况', '存在问题', '推进措施', '下步安排']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:O1');
    expect(ws.rowCount).toBe(41);
    expect(ws.getColumn(3).width).toBeGreaterThan(30);
    expect(ws.getCell('E2').alignment).toMatchObject({ wrapText: true });
  });

  it('writes dated deadlines as dates and worded ones as text', () => {
    const deadlines = rows.map((_, i) => ws.getCell(`H${i + 2}`).value);
    expect(deadlines.filter((v) => v instanceof Date).length).toBeGreaterThan(0);
    expect(deadlines).toContain('长期坚持');
    expect(deadlines).toContain('立行立改');
    const dated = rows.findIndex((r) => r.deadline instanceof Date);
    expect((ws.getCell(`H${dated + 2}`).value as Date).toISOString()).toBe((rows[dated]?.deadline as Date).toISOString());
    expect(ws.getCell(`H${dated + 2}`).numFmt).toBe('yyyy-mm-dd');
  });

  it('numbers measures in one cell and colours the warning light', () => {
    expect(ws.getCell('E3').text).toMatch(/^（一）.+\n（二）/);
    const red = rows.findIndex((r) => r.warning === '红');
    expect(ws.getCell(`J${red + 2}`).value).toBe('红');
    expect(ws.getCell(`J${red + 2}`).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFF7C80' } });
  });

  it('builds rows from a parsed report, one per task', () => {
    const report = buildLedgerReport(5);
    const built = taskLedgerRowsFromReport(report);
    expect(built.map((r) => r.code)).toEqual(['1', '2', '3', '4', '5']);
    expect(built[1]?.measures).toBe(report.tasks[1]?.measures);
  });
});

describe('ledger cell helpers', () => {
  it('reads dates in the written forms and rejects impossible ones', () => {
    expect(parseDateText('2023年6月30日')?.toISOString()).toBe('2023-06-30T00:00:00.000Z');
    expect(parseDateText('2023-12-31')?.toISOString()).toBe('2023-12-31T00:00:00.000Z');
    expect(parseDateText('2024/2/30')).toBeNull();
    expect(deadlineCell('长期坚持')).toBe('长期坚持');
    expect(deadlineCell('2025年底前')).toBe('2025年底前');
  });
  it('drops control characters and caps cell length', () => {
    expect(cellText('a\u0001b\nc')).toBe('ab\nc');
    expect(cellText('字'.repeat(40_000))?.length).toBe(32_767);
  });
});

describe('renderCaseLedgerXlsx', async () => {
  const rows = buildCaseRows(30);
  // Extra properties a caller might pass by mistake must not reach the file.
  const leaky = rows.map((r) => ({ ...r, complainant: '张三', phone: '13912345678' }) as CaseLedgerRow);
  const ws = await firstSheet(await renderCaseLedgerXlsx(leaky));
  const all = () => {
    const out: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => out.push(c.text)));
    return out.join('\n');
  };

  it('has the case columns and no complainant columns', () => {
    expect(headers(ws)).toEqual(['受理编号', '批次', '行政区域', '被举报对象', '举报内容', '污染类型', '来源', '重点', '责任单位', '办理时限', '办理状态', '是否属实', '处理情况', '问责情况']);
    expect(headers(ws).join()).not.toMatch(/举报人|姓名|电话|联系|身份证/);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:N1');
  });

  it('writes due dates as dates and masks personal data in the free text', () => {
    expect(ws.getCell('J2').value).toBeInstanceOf(Date);
    expect(ws.getCell('A2').value).toBe(rows[0]?.caseNo);
    const text = all();
    expect(text).not.toMatch(/1[3-9]\d{9}|张三|李四|王五/);
    expect(text).toContain('举报人：＊＊＊');
    expect(text).toContain('D3SX20250528');
  });
});
