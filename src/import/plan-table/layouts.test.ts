import { describe, expect, it } from 'vitest';
import { buildPlanTasks, drawLayout, planDocx, planWorkbook, type PlanTaskSpec } from '../../../test/fixtures/import/plan-tables.js';
import { ParsedReportSchema, type ParsedReport } from '../../core/report.js';
import { parseDeadline } from '../../core/deadline.js';
import { detectPlanTable, parsePlanTable } from './index.js';

const squash = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

/** The parsed plan says what the table says, task by task. */
function expectPlan(parsed: ParsedReport, tasks: PlanTaskSpec[], label: string, columns: readonly string[]): void {
  expect(ParsedReportSchema.safeParse(parsed).success, label).toBe(true);
  const byProblem = new Map(parsed.tasks.map((t) => [squash(t.problem), t]));
  expect(parsed.tasks.map((t) => squash(t.problem)).sort(), label).toEqual(tasks.map((t) => squash(t.problem)).sort());
  for (const spec of tasks) {
    const t = byProblem.get(squash(spec.problem));
    const at = `${label} task ${spec.number}`;
    expect(t, at).toBeDefined();
    if (!t) continue;
    expect(t.number, at).toBe(spec.number);
    expect(t.measures.map((m) => squash(m.text)), at).toEqual(spec.measures.map(squash));
    expect(t.leadUnits, at).toEqual(spec.lead);
    expect(t.supportUnits, at).toEqual(spec.support);
    expect(t.units, at).toEqual([...spec.lead, ...spec.support]);
    expect(t.goal === null ? null : squash(t.goal), at).toBe(spec.goal === null || !columns.includes('goal') ? null : squash(spec.goal));
    if (spec.parent !== null) expect(t.parentNumber, at).toBe(spec.parent);
    expect(parseDeadline(t.deadline).date, at).toBe(spec.deadlineDate);
    expect(t.cells?.problem?.[0]?.ref, at).toMatch(/^([A-Z]+\d+|R\d+C\d+)$/);
  }
}

describe('plan tables in every layout', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('XLSX layout %i reads every task as written', async (seed) => {
    const withParents = seed % 3 === 0;
    const tasks = buildPlanTasks(12, seed, withParents);
    const layout = drawLayout(seed, withParents);
    const label = JSON.stringify(layout);
    const data = await planWorkbook(tasks, layout);
    expect((await detectPlanTable({ data, name: 'plan.xlsx' })).isPlan, label).toBe(true);
    const parsed = await parsePlanTable({ data, name: 'plan.xlsx' });
    expect(parsed.kind).toBe('plan');
    expectPlan(parsed, tasks, label, layout.columns);
    const columns = layout.columns;
    if (layout.groupRows || columns.includes('category')) {
      for (const t of parsed.tasks) expect(t.category, label).toBe(tasks.find((s) => squash(s.problem) === squash(t.problem))?.category);
    }
    if (layout.hiddenRow) expect(parsed.warnings.some((w) => w.message.includes('隐藏行')), label).toBe(true);
    if (layout.sheets === 2) expect(new Set(parsed.tasks.map((t) => t.cells?.problem?.[0]?.sheet)).size).toBe(2);
  });

  it.each(Array.from({ length: 16 }, (_, i) => i + 101))('DOCX layout %i reads every task across the tables', async (seed) => {
    const withParents = seed % 3 === 0;
    const tasks = buildPlanTasks(10, seed, withParents);
    const layout = { ...drawLayout(seed, withParents), sheets: 1 as const };
    const label = JSON.stringify(layout);
    const data = await planDocx(tasks, layout, { repeatHeader: seed % 2 === 0 });
    expect((await detectPlanTable({ data, name: 'plan.docx' })).isPlan, label).toBe(true);
    const parsed = await parsePlanTable({ data, name: 'plan.docx' });
    expectPlan(parsed, tasks, label, layout.columns);
    expect(parsed.title).toBe('某县落实生态环境保护督察反馈问题整改方案');
    for (const t of parsed.tasks) expect(t.category, label).toBe(tasks.find((s) => squash(s.problem) === squash(t.problem))?.category);
  });
});
