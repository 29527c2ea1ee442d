/**
 * Benchmark of the report reader's core: parseReportText on the sample report, against the floor of reading the
 * same text into lines and paragraphs (what any reader must do at least). Run: npx tsx bench/import.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReportText } from '../src/import/index.js';
import type { Figure } from './load.js';


const here = path.dirname(fileURLToPath(import.meta.url));

/** Median milliseconds per call of fn over `runs` calls after a warm-up. */
function medianMs(fn: () => unknown, runs: number): number {
  for (let i = 0; i < Math.min(runs, 50); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** Measures parseReportText on the sample (ms/report, reports/s), the floor, and their ratio. */
export async function runImportBench(): Promise<Figure[]> {
  const text = readFileSync(path.join(here, '..', 'test', 'fixtures', 'fushun-progress-2023.txt'), 'utf8');
  const runs = 300;
  const parse = medianMs(() => parseReportText(text), runs);
  const floor = medianMs(() => {
    const lines = text.normalize('NFKC').split('\n').map((l) => l.trim());
    return lines.join('\n').split(/\n{2,}/);
  }, runs);
  return [
    { name: 'import.parseReportText.sample', value: round(parse), unit: 'ms/report' },
    { name: 'import.parseReportText.throughput', value: Math.round(1000 / parse), unit: 'reports/s' },
    { name: 'import.floor.split-lines', value: round(floor), unit: 'ms/report' },
    { name: 'import.parse-vs-floor', value: round(parse / floor), unit: 'x' },
  ];
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const f of await runImportBench()) console.log(`${f.name}\t${f.value}\t${f.unit}`);
}
