/**
 * The project's round-trip test: a report read from the sample TXT, written in every format, read back by the
 * report reader, gives the same tasks, statuses and measures. Also on a generated ledger of 100 tasks.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLedgerReport } from '../../test/fixtures/export/factory.js';
import type { ParsedReport, ParsedTask } from '../core/report.js';
import { parseReport, parseReportText } from '../import/index.js';
import { renderDocx } from './docx.js';
import { closePdfRenderer, renderPdf } from './pdf.js';
import { renderMarkdown, renderText } from './text.js';
import { reportFromParsed, type ExportReport } from './types.js';

const sampleText = readFileSync(new URL('../../test/fixtures/fushun-progress-2023.txt', import.meta.url), 'utf8');
const utf8 = (s: string) => new TextEncoder().encode(s);

const WRITERS: Record<string, (r: ExportReport) => Promise<Uint8Array>> = {
  md: async (r) => utf8(renderMarkdown(r)),
  txt: async (r) => utf8(renderText(r)),
  docx: async (r) => new Uint8Array(await renderDocx(r)),
  pdf: async (r) => new Uint8Array(await renderPdf(r)),
};

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');
/** What must survive the trip: codes, statuses as written, measures (ordinal and text, whitespace aside). */
const essence = (tasks: readonly ParsedTask[]) =>
  tasks.map((t) => ({ code: t.code, status: squash(t.status), measures: t.measures.map((m) => [m.ordinal, squash(m.text)]) }));

// Each report is written and read once per format; the tests share the result (Chromium is slow to print).
const trips = new WeakMap<ExportReport, Map<string, Promise<ParsedReport>>>();
function roundTrip(report: ExportReport, ext: string): Promise<ParsedReport> {
  const write = WRITERS[ext];
  if (!write) throw new Error(ext);
  const byExt = trips.get(report) ?? new Map<string, Promise<ParsedReport>>();
  trips.set(report, byExt);
  let trip = byExt.get(ext);
  if (!trip) byExt.set(ext, (trip = write(report).then((data) => parseReport({ data, name: `report.${ext}` }))));
  return trip;
}

describe('round trip: sample TXT → reader → writer → reader', () => {
  afterAll(closePdfRenderer);
  const original = parseReportText(sampleText);
  const report: ExportReport = { ...reportFromParsed(original), label: '附件' };

  it('reads the sample as the 13 tasks of the report', () => {
    expect(original.tasks.map((t) => t.code)).toEqual(['2', '30', '38', '41', '45', '48', '54', '61', '62', '63', '67', '82', '89']);
  });

  for (const ext of Object.keys(WRITERS)) {
    it(`gives back the same tasks, statuses and measures from ${ext}`, async () => {
      const back = await roundTrip(report, ext);
      expect(essence(back.tasks)).toEqual(essence(original.tasks));
    });

    it(`gives back the same title and problems from ${ext}`, async () => {
      const back = await roundTrip(report, ext);
      expect(squash(back.title)).toBe(squash(original.title));
      expect(back.tasks.map((t) => squash(t.problem))).toEqual(original.tasks.map((t) => squash(t.problem)));
    });
  }
});

describe('round trip: a generated ledger of 100 tasks', () => {
  afterAll(closePdfRenderer);
  const report = buildLedgerReport(100);

  for (const ext of Object.keys(WRITERS)) {
    it(`gives back the same tasks, statuses and measures from ${ext}`, async () => {
      const back = await roundTrip(report, ext);
      expect(essence(back.tasks)).toEqual(essence(report.tasks));
      expect(back.tasks.map((t) => t.measures.map((m) => m.items.map(squash)))).toEqual(report.tasks.map((t) => t.measures.map((m) => m.items.map(squash))));
    });
  }
});

describe('round trip: the fields a plan adds (goal, units, deadline, progress)', () => {
  const task: ParsedTask = {
    ...buildLedgerReport(1).tasks[0]!,
    goal: '2025年底前完成全部24家企业治理，达标率达到100%',
    units: ['市生态环境局', '清原县政府'],
    deadline: '2025年12月31日',
    status: '已完成整改',
    progress: '24家企业已全部完成治理并通过验收，监测数据稳定达标。',
  };
  const report: ExportReport = { ...buildLedgerReport(0), tasks: [task] };

  for (const ext of ['md', 'txt', 'docx']) {
    it(`keeps them from ${ext}`, async () => {
      const [back] = (await roundTrip(report, ext)).tasks;
      expect(back).toMatchObject({ goal: task.goal, units: task.units, deadline: task.deadline, status: task.status, progress: task.progress });
      expect(essence(back ? [back] : [])).toEqual(essence([task]));
    });
  }
});
