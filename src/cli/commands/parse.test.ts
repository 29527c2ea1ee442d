import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { buildPlanTasks, drawLayout, planDocx, planWorkbook } from '../../../test/fixtures/import/plan-tables.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ParsedReportSchema } from '../../core/report.js';
import { registerParseCommand } from './parse.js';

async function run(...args: string[]): Promise<{ out: string; err: string; code: number | undefined }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  process.exitCode = undefined;
  const program = new Command().exitOverride();
  registerParseCommand(program);
  await program.parseAsync(['node', 'rectify', 'parse', ...args]);
  const code = process.exitCode as number | undefined;
  process.exitCode = undefined;
  vi.restoreAllMocks();
  return { out, err, code };
}

afterEach(() => vi.restoreAllMocks());

describe('rectify parse', () => {
  it('prints the report as JSON with --json', async () => {
    const { out, code } = await run('test/fixtures/fushun-progress-2023.txt', '--json');
    expect(code).toBeUndefined();
    const report = ParsedReportSchema.parse(JSON.parse(out));
    expect(report.tasks).toHaveLength(13);
    expect(out.split('\n')[1]).toMatch(/^ {2}"title"/);
  });

  it('prints a readable summary otherwise', async () => {
    const { out } = await run('test/fixtures/import/table-report.docx');
    expect(out).toContain('标题：抚顺市中央生态环境保护督察整改任务完成情况表');
    expect(out).toContain('任务：3 项');
    expect(out).toContain('任务3  未达到序时进度（未达到序时进度）  措施 1 条');
    expect(out).toContain('第3行：表格第8行没有问题内容，已跳过');
  });

  it('prints errors to stderr with exit code 1', async () => {
    const missing = await run('test/fixtures/import/nope.txt');
    expect([missing.err, missing.code]).toEqual(['rectify: test/fixtures/import/nope.txt: 文件不存在\n', 1]);
    const scan = await run('test/fixtures/import/scanned.pdf');
    expect(scan.err).toMatch(/^rectify: scanned\.pdf: 扫描版 PDF，没有文字层/);
    expect(scan.code).toBe(1);
  });

  describe('plan tables', () => {
    let dir = '';
    const file = async (name: string, data: Uint8Array): Promise<string> => {
      dir ||= await mkdtemp(path.join(tmpdir(), 'rectify-parse-'));
      const at = path.join(dir, name);
      await writeFile(at, data);
      return at;
    };
    afterEach(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
      dir = '';
    });

    it('prints an XLSX plan as JSON in the report contract, kind plan', async () => {
      const tasks = buildPlanTasks(8, 3, true);
      const at = await file('方案.xlsx', await planWorkbook(tasks, { ...drawLayout(3, true), sheets: 1 }));
      const { out, code } = await run(at, '--json');
      expect(code).toBeUndefined();
      const report = ParsedReportSchema.parse(JSON.parse(out));
      expect(report.kind).toBe('plan');
      expect(report.tasks.map((t) => [t.number, t.parentNumber])).toEqual(tasks.map((t) => [t.number, t.parent]));
      expect(report.tasks[0]?.cells?.problem?.[0]?.sheet).toBe('整改任务清单');
    });

    it('prints a Word plan as a readable list by category, with lead and support units', async () => {
      const tasks = buildPlanTasks(6, 7);
      const at = await file('方案.docx', await planDocx(tasks, { ...drawLayout(7), sheets: 1 }));
      const { out, code } = await run(at);
      expect(code).toBeUndefined();
      expect(out).toContain('整改方案：某县落实生态环境保护督察反馈问题整改方案');
      expect(out).toContain('任务：6 项');
      expect(out).toContain(`【${tasks[0]?.category ?? ''}】`);
      expect(out).toContain(`牵头：${tasks[0]?.lead.join('、') ?? ''}`);
    });

    it('refuses a workbook that is not a plan, naming the columns found and expected', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('名单').addRows([['姓名', '电话', '地址'], ['张三', '123', '某路']]);
      const at = await file('名单.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
      const { err, code } = await run(at);
      expect(code).toBe(1);
      expect(err).toMatch(/^rectify: 名单\.xlsx: 不是整改方案表格：找到的列为“姓名、电话、地址”，应有“序号、问题/);
      expect(err.trim().split('\n')).toHaveLength(1);
    });
  });
});
