/**
 * Export benchmark: a 100-task report to DOCX and to PDF, and a 10,000-row task ledger to XLSX.
 * Each figure is the median of a few runs after one warm-up (the PDF warm-up also starts Chromium, which is not
 * counted). Run alone with `npx tsx bench/export.ts`, or through `runExportBench()` from the bench command.
 */
import { pathToFileURL } from 'node:url';
import { renderDocx } from '../src/export/docx.js';
import { closePdfRenderer, renderPdf } from '../src/export/pdf.js';
import { renderTaskLedgerXlsx } from '../src/export/xlsx-ledgers.js';
import { buildLedgerReport } from '../test/fixtures/export/factory.js';
import { buildTaskRows } from '../test/fixtures/export/ledger-rows.js';
import type { Figure } from './load.js';


async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(times.length / 2)] ?? 0) * 10) / 10;
}

/** Runs the export benchmark and returns one figure per case, in milliseconds. */
export async function runExportBench(): Promise<Figure[]> {
  const report = buildLedgerReport(100);
  const rows = buildTaskRows(10_000);
  try {
    return [
      { name: 'export.docx.100-tasks', value: await median(5, () => renderDocx(report)), unit: 'ms' },
      { name: 'export.pdf.100-tasks', value: await median(3, () => renderPdf(report)), unit: 'ms' },
      { name: 'export.xlsx.task-ledger.10000-rows', value: await median(3, () => renderTaskLedgerXlsx(rows)), unit: 'ms' },
    ];
  } finally {
    await closePdfRenderer();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await runExportBench()) console.log(`${r.name.padEnd(40)} ${String(r.value).padStart(10)} ${r.unit}`);
}
