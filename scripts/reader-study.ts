/**
 * Measures the report reader on a labelled set of real documents kept outside the repository (issue #16):
 *   npx tsx scripts/reader-study.ts /work/corpus/study [--verbose] [--json out.json]
 * The set holds NNN.txt files, labels.json ([{id, file, kind, tasks:[{number, status, problemStart, altNumber?}]}])
 * and derived/NNN.docx|pdf made from some of the texts. Prints per document and in total: task F1 (tasks matched by
 * number; an unnumbered task by the start of its problem), status accuracy on matched tasks whose label states one,
 * narrative documents with invented tasks, refused files, parse time, and whether each derived DOCX/PDF reads to
 * the same tasks and statuses as its text.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../src/core/errors.js';
import type { ParsedReport, ParsedTask } from '../src/core/report.js';
import { parseReport } from '../src/import/index.js';
import { readNumeral } from '../src/import/numerals.js';

interface LabelTask {
  number: string;
  status: string;
  problemStart: string;
  altNumber?: string;
}
interface Label {
  id: string;
  file: string;
  kind: string;
  title: string;
  truncated: boolean;
  tasks: LabelTask[];
}

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  console.error('usage: npx tsx scripts/reader-study.ts <dir> [--verbose] [--json out.json]');
  process.exit(2);
}
const verbose = args.includes('--verbose');
const jsonAt = args.indexOf('--json');
const jsonOut = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const labels = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as Label[];

/** A task's number as the labels write it: Arabic, parts joined by '.' (11-2 → 11.2, 二十八(三) → 28.3). */
function taskNumber(t: ParsedTask): string {
  const raw = t.code.trim();
  const part = /^([^()（）]+?)\s*[(（]\s*([^()（）]+?)\s*[)）]$/.exec(raw);
  const [a, b] = part ? [readNumeral(part[1] ?? ''), readNumeral(part[2] ?? '')] : [null, null];
  if (a !== null && b !== null) return `${a}.${b}`;
  const code = raw.replace(/[-－—]/g, '.');
  if (code) {
    const parts = code.split('.').map((p) => readNumeral(p));
    if (parts.every((p) => p !== null)) return parts.join('.');
  }
  return t.number !== null ? String(t.number) : code;
}

const clean = (s: string): string => s.replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+\)|\s/g, '');

interface Score {
  tp: number;
  fp: number;
  fn: number;
  statusRight: number;
  statusStated: number;
  misses: string[];
}

function score(label: Label, tasks: readonly ParsedTask[]): Score {
  const s: Score = { tp: 0, fp: 0, fn: 0, statusRight: 0, statusStated: 0, misses: [] };
  const used = new Set<number>();
  for (const g of label.tasks) {
    let hit = -1;
    if (g.number) {
      hit = tasks.findIndex((t, i) => !used.has(i) && (taskNumber(t) === g.number || (g.altNumber !== undefined && taskNumber(t) === g.altNumber)));
    } else {
      const start = clean(g.problemStart).slice(0, 8);
      hit = tasks.findIndex((t, i) => !used.has(i) && start !== '' && clean(t.problem).includes(start));
      if (hit < 0 && label.tasks.length === 1 && tasks.length === 1) hit = 0;
    }
    if (hit < 0) {
      s.fn++;
      s.misses.push(`MISS ${g.number || '∅'} (${g.problemStart.slice(0, 12)})`);
      continue;
    }
    used.add(hit);
    s.tp++;
    if (g.status !== 'unknown') {
      s.statusStated++;
      const got = tasks[hit]?.statusCode ?? null;
      if (got === g.status) s.statusRight++;
      else s.misses.push(`STATUS ${g.number || '∅'}: label ${g.status}, read ${got} (${tasks[hit]?.status ?? ''})`);
    }
  }
  const extra = tasks.filter((_, i) => !used.has(i));
  s.fp = extra.length;
  if (extra.length) s.misses.push(`EXTRA ${extra.map(taskNumber).join(', ')}`);
  return s;
}

