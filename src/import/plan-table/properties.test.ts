import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlanTasks, drawLayout, planDocx, planWorkbook } from '../../../test/fixtures/import/plan-tables.js';
import { isAppError } from '../../core/errors.js';
import { ParsedReportSchema } from '../../core/report.js';
import type { Grid, Merge } from './grid.js';
import { deadlineText, readCode, readLeaders, readParentCell, readUnits } from './fields.js';
import { classifyHeader } from './headers.js';
import { parsePlanTable, planFromSource } from './index.js';

// Words tables are made of: header names, numbers, units, deadlines, group and notes rows, junk.
const WORDS = [
  '序号', '编号', '反馈问题', '存在问题', '整改任务', '整改目标', '整改措施', '具体措施', '责任单位', '牵头单位', '配合单位',
  '责任领导', '完成时限', '整改时限', '类别', '省序号', '备注', '一、大气污染防治', '（二）', '1', '一', '8(市序号9)', '省1-3',
  '市生态环境局、市水务局', '牵头：市住建局；配合：各县区政府', '2023年底前', '长期坚持', '立行立改', '明年', '45291', '注：说明',
  '合计', '', '', '', ' ', '（', '）', '\n', '某问题整改不到位。', '1.措施一\n2.措施二', '甲'.repeat(60),
];

const cellArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

const gridArb = fc
  .record({
    rows: fc.array(fc.array(cellArb, { maxLength: 9 }), { maxLength: 30 }),
    merges: fc.array(fc.record({ top: fc.nat(32), left: fc.nat(10), h: fc.nat(4), w: fc.nat(4) }), { maxLength: 8 }),
    hidden: fc.array(fc.nat(32), { maxLength: 4 }),
    kind: fc.constantFrom('sheet' as const, 'table' as const),
  })
  .map(({ rows, merges, hidden, kind }): Grid => ({
    name: kind === 'sheet' ? '表' : '表1',
    kind,
    rows,
    merges: merges.map((m): Merge => ({ top: m.top, left: m.left, bottom: m.top + m.h, right: m.left + m.w })),
    hiddenRows: new Set(hidden),
    hiddenCols: new Set(),
    errors: new Map(),
    caption: null,
  }));

/** A plan, or else a NOT_A_PLAN refusal: nothing else, and the result is plain data that validates. */
function readsOrRefuses(run: () => unknown): void {
  let report: unknown;
  try {
    report = run();
  } catch (e) {
    expect(isAppError(e) && e.code === 'NOT_A_PLAN').toBe(true);
    return;
  }
  expect(ParsedReportSchema.safeParse(report).success).toBe(true);
  expect(structuredClone(report)).toEqual(report);
}

describe('plan-table reader properties', () => {
  it('cell readers take any text (long, odd characters, brackets unbalanced) and give well-formed answers', () => {
    const text = fc.oneof(fc.string({ maxLength: 300 }), fc.array(cellArb, { maxLength: 30 }).map((xs) => xs.join('')), fc.string({ unit: 'grapheme', maxLength: 200 }));
    fc.assert(
      fc.property(text, (t) => {
        const code = readCode(t);
        expect(code.number === null || Number.isInteger(code.number)).toBe(true);
        const units = readUnits(t);
        for (const u of [...units.lead, ...units.support]) expect(u.length).toBeGreaterThanOrEqual(2);
        expect(units.lead.filter((u) => units.support.includes(u))).toEqual([]);
        expect(Array.isArray(readLeaders(t))).toBe(true);
        expect(typeof deadlineText(t)).toBe('string');
        expect(typeof readParentCell(t).parentCode).toBe('string');
        classifyHeader(t);
      }),
      { numRuns: 2000 },
    );
  });

  it('random tables (merges overlapping, hidden rows, junk) give a plan or NOT_A_PLAN, never a crash', () => {
    fc.assert(
      fc.property(fc.array(gridArb, { minLength: 1, maxLength: 3 }), fc.boolean(), (grids, docx) => {
        readsOrRefuses(() => planFromSource({ format: docx ? 'docx' : 'xlsx', grids, skipped: [], textLength: 0, tableTextLength: 0, title: null }, 'random.xlsx'));
      }),
      { numRuns: 400 },
    );
  });

  it('a plan header over random rows reads every row without losing a task that has a problem', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('1', '2', '（三）', '', '4(省序号7)'), fc.constantFrom('某问题A', '某问题B', ''), cellArb, cellArb), { maxLength: 25 }), (rows) => {
        const grid: Grid = { name: 'S', kind: 'sheet', rows: [['序号', '反馈问题', '整改措施', '完成时限'], ...rows], merges: [], hiddenRows: new Set(), hiddenCols: new Set(), errors: new Map(), caption: null };
        const plan = planFromSource({ format: 'xlsx', grids: [grid], skipped: [], textLength: 0, tableTextLength: 0, title: null }, 's.xlsx');
        const problems = plan.tasks.map((t) => t.problem).join('\n');
        for (const [, problem] of rows) if (problem) expect(problems).toContain(problem);
        for (const t of plan.tasks) expect(t.problem).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });

  it('damaged files (bytes flipped, cut short) give an AppError or a plan, never another error', async () => {
    const tasks = buildPlanTasks(6, 5);
    const layout = { ...drawLayout(5), sheets: 1 as const };
    const files = [
      { name: 'p.xlsx', data: await planWorkbook(tasks, layout) },
      { name: 'p.docx', data: await planDocx(tasks, layout) },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...files),
        fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 12 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (file, flips, cut) => {
          const data = Uint8Array.from(file.data);
          for (const [at, value] of flips) data[at % data.length] = value;
          const damaged = cut === undefined ? data : data.subarray(0, cut % data.length);
          try {
            const report = await parsePlanTable({ data: damaged, name: file.name });
            expect(ParsedReportSchema.safeParse(report).success).toBe(true);
          } catch (e) {
            expect(isAppError(e), String(e)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
