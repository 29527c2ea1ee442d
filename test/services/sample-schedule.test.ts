/**
 * The sample check: the bundled Fushun report, imported as 辽宁省/抚顺市 as of 2023-12-31, with the dated stage goals
 * the report describes for tasks 2, 61 and 62 entered as milestones, computes what the report says — those three on
 * schedule and the other ten completed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildUser } from '../helpers/factories.js';
import { SYSTEM_ACTOR } from '../../src/db/audit.repository.js';
import { getAssignmentById } from '../../src/db/assignments.repository.js';
import { findLedgerPage } from '../../src/db/ledger-page.repository.js';
import { findOrgUnitsByName } from '../../src/db/org-units.repository.js';
import { parseReport } from '../../src/import/index.js';
import { importParsedReport } from '../../src/services/import-parsed-report.js';
import { createPart } from '../../src/services/assignment-parts.js';
import { refreshSchedule } from '../../src/services/schedule.js';
import { accessFor } from './support/access.js';

const SAMPLE = path.resolve('samples/fushun-progress-2023.txt');
type Goal = [title: string, dueDate: string, doneDate: string | null];

/** Stage goals as the report dates them; the 十四五 targets (2025) are still open at the end of 2023. */
const GOALS: Record<string, Goal[]> = {
  '2': [
    ['印发《抚顺市坚决遏制高耗能高排放项目盲目发展加强能源消费双控工作方案》（抚政办〔2021〕24号）', '2021-12-31', '2021-12-31'],
    ['印发《抚顺市审批建设项目目录(2021年本)》', '2021-12-31', '2021-12-28'],
    ['2022年对16家重点用能单位开展节能监察', '2022-12-31', '2022-12-31'],
    ['2023年对8家重点用能单位开展节能监察，完成5家企业强制性清洁生产审核', '2023-12-31', '2023-12-31'],
    ['“十四五”期间32个节能潜力挖掘项目全部完成（已完成27个）', '2025-12-31', null],
  ],
  '61': [
    ['完成3个乡镇级饮用水水源保护区划定', '2021-12-31', '2021-12-31'],
    ['完成乡镇级饮用水水源保护区勘界立标', '2022-12-31', '2022-12-31'],
    ['完成新增14个乡镇级集中式饮用水水源保护区划定；农村生活污水治理率达到30%', '2023-12-31', '2023-12-31'],
    ['农村环境基础设施建设“十四五”目标', '2025-12-31', null],
  ],
  '62': [
    ['完成“十四五”时期畜禽养殖污染防治规划并印发实施', '2021-12-31', '2021-12-01'],
    ['2022年测土配方施肥、安全用药推广面积达到省目标', '2022-12-31', '2022-12-31'],
    ['2023年测土配方施肥、安全用药推广面积达到省目标', '2023-12-31', '2023-12-31'],
    ['农业面源和畜禽养殖污染防治“十四五”目标', '2025-12-31', null],
  ],
};

describe.each(DIALECTS)('the Fushun sample computes as reported on %s', (dialect) => {
  let ctx: TestContext;
  let ids: Map<string, number>;
  const statusesAsOf = async (asOf: string) => {
    const out: Record<string, string | null> = {};
    await ctx.db.transaction().execute(async (tx) => {
      for (const [code, id] of ids) out[code] = (await refreshSchedule(tx, id, asOf)).scheduleStatus;
    });
    return out;
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const data = fs.readFileSync(SAMPLE);
    const parsed = await parseReport({ data, name: 'fushun-progress-2023.txt' });
    await importParsedReport(ctx, SYSTEM_ACTOR, parsed, { name: 'fushun-progress-2023.txt', data }, { org: '辽宁省/抚顺市', asOf: '2023-12-31' });
    const [city] = await findOrgUnitsByName(ctx.db, '抚顺市');
    const admin = await buildUser(ctx, 'admin', city!, 'fushun-admin');
    const access = await accessFor(ctx, admin);
    ids = new Map((await findLedgerPage(ctx.db, dialect, { pageSize: 50 })).rows.map((r) => [r.taskCode, r.id]));
    for (const [code, goals] of Object.entries(GOALS)) {
      for (const [title, dueDate, doneDate] of goals) await createPart(ctx, access, 'milestones', ids.get(code)!, { title, dueDate, doneDate, weight: 1 });
    }
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('says tasks 2, 61 and 62 are on schedule and the ten others completed, as of 2023-12-31', async () => {
    const statuses = await statusesAsOf('2023-12-31');
    expect(Object.keys(statuses)).toHaveLength(13);
    const onSchedule = Object.entries(statuses).filter(([, s]) => s === 'on_schedule').map(([c]) => c);
    const completed = Object.entries(statuses).filter(([, s]) => s === 'completed').map(([c]) => c);
    expect(onSchedule).toEqual(['2', '61', '62']);
    expect(completed).toEqual(['30', '38', '41', '45', '48', '54', '63', '67', '82', '89']);
    const task61 = await getAssignmentById(ctx.db, ids.get('61')!);
    expect(task61).toMatchObject({ statusText: '达到序时进度', warning: 'green', warningReason: '截至2023年12月31日应完成节点3个，已完成3个，达到序时进度' });
  });

  it('finds them behind once the 十四五 targets fall due unfinished', async () => {
    const statuses = await statusesAsOf('2026-01-05');
    expect([statuses['2'], statuses['61'], statuses['62']]).toEqual(['behind_schedule', 'behind_schedule', 'behind_schedule']);
    expect(statuses['30']).toBe('completed');
  });
});
