/**
 * The round trip from the command line, run as an operator runs it (child processes on the test database):
 * `rectify export --round --unit --as`, `rectify import FILE --dry-run`, then for real; a conflict refused without
 * --take; an edited id column and a refused cell exiting non-zero with nothing written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rectify } from '../helpers/cli.js';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { editSheet } from '../helpers/sheet-edit.js';
import { accessFor } from '../services/support/access.js';
import { openRound } from '../../src/services/reporting/rounds.js';
import { resubmitProgressReport } from '../../src/services/reporting/submit-report.js';
import { findUserByUsername } from '../../src/db/users.repository.js';
import { listProgressReports } from '../../src/db/progress-reports.repository.js';


describe.each(DIALECTS)('rectify export/import of sheets on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let a1: number, roundId: number;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-sheet-cli-'));
  const at = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    const { plan } = await buildPlan(ctx, tree.province);
    a1 = (await buildTask(ctx, { planId: plan.id, org: tree.countyA, code: '48', problem: '污水管网建设缓慢' })).assignment.id;
    await buildTask(ctx, { planId: plan.id, org: tree.countyB, code: '54', problem: '污泥处置滞后' });
    const admin = await accessFor(ctx, await buildUser(ctx, 'admin', tree.city, 'city-admin'));
    await buildUser(ctx, 'reporter', tree.countyA, 'xinbin');
    roundId = (await openRound(ctx, admin, { scopeOrgId: tree.city.id, referenceDate: '2024-06-12', dueDate: '2099-12-31' })).id;
  });
  afterAll(async () => { await ctx.cleanup(); fs.rmSync(dir, { recursive: true, force: true }); });

  it('exports a unit\'s round sheet, previews it with --dry-run, imports it as the reporter\'s report', { timeout: 240_000 }, async () => {
    const out = await rectify(ctx, 'export', '--round', String(roundId), '--unit', `${tree.city.name}/${tree.countyA.name}`, '--as', 'xinbin', '--out', at('round.xlsx'));
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/^已写出 .*round\.xlsx：.*调度表.*，1 行\n$/);
    fs.writeFileSync(at('filled.xlsx'), await editSheet(fs.readFileSync(at('round.xlsx')), { [a1]: { status: '正在推进', progress: '已开工 2 公里。' } }));

    const dry = await rectify(ctx, 'import', at('filled.xlsx'), '--dry-run', '--as', 'xinbin');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('第3行 任务48（新宾满族自治县） 报送：');
    expect(dry.stdout).toContain('工作进展：原“” → 表格“已开工 2 公里。”');
    expect(dry.stdout).toContain('预览：修改 1 行，冲突 0 行，未变 0 行，拒收 0 处');
    expect(await listProgressReports(ctx.db, a1)).toEqual([]);

    const real = await rectify(ctx, 'import', at('filled.xlsx'), '--as', 'xinbin');
    expect([real.code, real.stdout.split('\n').at(-2)]).toEqual([0, '已导入：报送 1 项，修改 0 项，保留系统内容 0 项，未变 0 项']);
    expect((await listProgressReports(ctx.db, a1))[0]).toMatchObject({ roundId, state: 'submitted', progress: '已开工 2 公里。' });
  });

  it('refuses conflicts without --take, edited ids and unreadable cells, exiting non-zero', { timeout: 240_000 }, async () => {
    const ex = await rectify(ctx, 'export', '--roundtrip', '--out', at('ledger.xlsx'));
    expect(ex.code).toBe(0);
    const ledger = fs.readFileSync(at('ledger.xlsx'));
    const report = (await listProgressReports(ctx.db, a1))[0]!;
    expect(report.state).toBe('submitted');
    fs.writeFileSync(at('conflict.xlsx'), await editSheet(ledger, { [a1]: { progress: '全部完成。', status: '完成整改' } }));
    // Meanwhile the county corrects its report in Rectify: the row has changed since the export.
    await resubmitProgressReport(ctx, await accessFor(ctx, (await findUserByUsername(ctx.db, 'xinbin'))!), report.id, { version: report.version, progress: '又推进了 1 公里。', statusText: '正在推进' });
    const conflict = await rectify(ctx, 'import', at('conflict.xlsx'));
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/^rectify: conflict\.xlsx: 有 1 行在导出后已在系统中被修改；用 --take file/);
    const kept = await rectify(ctx, 'import', at('conflict.xlsx'), '--take', 'rectify');
    expect(kept.stdout).toContain('保留系统内容 1 项');

    fs.writeFileSync(at('tampered.xlsx'), await editSheet(ledger, { [a1]: { version: 42 } }));
    const tampered = await rectify(ctx, 'import', at('tampered.xlsx'));
    expect([tampered.code, tampered.stderr]).toEqual([1, expect.stringMatching(/^rectify: tampered\.xlsx: 第 \d+ 行的行编号、版本或校验码被改动/)]);

    fs.writeFileSync(at('bad.xlsx'), await editSheet(ledger, { [a1]: { status: '差不多' } }));
    const bad = await rectify(ctx, 'import', at('bad.xlsx'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.xlsx 拒收：第3行“整改状态”：无法识别整改状态“差不多”');
  });
});