async function read(file: string): Promise<{ report: ParsedReport | null; error: string | null; ms: number }> {
  const data = new Uint8Array(readFileSync(file));
  const t0 = performance.now();
  try {
    const report = await parseReport({ data, name: path.basename(file) });
    return { report, error: null, ms: performance.now() - t0 };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { report: null, error: `${e.code}: ${e.message}`, ms: performance.now() - t0 };
  }
}

const signature = (r: ParsedReport | null): string => (r ? r.tasks.map((t) => `${taskNumber(t)}:${t.statusCode ?? '-'}`).join(' ') : 'refused');

const total: Score = { tp: 0, fp: 0, fn: 0, statusRight: 0, statusStated: 0, misses: [] };
const refused: string[] = [];
const invented: string[] = [];
const parity = { same: 0, differ: [] as string[] };
const times: number[] = [];
const rows: unknown[] = [];
for (const label of labels) {
  const { report, error, ms } = await read(path.join(dir, label.file));
  times.push(ms);
  const tasks = report?.tasks ?? [];
  const s = score(label, tasks);
  if (error) refused.push(`${label.id} ${error}`);
  if (label.kind === 'narrative' && tasks.length) invented.push(`${label.id} (${tasks.length})`);
  for (const k of ['tp', 'fp', 'fn', 'statusRight', 'statusStated'] as const) total[k] += s[k];
  const p = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
  const r = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  const derived: Record<string, string> = {};
  for (const ext of ['docx', 'pdf']) {
    const file = path.join(dir, 'derived', `${label.id}.${ext}`);
    if (!existsSync(file)) continue;
    const d = await read(file);
    const same = signature(d.report) === signature(report);
    derived[ext] = same ? 'same' : signature(d.report);
    if (same) parity.same++;
    else parity.differ.push(`${label.id}.${ext}: txt [${signature(report)}] vs [${signature(d.report)}]`);
  }
  rows.push({ id: label.id, kind: label.kind, f1, ...s, error, derived, read: tasks.map((t) => ({ code: t.code, statusCode: t.statusCode, confidence: t.confidence })) });
  const bad = s.misses.length || error;
  if (verbose || bad) {
    console.log(`${label.id} ${label.kind.padEnd(9)} F1 ${f1.toFixed(2)} gold ${label.tasks.length} read ${tasks.length}${error ? ` REFUSED ${error}` : ''}${s.misses.length ? `  ${s.misses.join('; ')}` : ''}`);
  }
}
const P = total.tp + total.fp ? total.tp / (total.tp + total.fp) : 0;
const R = total.tp + total.fn ? total.tp / (total.tp + total.fn) : 0;
const F1 = P + R ? (2 * P * R) / (P + R) : 0;
times.sort((a, b) => a - b);
console.log('');
console.log(`${dir}: ${labels.length} documents, gold tasks ${total.tp + total.fn}, read ${total.tp + total.fp}, matched ${total.tp}`);
console.log(`task precision ${P.toFixed(2)} recall ${R.toFixed(2)} F1 ${F1.toFixed(2)}`);
console.log(`status right ${total.statusRight}/${total.statusStated}${total.statusStated ? ` (${Math.round((100 * total.statusRight) / total.statusStated)}%)` : ''}`);
console.log(`narrative documents with invented tasks: ${invented.length}${invented.length ? ` — ${invented.join(', ')}` : ''}`);
console.log(`refused files: ${refused.length}${refused.length ? `\n  ${refused.join('\n  ')}` : ''}`);
console.log(`derived DOCX/PDF reading as their text: ${parity.same}/${parity.same + parity.differ.length}${parity.differ.length ? `\n  ${parity.differ.join('\n  ')}` : ''}`);
console.log(`parse time per text file: median ${(times[Math.floor(times.length / 2)] ?? 0).toFixed(2)} ms, max ${(times[times.length - 1] ?? 0).toFixed(2)} ms`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ precision: P, recall: R, f1: F1, ...total, refused, invented, parity, rows }, null, 2));
