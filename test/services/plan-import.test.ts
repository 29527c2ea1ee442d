import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { accessFor } from './support/access.js';
import type { Access } from '../../src/services/access.js';
import type { ParsedReport, ParsedTask } from '../../src/core/report.js';
import type { PlanImportTarget } from '../../src/core/plan-import.js';
import { previewPlanImport } from '../../src/services/plans/plan-import-preview.js';
import { commitPlanImport } from '../../src/services/plans/plan-import-commit.js';
import { getTaskLinks } from '../../src/services/plans/plan-links.js';
import { insertOrgUnit } from '../../src/db/org-units.repository.js';
import { listTasksOfPlan, listMeasures, updateTask } from '../../src/db/tasks.repository.js';
import { findAssignment } from '../../src/db/assignments.repository.js';
import { verifyAuditChain } from '../../src/db/audit.repository.js';
import { buildReport } from '../../src/services/report-from-ledger.js';

function task(code: string, over: Partial<ParsedTask> = {}): ParsedTask {
  const units = over.units ?? ['市生态环境局'];
  return {
    code, number: Number(code) || null, problem: `问题${code}：部分企业超标排放`, goal: '全面达标排放', status: null, statusCode: null,
    measures: [{ ordinal: 1, text: `措施${code}-1：开展专项检查`, items: [] }, { ordinal: 2, text: `措施${code}-2：建立长效机制`, items: [] }],
    units, leadUnits: units.slice(0, 1), supportUnits: units.slice(1), leaders: ['张三（副市长）'], category: '大气污染防治',
    deadline: '2025年底前', documents: [], facts: [],
    cells: { problem: [{ sheet: '整改任务', ref: `B${Number(code) + 2}`, text: `问题${code}` }] }, confidence: 1, ...over,
  };
}

const report = (tasks: ParsedTask[], warnings: ParsedReport['warnings'] = []): ParsedReport => ({
  kind: 'plan', title: '抚顺市贯彻落实第二轮中央生态环境保护督察报告整改方案', region: '抚顺市', inspection: null, asOf: null, tasks, summary: [], warnings,
});

const file = (text: string) => ({ name: 'city-plan.xlsx', data: Buffer.from(text) });

