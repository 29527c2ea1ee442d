import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaseBatch, suggestCaseMapping } from './case-batch.js';
import { BATCH3_ROWS, HANDOVER_HEADERS } from '../../test/fixtures/cases/handover-rows.js';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../../test/fixtures/cases', name)));
const expectedMapping = {
  caseNo: 1, complainantName: 2, complainantContact: 3, target: 4, region: 5, content: 6, pollutionType: 7, source: 8, isKey: 9,
};

describe('parseCaseBatch', () => {
  it('reads the XLSX handover table below its merged title, skipping the note row', async () => {
    const parsed = await parseCaseBatch(fixture('batch-3.xlsx'), 'batch-3.xlsx');
    expect(parsed.format).toBe('xlsx');
    expect(parsed.headerRow).toBe(3);
    expect(parsed.headers).toEqual([...HANDOVER_HEADERS]);
    expect(parsed.suggestedMapping).toEqual(expectedMapping);
    expect(parsed.titleBatchNo).toBe('3');
    expect(parsed.rows.map((r) => r.row)).toEqual(BATCH3_ROWS.map((_, i) => i + 4));
    expect(parsed.rows[2]!.cells).toEqual([...BATCH3_ROWS[2]!]);
    expect(parsed.warnings).toEqual([{ row: 15, message: expect.stringContaining('视为备注') }]);
  });

  it('reads the same table from CSV with a BOM, numbering rows as a spreadsheet does', async () => {
    const parsed = await parseCaseBatch(fixture('batch-3.csv'), 'batch-3.csv');
    expect(parsed.format).toBe('csv');
    expect(parsed.headerRow).toBe(2);
    expect(parsed.suggestedMapping).toEqual(expectedMapping);
    expect(parsed.rows.map((r) => r.cells)).toEqual(BATCH3_ROWS.map((r) => [...r]));
    expect(parsed.rows[0]!.row).toBe(3);
  });

  it('suggests what it can and leaves unknown headers for the user to map', async () => {
    const parsed = await parseCaseBatch(fixture('batch-5-remap.csv'), 'batch-5-remap.csv');
    expect(parsed.suggestedMapping).toEqual({ caseNo: 1, region: 4, pollutionType: 6, source: 7 });
  });

  it('prefers exact names and lets 联系方式 win over 举报人 inside 举报人联系方式', () => {
    expect(suggestCaseMapping(['举报人联系方式', '举报人姓名', '交办编号', '反映问题'])).toEqual({ complainantContact: 0, complainantName: 1, caseNo: 2, content: 3 });
  });

  it('refuses files that are neither XLSX nor CSV, and tables without a header', async () => {
    await expect(parseCaseBatch(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]), 'a.pdf')).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
    await expect(parseCaseBatch(new TextEncoder().encode('只有一行说明\n'), 'a.csv')).rejects.toMatchObject({ code: 'BAD_FILE' });
  });
});
