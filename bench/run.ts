/**
 * `npm run bench`: every benchmark in one run, printed as a table and written to bench-results/latest.json.
 * Run one part with `npm run bench -- import` (names: import, plan-table, plan-import, export, ledger-sheets, scale, web, stall, jobs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Figure } from './load.js';

const PARTS: Record<string, () => Promise<Figure[]>> = {
  import: async () => (await import('./import.js')).runImportBench(),
  'plan-table': async () => (await import('./plan-table.js')).runPlanTableBench(),
  'plan-import': async () => (await import('./plan-import.js')).runPlanImportBench(),
  export: async () => (await import('./export.js')).runExportBench(),
  'ledger-sheets': async () => (await import('./ledger-sheets.js')).runLedgerSheetBench(),
  scale: async () => (await import('./scale.js')).runScaleBench(),
  web: async () => (await import('./web.js')).runWebBench(),
  stall: async () => (await import('./stall.js')).runStallBench(),
  jobs: async () => (await import('./jobs.js')).runJobsBench(),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => a in PARTS);
  const names = wanted.length ? wanted : Object.keys(PARTS);
  const results: Record<string, Figure[]> = {};
  for (const name of names) {
    process.stderr.write(`… ${name}\n`);
    const started = Date.now();
    results[name] = await PARTS[name]!();
    process.stderr.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const rows = Object.entries(results).flatMap(([part, figures]) => figures.map((f) => [part, f.name, formatValue(f.value), f.unit]));
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => [...r[i]!].length), 6));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  process.stdout.write(`${line(['part', 'figure', 'value', 'unit'])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
  fs.mkdirSync('bench-results', { recursive: true });
  const out = path.join('bench-results', 'latest.json');
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }, results }, null, 2));
  process.stdout.write(`\n(written to ${out})\n`);
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

await main();
process.exit(0);