async function count(ctx: TestContext, table: 'tasks' | 'assignments' | 'plans' | 'org_units' | 'unit_aliases' | 'imports') {
  return Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

describe.each(DIALECTS)('importing a plan table on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let admin: Access;
  let target: PlanImportTarget;
  let provinceTasks: { nine: number; ten: number };
  let eco: number;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    // The bureau is recorded under its full name; the table writes it short.
    eco = (await insertOrgUnit(ctx.db, { parentId: tree.city.id, code: 'FS-ECO', name: '抚顺市发展和改革委员会', kind: 'department' })).id;
    const { inspection, plan } = await buildPlan(ctx, tree.province);
    provinceTasks = {
      nine: (await buildTask(ctx, { planId: plan.id, org: tree.province, code: '9' })).task.id,
      ten: (await buildTask(ctx, { planId: plan.id, org: tree.province, code: '10' })).task.id,
    };
    admin = await accessFor(ctx, await buildUser(ctx, 'admin', tree.city));
    target = { inspectionId: inspection.id, orgUnitId: tree.city.id };
  });
  afterAll(async () => { await ctx.cleanup(); });

  const first = () => report([
    task('1', { parentCode: '9', parentNumber: 9, units: ['市生态环境局', '市发改委'], leadUnits: ['市生态环境局'], supportUnits: ['市发改委'] }),
    task('2', { parentNumber: 10, units: ['新宾县人民政府', '市环保督察办'] }),
    task('3', { parentNumber: 77, units: [], leadUnits: [], deadline: '立行立改' }),
  ], [{ line: 5, message: '第5行“完成时限”：无法识别日期“明年”', cell: '整改任务!F5', taskCode: '2' }]);

  it('previews each task as read, matches units by short forms, links to the province plan, and writes nothing', async () => {
    const before = await count(ctx, 'tasks');
    const p = await previewPlanImport(ctx, admin, target, first(), file('v1'));
    expect(await count(ctx, 'tasks')).toBe(before);
    expect(p.plan).toMatchObject({ id: null, ownerOrgName: '抚顺市' });
    expect(p.parentPlan?.ownerOrgName).toBe('辽宁省');
    expect(p.tasks.map((t) => [t.code, t.change, t.parent?.taskId ?? null])).toEqual([['1', 'new', provinceTasks.nine], ['2', 'new', provinceTasks.ten], ['3', 'new', null]]);
    expect(p.tasks[0]!.cells.problem?.[0]).toEqual({ sheet: '整改任务', ref: 'B3', text: '问题1' });
    expect(p.tasks[1]!.warnings.map((w) => w.cell)).toEqual(['整改任务!F5']);
    expect(p.tasks[2]!.warnings[0]!.message).toContain('没有序号为 77 的任务');
    const byName = Object.fromEntries(p.units.map((u) => [u.name, [u.state, u.unitId]]));
    expect(byName).toEqual({
      市生态环境局: ['exact', tree.department.id], 市发改委: ['short', eco], 新宾县人民政府: ['short', tree.countyA.id], 市环保督察办: ['unmatched', null],
    });
    expect(p.blockers).toHaveLength(1);
    expect(p.blockers[0]).toContain('市环保督察办');
    expect(p.counts).toEqual({ new: 3, changed: 0, unchanged: 0, removed: 0 });
  });

  it('refuses to commit while a name is undecided, and when the file differs from the one previewed; nothing written', async () => {
    const p = await previewPlanImport(ctx, admin, target, first(), file('v1'));
    const before = { tasks: await count(ctx, 'tasks'), plans: await count(ctx, 'plans') };
    await expect(commitPlanImport(ctx, admin, target, first(), file('v1'), { units: {}, parents: {} }, p)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('市环保督察办') });
    await expect(commitPlanImport(ctx, admin, target, first(), file('v1 edited'), { units: { 市环保督察办: { action: 'ignore' } }, parents: {} }, p)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect({ tasks: await count(ctx, 'tasks'), plans: await count(ctx, 'plans') }).toEqual(before);
  });

  it('commits in one go: the plan under the province plan, tasks linked, a share per unit with the measures, the mapping remembered', async () => {
    const choices = { units: { 市环保督察办: { action: 'map' as const, orgUnitId: tree.department.id } }, parents: {} };
    const p = await previewPlanImport(ctx, admin, target, first(), file('v1'), choices);
    expect(p.blockers).toEqual([]);
    const s = await commitPlanImport(ctx, admin, target, first(), file('v1'), choices, p);
    expect(s).toMatchObject({ created: 3, updated: 0, unchanged: 0, linked: 2, aliasesSaved: ['市环保督察办'], unitsCreated: [] });
    const tasks = await listTasksOfPlan(ctx.db, s.planId);
    expect(tasks.map((t) => [t.code, t.deadlineKind, t.leadUnit, t.responsiblePerson])).toEqual([
      ['1', 'by_date', '市生态环境局', '张三（副市长）'], ['2', 'by_date', '新宾县人民政府', '张三（副市长）'], ['3', 'immediate', null, '张三（副市长）'],
    ]);
    const share = await findAssignment(ctx.db, tasks[0]!.id, eco);
    expect((await listMeasures(ctx.db, share!.id)).map((m) => m.text)).toEqual(['措施1-1：开展专项检查', '措施1-2：建立长效机制']);
    // A task naming no unit is the plan unit's own.
    expect(await findAssignment(ctx.db, tasks[2]!.id, tree.city.id)).toBeDefined();
    const plan = await ctx.db.selectFrom('plans').select(['parent_plan_id']).where('id', '=', s.planId).executeTakeFirstOrThrow();
    expect(plan.parent_plan_id).not.toBeNull();
    const audit = await ctx.db.selectFrom('audit_events').select('action').where('action', 'in', ['plan.import', 'unit_alias.save', 'task.create']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['plan.import', 'task.create', 'task.create', 'task.create', 'unit_alias.save']);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });

  it('the province task shows the city task under it, with progress rolled up along the link', async () => {
    const province = await accessFor(ctx, await buildUser(ctx, 'admin', tree.province));
    const links = await getTaskLinks(ctx, province, provinceTasks.nine);
    expect(links.linked.map((t) => [t.ownerOrgName, t.code, t.shares.length])).toEqual([['抚顺市', '1', 2]]);
    expect(links.rollUp).toMatchObject({ linkedTasks: 1, completedTasks: 0, isCompleted: false });
    const city = await accessFor(ctx, await buildUser(ctx, 'viewer', tree.city));
    const cityTask = (await ctx.db.selectFrom('tasks').select('id').where('parent_task_id', '=', provinceTasks.nine).executeTakeFirstOrThrow()).id;
    expect((await getTaskLinks(ctx, city, cityTask)).parent).toMatchObject({ taskId: provinceTasks.nine, code: '9', level: '省' });
    // Another city's reader does not see 抚顺市's tasks under the province task.
    const other = await accessFor(ctx, await buildUser(ctx, 'admin', tree.otherCity));
    await expect(getTaskLinks(ctx, other, provinceTasks.nine)).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
  });

  it('a corrected table updates in place: the remembered name matches, changes are listed, a done measure keeps its date', async () => {
    const planId = (await ctx.db.selectFrom('plans').select('id').where('owner_org_id', '=', tree.city.id).executeTakeFirstOrThrow()).id;
    const t1 = (await listTasksOfPlan(ctx.db, planId))[0]!;
    const share = (await findAssignment(ctx.db, t1.id, tree.department.id))!;
    const kept = (await listMeasures(ctx.db, share.id))[0]!;
    await ctx.db.updateTable('measures').set({ done_date: '2024-03-01' }).where('id', '=', kept.id).execute();
    const corrected = report([
      task('1', { parentNumber: 9, units: ['市生态环境局', '市发改委'], measures: [{ ordinal: 1, text: '措施1-1：开展专项检查', items: [] }, { ordinal: 2, text: '措施1-3：新增的措施', items: [] }] }),
      task('2', { parentNumber: 10, units: ['新宾县人民政府', '市环保督察办'], problem: '问题2：改正后的问题表述' }),
    ]);
    const p = await previewPlanImport(ctx, admin, target, corrected, file('v2'));
    expect(p.units.find((u) => u.name === '市环保督察办')).toMatchObject({ state: 'alias', unitId: tree.department.id });
    expect(p.tasks.map((t) => [t.code, t.change, t.changedFields])).toEqual([['1', 'changed', ['measures']], ['2', 'changed', ['problem']]]);
    expect(p.removed.map((r) => r.code)).toEqual(['3']);
    const tasksBefore = await count(ctx, 'tasks');
    const s = await commitPlanImport(ctx, admin, target, corrected, file('v2'), { units: {}, parents: {} }, p);
    expect(s).toMatchObject({ created: 0, updated: 2, removed: 1, changes: [{ code: '1', fields: ['measures'] }, { code: '2', fields: ['problem'] }] });
    expect(await count(ctx, 'tasks')).toBe(tasksBefore);
    const measures = await listMeasures(ctx.db, share.id);
    expect(measures.map((m) => [m.text, m.doneDate])).toEqual([['措施1-1：开展专项检查', '2024-03-01'], ['措施1-3：新增的措施', null]]);
    const again = await previewPlanImport(ctx, admin, target, corrected, file('v2'));
    expect(again.counts).toMatchObject({ changed: 0, unchanged: 2, removed: 1 });
  });

  it('leaves a closed task as it is: its changes block the import until it is reopened', async () => {
    const planId = (await ctx.db.selectFrom('plans').select('id').where('owner_org_id', '=', tree.city.id).executeTakeFirstOrThrow()).id;
    const t2 = (await listTasksOfPlan(ctx.db, planId)).find((x) => x.code === '2')!;
    await ctx.db.updateTable('assignments').set({ is_closed: 1, closed_at: '2024-05-01T00:00:00.000Z' }).where('task_id', '=', t2.id).execute();
    const edited = report([task('2', { parentNumber: 10, units: ['新宾县人民政府', '市环保督察办'], problem: '问题2：又改了一次' })]);
    const p = await previewPlanImport(ctx, admin, target, edited, file('closed'));
    expect(p.blockers.join()).toMatch(/任务2已于2024-05-01.*销号.*problem/);
    await expect(commitPlanImport(ctx, admin, target, edited, file('closed'), { units: {}, parents: {} }, p)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await ctx.db.updateTable('assignments').set({ is_closed: 0, closed_at: null }).where('task_id', '=', t2.id).execute();
  });

  it('refuses a commit when the plan changed after the preview', async () => {
    const corrected = report([task('1', { parentNumber: 9, units: ['市生态环境局'] })]);
    const p = await previewPlanImport(ctx, admin, target, corrected, file('v3'));
    const planId = p.plan.id!;
    const t1 = (await listTasksOfPlan(ctx.db, planId))[0]!;
    await updateTask(ctx.db, t1.id, t1.version, { goal: '别人刚改的目标' });
    await expect(commitPlanImport(ctx, admin, target, corrected, file('v3'), { units: {}, parents: {} }, p)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
  });

  it('creates a unit only when asked, under the plan unit', async () => {
    const county = await accessFor(ctx, await buildUser(ctx, 'admin', tree.countyA));
    const countyTarget = { ...target, orgUnitId: tree.countyA.id };
    const r = report([task('1', { units: ['县水务局'], parentNumber: null, parentCode: null })]);
    const p = await previewPlanImport(ctx, county, countyTarget, r, file('county'));
    expect(p.units[0]).toMatchObject({ name: '县水务局', state: 'unmatched' });
    // The county plan links to the city plan above it by default.
    expect(p.parentPlan?.ownerOrgName).toBe('抚顺市');
    const units = await count(ctx, 'org_units');
    const s = await commitPlanImport(ctx, county, countyTarget, r, file('county'), { units: { 县水务局: { action: 'create' } }, parents: {} }, p);
    expect(s.unitsCreated).toEqual(['县水务局']);
    expect(await count(ctx, 'org_units')).toBe(units + 1);
    const created = await ctx.db.selectFrom('org_units').select(['parent_id', 'kind']).where('name', '=', '县水务局').executeTakeFirstOrThrow();
    expect(created).toEqual({ parent_id: tree.countyA.id, kind: 'department' });
  });

  it('the public report of either level can print the other\'s numbers beside its own', async () => {
    const department = await buildReport(ctx, [tree.province.path], { orgUnitId: tree.department.id, linkedNumbers: true });
    expect(department.report.tasks.map((x) => x.code)).toContain('1（对应省任务9）');
    const province = await buildReport(ctx, [tree.province.path], { orgUnitId: tree.province.id, linkedNumbers: true });
    expect(province.report.tasks.map((x) => x.code)).toEqual(['9（对应市任务1）', '10（对应市任务2）']);
    const plain = await buildReport(ctx, [tree.province.path], { orgUnitId: tree.province.id });
    expect(plain.report.tasks.map((x) => x.code)).toEqual(['9', '10']);
  });

  it('answers a unit outside the administrator\'s subtree as missing, a reporter with 403, a map outside the plan unit as invalid', async () => {
    const county = await accessFor(ctx, await buildUser(ctx, 'admin', tree.countyB));
    await expect(previewPlanImport(ctx, county, target, first(), file('v1'))).rejects.toMatchObject({ code: 'ORG_UNIT_NOT_FOUND' });
    const reporter = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.city));
    await expect(previewPlanImport(ctx, reporter, target, first(), file('v1'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(previewPlanImport(ctx, admin, target, first(), file('v1'), { units: { 市环保督察办: { action: 'map', orgUnitId: tree.otherCity.id } }, parents: {} }))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(previewPlanImport(ctx, admin, target, { ...first(), kind: 'report' }, file('v1'))).rejects.toMatchObject({ code: 'NOTHING_RECOGNIZED' });
  });
});
