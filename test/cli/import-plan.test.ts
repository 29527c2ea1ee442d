/**
 * `rectify import FILE` with a plan table, run as an operator runs it (a child process on the test database): the
 * dry run prints the preview and exits 1 while names are undecided, the import refuses them listing each, and with
 * --map / --create-units it loads the plan linked to the province's, remembering the mapping.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rectify } from '../helpers/cli.js';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask } from '../helpers/factories.js';
import { buildPlanXlsx } from '../fixtures/plans/city-plan-xlsx.js';


describe.each(DIALECTS)('rectify import of a plan table on %s', (dialect) => {
  let ctx: TestContext;
  let file: string;
  let province9: number;
  const tasks = async () => Number((await ctx.db.selectFrom('tasks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const plan = (...more: string[]) => rectify(ctx, 'import', file, '--org', '辽宁省/抚顺市', '--inspection', '第二轮中央生态环境保护督察', ...more);
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const tree = await buildOrgTree(ctx);
    const { plan: provincePlan } = await buildPlan(ctx, tree.province);
    province9 = (await buildTask(ctx, { planId: provincePlan.id, org: tree.province, code: '9' })).task.id;
    await buildTask(ctx, { planId: provincePlan.id, org: tree.province, code: '10' });
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-plan-')), '抚顺市整改任务清单.xlsx');
    fs.writeFileSync(file, await buildPlanXlsx());
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('--dry-run prints each task cell by cell and the undecided names, writes nothing, exits 1', { timeout: 120_000 }, async () => {
    const before = await tasks();
    const res = await plan('--dry-run');
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('上级方案：辽宁省整改方案（辽宁省）');
    expect(res.stdout).toContain('任务1 [新建] → 上级任务9');
    expect(res.stdout).toContain('完成时限（整改任务!I4）：2024年6月底前');
    expect(res.stdout).toMatch(/市河道管理处（未找到）/);
    expect(res.stdout).toMatch(/新宾县人民政府（简称 → 新宾满族自治县）/);
    expect(await tasks()).toBe(before);
  });

  it('refuses undecided names listing them; imports with --map and --create-units, linked to the province plan', { timeout: 120_000 }, async () => {
    const before = await tasks();
    const refused = await plan();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/rectify: .*市市场监督管理局、市河道管理处.*--map/);
    expect(await tasks()).toBe(before);
    const ok = await plan('--map', '市河道管理处=辽宁省/抚顺市/市生态环境局', '--create-units');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/新建 2 项.*关联上级任务 2 项/);
    expect(ok.stdout).toContain('新建单位：市市场监督管理局');
    expect(ok.stdout).toContain('已记住的单位名称：市河道管理处');
    const linked = await ctx.db.selectFrom('tasks').select('code').where('parent_task_id', '=', province9).execute();
    expect(linked.map((t) => t.code)).toEqual(['1']);
    const again = await plan('--dry-run');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('未变 2');
    expect(again.stdout).toMatch(/市河道管理处（已记住的对应 → 市生态环境局）/);
  });

  it('rectify export --with-links prints the province task beside the city plan\'s task held by a department', { timeout: 120_000 }, async () => {
    const out = path.join(path.dirname(file), 'report.md');
    const res = await rectify(ctx, 'export', '--org', '辽宁省/抚顺市/市生态环境局', '--format', 'md', '--out', out, '--with-links');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('已写出');
    expect(fs.readFileSync(out, 'utf8')).toMatch(/任务1（对应省任务9）/);
    const plain = await rectify(ctx, 'export', '--org', '辽宁省/抚顺市/市生态环境局', '--format', 'md', '--out', out);
    expect(plain.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).not.toMatch(/对应省任务/);
  });
});
