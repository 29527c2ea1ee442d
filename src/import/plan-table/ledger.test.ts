import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildLedgerReport } from '../../../test/fixtures/export/factory.js';
import { buildTaskRows } from '../../../test/fixtures/export/ledger-rows.js';
import { isAppError } from '../../core/errors.js';
import { renderTaskLedgerXlsx, taskLedgerRowsFromReport } from '../../export/xlsx-ledgers.js';
import { parsePlanTable } from './index.js';

const parseTaskLedgerXlsx = (data: Uint8Array, name: string) => parsePlanTable({ data, name });

const squash = (s: string) => s.replace(/\s+/g, '');

/** An office's own ledger: a title row, 具体内容/整改进展 headers, 1、 measures, merged unit cells, bad rows. */
async function officeLedger(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['抚顺市第二轮中央生态环境保护督察反馈问题整改台账']);
  ws.mergeCells('A1:G1');
  ws.addRow(['序号', '具体内容', '整改目标', '整改措施', '牵头单位', '责任单位', '整改时限', '整改进展情况']);
  ws.addRow(['一', 'VOCs 管控不力。', '完成24家企业治理', '1、建立管控名单。\n2、实施“一厂一策”，依据《挥发性有机物治理方案》（抚环发〔2021〕5号）。', '市生态环境局', '各县区政府', new Date(Date.UTC(2022, 11, 31)), '已完成整改']);
  ws.addRow(['二', '污泥处置滞后。', null, '已委托有资质单位处置。', '市住房城乡建设局', null, '立行立改', '达到序时进度']);
  ws.addRow(['三', null, null, '只有措施没有问题', null, null, null, null]);
  ws.addRow([]);
  ws.addRow([null, '农村环境基础设施建设滞后。', null, '（一）下达资金2.78亿元。（二）完成98个行政村整治。', { richText: [{ text: '市农业' }, { text: '农村局' }] }, null, '长期坚持', { formula: '"正在推进"', result: '正在推进' }]);
  ws.mergeCells('F3:F4');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('parsePlanTable on task ledgers', () => {
  it('reads back the ledger Rectify writes: codes, problems, goals, statuses, measures, deadlines', async () => {
    const rows = buildTaskRows(30);
    const parsed = await parseTaskLedgerXlsx(await renderTaskLedgerXlsx(rows), 'ledger.xlsx');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.tasks.map((t) => t.code)).toEqual(rows.map((r) => r.code));
    parsed.tasks.forEach((task, i) => {
      const row = rows[i];
      if (!row) throw new Error('row');
      expect(task.problem).toBe(row.problem);
      expect(task.goal).toBe(row.goal);
      expect(task.status).toBe(row.status);
      expect(task.units.join('、')).toBe(row.unit);
      expect(task.measures.map((m) => [m.ordinal, squash(m.text)])).toEqual(row.measures.map((m) => [m.ordinal, squash(m.text)]));
      expect(task.deadline).toBe(row.deadline instanceof Date ? row.deadline.toISOString().slice(0, 10) : row.deadline);
    });
  });

  it('reads a generated report of 100 tasks back through the ledger, items and documents included', async () => {
    const report = buildLedgerReport(100);
    const parsed = await parseTaskLedgerXlsx(await renderTaskLedgerXlsx(taskLedgerRowsFromReport(report)), 'report.xlsx');
    expect(parsed.tasks).toHaveLength(100);
    expect(parsed.tasks.map((t) => t.statusCode)).toEqual(report.tasks.map((t) => t.statusCode));
    const withItems = report.tasks.flatMap((t) => t.measures).filter((m) => m.items.length).length;
    expect(parsed.tasks.flatMap((t) => t.measures).filter((m) => m.items.length)).toHaveLength(withItems);
    expect(parsed.tasks.flatMap((t) => t.documents).some((d) => d.number?.startsWith('抚政办〔2021〕'))).toBe(true);
  });

  it("tolerates an office's own layout: title row, synonyms, merged cells, rich text, formulas", async () => {
    const parsed = await parseTaskLedgerXlsx(await officeLedger(), '台账.xlsx');
    expect(parsed.title).toBe('抚顺市第二轮中央生态环境保护督察反馈问题整改台账');
    expect(parsed.tasks.map((t) => [t.code, t.number])).toEqual([['一', 1], ['二', 2], ['3', 3]]);
    const [first, second, third] = parsed.tasks;
    expect(first?.measures.map((m) => m.ordinal)).toEqual([1, 2]);
    expect(first?.documents).toContainEqual({ title: '挥发性有机物治理方案', number: '抚环发〔2021〕5号' });
    expect(first?.units).toEqual(['市生态环境局', '各县区政府']);
    expect(second?.units).toEqual(['市住房城乡建设局', '各县区政府']);
    expect(first?.deadline).toBe('2022-12-31');
    expect(first?.statusCode).toBe('completed');
    expect(second?.measures).toEqual([{ ordinal: null, text: '已委托有资质单位处置。', items: [] }]);
    expect(second?.deadline).toBe('立行立改');
    expect(third?.measures.map((m) => m.text)).toEqual(['下达资金2.78亿元。', '完成98个行政村整治。']);
    expect(third?.units).toEqual(['市农业农村局']);
    expect(third?.status).toBe('正在推进');
    expect(parsed.warnings.map((w) => w.line)).toEqual([5, 7]);
    expect(parsed.warnings[0]?.message).toContain('第5行');
  });

  it('refuses a file that is not a spreadsheet, or has no header row, naming the file and the columns found', async () => {
    const notXlsx = await parseTaskLedgerXlsx(new TextEncoder().encode('not a zip'), 'x.xlsx').catch((e: unknown) => e);
    expect(isAppError(notXlsx) && notXlsx.code === 'UNSUPPORTED_FILE' && notXlsx.message.startsWith('x.xlsx: ')).toBe(true);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['甲', '乙']);
    const noHeader = await parseTaskLedgerXlsx(Buffer.from(await wb.xlsx.writeBuffer()), 'y.xlsx').catch((e: unknown) => e);
    expect(isAppError(noHeader) && noHeader.code === 'NOT_A_PLAN' && noHeader.message.startsWith('y.xlsx: ')).toBe(true);
    expect((noHeader as Error).message).toContain('甲、乙');
    expect((noHeader as Error).message).toContain('完成时限');
  });
});
