/**
 * Ledger round-trip benchmark: a 10,000-row ledger exported as a round-trip sheet, edited as a person would in Excel
 * (every row's status and progress, through exceljs, in this process: that is the person's computer, not the
 * server), and imported back (preview, then apply as an administrator's edits) on SQLite. The server's work runs in
 * bench/ledger-sheets-server.ts, a process of its own, whose peak resident memory is reported.
 * Run alone with `npx tsx bench/ledger-sheets.ts [rows]`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import type { Figure } from './load.js';

interface Step { step: string; ms?: number; cpuMs?: number; rows?: number; bytes?: number; peakRssMiB?: number; edits?: number; counts?: Record<string, number> }

async function editAll(file: string, into: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  let n = 0;
  ws.eachRow((row, i) => {
    if (i < 3) return;
    row.getCell(8).value = '达到序时进度';
    row.getCell(9).value = `本月完成第 ${i - 2} 项整改的雨污分流改造 1.2 公里，累计完成 80%。`;
    n++;
  });
  await wb.xlsx.writeFile(into);
  return n;
}

export async function runLedgerSheetBench(rows = 10_000): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-sheet-bench-'));
  try {
    // As the server runs (`npm start`): a 2 MB young generation, which keeps the peak resident memory down.
    const child = spawn(process.execPath, ['--max-semi-space-size=2', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--import', 'tsx', 'bench/ledger-sheets-server.ts', dir, String(rows)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const steps: Step[] = [];
    const lines = readline.createInterface({ input: child.stdout });
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
    let editMs = 0;
    for await (const line of lines) {
      const s = JSON.parse(line) as Step;
      steps.push(s);
      process.stderr.write(`    ${line}\n`);
      if (s.step === 'export') {
        const start = performance.now();
        const edited = path.join(dir, 'edited.xlsx');
        await editAll(path.join(dir, 'ledger.xlsx'), edited);
        editMs = Math.round(performance.now() - start);
        child.stdin.write(`${edited}\n`);
      }
    }
    if (await exited !== 0) throw new Error('the benchmark server process failed');
    const ms = (name: string) => steps.find((s) => s.step === name)?.ms ?? NaN;
    const serverMs = ms('export') + ms('preview') + ms('apply');
    const cpu = (name: string) => steps.find((s) => s.step === name)?.cpuMs ?? NaN;
    return [
      { name: `ledger-sheet.export.${rows}-rows`, value: ms('export'), unit: 'ms' },
      { name: `ledger-sheet.edit-in-excel.${rows}-rows`, value: editMs, unit: 'ms' },
      { name: `ledger-sheet.preview.${rows}-rows`, value: ms('preview'), unit: 'ms' },
      { name: `ledger-sheet.apply.${rows}-rows-edited`, value: ms('apply'), unit: 'ms' },
      { name: `ledger-sheet.round-trip.server.${rows}-rows`, value: serverMs, unit: 'ms' },
      { name: `ledger-sheet.round-trip.with-edit.${rows}-rows`, value: serverMs + editMs, unit: 'ms' },
      { name: `ledger-sheet.export.${rows}-rows.cpu`, value: cpu('export'), unit: 'ms' },
      { name: `ledger-sheet.preview.${rows}-rows.cpu`, value: cpu('preview'), unit: 'ms' },
      { name: `ledger-sheet.apply.${rows}-rows-edited.cpu`, value: cpu('apply'), unit: 'ms' },
      { name: 'ledger-sheet.server.peak-rss', value: steps.find((s) => s.step === 'done')?.peakRssMiB ?? NaN, unit: 'MiB' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href.endsWith('/bench/ledger-sheets.ts')) {
  for (const r of await runLedgerSheetBench(Number(process.argv[2] ?? 10_000))) console.log(`${r.name.padEnd(48)} ${String(r.value).padStart(10)} ${r.unit}`);
}
