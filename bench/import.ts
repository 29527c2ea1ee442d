/**
 * Benchmark of the report reader's core: parseReportText on the sample report, against the floor of reading the
 * same text into lines and paragraphs (what any reader must do at least); a 60-page report (the sample's tasks
 * eleven times over, renumbered: about 77,000 characters, 143 tasks); a closure notice saved from a website.
 * Run: npx tsx bench/import.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReport, parseReportText } from '../src/import/index.js';
import { medianMs as medianAsyncMs, type Figure } from './load.js';


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
  // 60 pages: the sample's body eleven times, each copy's tasks renumbered (任务 2 → 任务 102, 202 …).
  const [head, ...body] = text.split('\n');
  const long = [head, ...Array.from({ length: 11 }, (_, k) => body.join('\n').replace(/任务\s*(\d+)/g, (_m, n: string) => `任务 ${k * 100 + Number(n)}`))].join('\n');
  const longTasks = parseReportText(long).tasks.length;
  const sixty = medianMs(() => parseReportText(long), 30);
  const page = readFileSync(path.join(here, '..', 'test', 'fixtures', 'import', 'shapes', 'web-notice.html'));
  const web = await medianAsyncMs(() => parseReport({ data: page, name: 'web-notice.html' }), 200, 20);
  return [
    { name: 'import.parseReportText.sample', value: round(parse), unit: 'ms/report' },
    { name: `import.parseReportText.60-pages (${long.length} chars, ${longTasks} tasks)`, value: round(sixty), unit: 'ms/report' },
    { name: 'import.parseReport.web-notice.html', value: round(web), unit: 'ms/report' },
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
