import { Command } from 'commander';
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
});
