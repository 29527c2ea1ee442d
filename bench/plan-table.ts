/**
 * Benchmark of the plan-table reader: a 500-task plan XLSX (two-row header, group rows, one measure a row with the
 * task's cells merged down, as offices lay them out) read by parsePlanTable, against loading the same file with
 * exceljs alone. Run: npx tsx bench/plan-table.ts
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { parsePlanTable } from '../src/import/plan-table/index.js';
import { buildPlanTasks, drawLayout, planDocx, planWorkbook, type Layout } from '../test/fixtures/import/plan-tables.js';
import { medianMs, type Figure } from './load.js';

const LAYOUT: Layout = {
  ...drawLayout(1),
  columns: ['code', 'parent', 'problem', 'goal', 'measures', 'lead', 'support', 'leaders', 'deadline', 'notes'],
  twoRowUnits: true,
  measureRows: true,
  groupRows: true,
  codeStyle: 'arabic',
  unitStyle: 'split',
  titleRows: 2,
  notesBelow: true,
  blankRows: false,
  hiddenRow: false,
  sheets: 1,
};

/** Reads a 500-task plan (XLSX and DOCX); ms per file, and exceljs's load of the same XLSX for comparison. */
export async function runPlanTableBench(): Promise<Figure[]> {
  const tasks = buildPlanTasks(500, 42, true);
  const xlsx = await planWorkbook(tasks, LAYOUT);
  const docx = await planDocx(tasks, LAYOUT);
  const check = await parsePlanTable({ data: xlsx, name: 'bench.xlsx' });
  if (check.tasks.length !== 500) throw new Error(`read ${check.tasks.length} tasks, expected 500`);
  const runs = 15;
  const read = await medianMs(() => parsePlanTable({ data: xlsx, name: 'bench.xlsx' }), runs);
  const readDocx = await medianMs(() => parsePlanTable({ data: docx, name: 'bench.docx' }), runs);
  const exceljs = await medianMs(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
  }, 5);
  return [
    { name: 'plan-table.xlsx.500-tasks', value: round(read), unit: 'ms/file' },
    { name: 'plan-table.docx.500-tasks', value: round(readDocx), unit: 'ms/file' },
    { name: 'plan-table.exceljs-load.same-xlsx', value: round(exceljs), unit: 'ms/file' },
    { name: 'plan-table.xlsx.size', value: Math.round(xlsx.length / 1024), unit: 'KiB' },
  ];
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const f of await runPlanTableBench()) console.log(`${f.name}\t${f.value}\t${f.unit}`);
}
