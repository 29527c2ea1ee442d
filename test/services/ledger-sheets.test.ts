/**
 * The Excel round trip at the service level, on every dialect: a county's round sheet filled in and returned as its
 * reports; the office's ledger sheet returned as edits, with a conflict the user must decide; cells refused by line;
 * tampered ids, another unit's sheet, another round's sheet, a foreign workbook refused whole with nothing written.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, buildUser, type OrgTree } from '../helpers/factories.js';
import { editSheet } from '../helpers/sheet-edit.js';
import { accessFor } from './support/access.js';
import { createPart } from '../../src/services/assignment-parts.js';
import { getRoundView, openRound } from '../../src/services/reporting/rounds.js';
import { submitProgressReport } from '../../src/services/reporting/submit-report.js';
import { exportLedgerSheet, exportRoundSheets } from '../../src/services/ledger-sheets/export.js';
import { applySheetUpload, previewSheetImport } from '../../src/services/ledger-sheets/import-sheet.js';
import { getAssignmentById } from '../../src/db/assignments.repository.js';
import { listMilestones } from '../../src/db/assignment-details.repository.js';
import { listProgressReports } from '../../src/db/progress-reports.repository.js';
import { listSheetReturns } from '../../src/db/ledger-sheets.repository.js';
import { listAuditEvents, verifyAuditChain } from '../../src/db/audit.repository.js';
import type { Access } from '../../src/services/access.js';
import type { Round } from '../../src/db/rounds.repository.js';

describe.each(DIALECTS)('ledger and round sheets on %s', (dialect) => {
  let ctx: TestContext;
  let tree: OrgTree;
  let admin: Access, provinceAdmin: Access, reporter: Access, otherReporter: Access;
  let round: Round, otherRound: Round;
  let t1: number, t2: number, t3: number;
  const file = (name: string, data: Uint8Array) => ({ name, data });

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    tree = await buildOrgTree(ctx);
    const { plan } = await buildPlan(ctx, tree.province);
    admin = await accessFor(ctx, await buildUser(ctx, 'admin', tree.city));
    provinceAdmin = await accessFor(ctx, await buildUser(ctx, 'admin', tree.province));
    reporter = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.countyA));
    otherReporter = await accessFor(ctx, await buildUser(ctx, 'reporter', tree.countyB));
    t1 = (await buildTask(ctx, { planId: plan.id, org: tree.countyA, code: '48', problem: '污水管网建设缓慢', measures: ['建设管网', '雨污分流'] })).assignment.id;
    t3 = (await buildTask(ctx, { planId: plan.id, org: tree.countyA, code: '49', problem: '黑臭水体反弹' })).assignment.id;
    t2 = (await buildTask(ctx, { planId: plan.id, org: tree.countyB, code: '54', problem: '污泥处置滞后' })).assignment.id;
    await (createPart(ctx, admin, 'milestones', t1, { title: '完成管网3公里', dueDate: '2024-06-30', weight: 1 }));
    await createPart(ctx, admin, 'indicators', t1, { name: '污水收集率', unit: '%', baseline: 0, baselineDate: '2024-01-01', target: 100, targetDate: '2024-12-31', comparator: '>=' });
    round = await openRound(ctx, admin, { scopeOrgId: tree.city.id, referenceDate: '2024-06-12', dueDate: '2099-12-31' });
    otherRound = await openRound(ctx, admin, { scopeOrgId: tree.city.id, referenceDate: '2024-05-12', dueDate: '2099-12-31' });
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('a county reporter downloads its own round sheet, fills it in and returns it as reports in the round', async () => {
    const sheet = await exportRoundSheets(ctx, reporter, round.id);
    expect(sheet.rows).toBe(2);
    expect(sheet.fileName).toContain('新宾');
    const filled = await editSheet(sheet.data, {
      [t1]: { status: '正在推进', progress: '已完成管网改造 3.2 公里。', problems: '雨季施工受限', milestones: '完成管网3公里：2024-06-20', indicators: '污水收集率：55', evidenceNote: '验收记录见附件' },
    });
    const preview = await previewSheetImport(ctx, reporter, file('新宾.xlsx', filled), { expectRoundId: round.id });
    expect(preview.counts).toMatchObject({ change: 1, conflict: 0, unchanged: 1, refused: 0 });
    expect(preview.rows[0]).toMatchObject({ assignmentId: t1, outcome: 'change', mode: 'report', line: 3 });
    expect(preview.rows[0]!.fields.map((f) => f.field)).toEqual(['status', 'progress', 'problems', 'milestones', 'indicators', 'evidenceNote']);
    expect(await listProgressReports(ctx.db, t1)).toEqual([]);

    const applied = await applySheetUpload(ctx, reporter, file('新宾.xlsx', filled), {}, { expectRoundId: round.id });
    expect(applied).toMatchObject({ reports: 1, edits: 0, unchanged: 1, roundId: round.id, returns: [{ orgUnitId: tree.countyA.id }] });
    const [report] = await listProgressReports(ctx.db, t1);
    expect(report).toMatchObject({ roundId: round.id, state: 'submitted', progress: '已完成管网改造 3.2 公里。', statusText: '正在推进', asOf: '2024-06-30' });
    expect(report!.claims.indicators).toEqual([expect.objectContaining({ value: 55 })]);
    expect((await listMilestones(ctx.db, t1))[0]!.doneDate).toBe('2024-06-20');
    const note = await ctx.db.selectFrom('progress_reports').select('evidence_note').where('id', '=', report!.id).executeTakeFirstOrThrow();
    expect(note.evidence_note).toBe('验收记录见附件');
    const view = await getRoundView(ctx, admin, round.id, { page: 1, pageSize: 50 });
    expect(view.items.find((i) => i.assignmentId === t1)?.state).toBe('awaiting_review');
    expect((await listSheetReturns(ctx.db, round.id, [tree.city.path])).map((r) => [r.orgUnitName, r.fileName, r.summary.reports])).toEqual([[tree.countyA.name, '新宾.xlsx', 1]]);
    const events = await listAuditEvents(ctx.db, { assignmentId: t1, limit: 20 });
    expect(events.map((e) => e.action)).toContain('progress_report.submit');

    // The same file again changes nothing more: its rows now match what Rectify holds.
    const again = await previewSheetImport(ctx, reporter, file('新宾.xlsx', filled));
    expect(again.counts).toMatchObject({ change: 0, conflict: 0, unchanged: 2 });
  });

  it('refuses another unit\'s sheet and another round\'s sheet, naming them', async () => {
    const sheet = await exportRoundSheets(ctx, reporter, round.id);
    await expect(previewSheetImport(ctx, otherReporter, file('新宾.xlsx', sheet.data))).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^新宾\.xlsx: 工作表“.*”是新宾满族自治县的表/) });
    await expect(previewSheetImport(ctx, reporter, file('新宾.xlsx', sheet.data), { expectRoundId: otherRound.id }))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(`是调度轮次“${round.name}”（编号 ${round.id}）的调度表，不是本轮“${otherRound.name}”的`) });
  });

  it('refuses unreadable cells by line and column, and writes nothing', async () => {
    const sheet = await exportLedgerSheet(ctx, admin, { inspectionId: undefined });
    const line = 3 + [t1, t3, t2].indexOf(t3);
    const bad = await editSheet(sheet.data, { [t3]: { deadline: '明年', status: '差不多吧', progress: '推进中' } });
    const preview = await previewSheetImport(ctx, admin, file('台账.xlsx', bad));
    expect(preview.counts.refused).toBe(1);
    expect(preview.refusals).toEqual([`第${line}行“完成时限”：无法识别日期“明年”`, `第${line}行“整改状态”：无法识别整改状态“差不多吧”，请从下拉列表中选择`]);
    const before = await getAssignmentById(ctx.db, t3);
    await expect(applySheetUpload(ctx, admin, file('台账.xlsx', bad), { take: 'file' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('整个文件未导入') });
    expect(await getAssignmentById(ctx.db, t3)).toEqual(before);
  });

  it('shows a row changed in Rectify since the export as a conflict, and applies the user\'s choice as an administrator\'s edit', async () => {
    const sheet = await exportLedgerSheet(ctx, provinceAdmin, { orgUnitId: tree.city.id });
    await submitProgressReport(ctx, otherReporter, t2, { progress: '已委托处置 120 吨。', statusText: '正在推进', roundId: round.id });
    const edited = await editSheet(sheet.data, { [t2]: { progress: '污泥已全部处置。', status: '完成整改' }, [t3]: { deadline: '2025-06-30' } });
    const preview = await previewSheetImport(ctx, provinceAdmin, file('台账.xlsx', edited));
    expect(preview.counts).toMatchObject({ conflict: 1, change: 1 });
    const conflict = preview.rows.find((r) => r.outcome === 'conflict')!;
    expect(conflict).toMatchObject({ assignmentId: t2, mode: 'edit' });
    expect(conflict.fields.find((f) => f.field === 'progress')).toMatchObject({ rectify: '已委托处置 120 吨。', file: '污泥已全部处置。' });

    await expect(applySheetUpload(ctx, provinceAdmin, file('台账.xlsx', edited), {})).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { conflicts: [conflict.line] } });
    expect((await getAssignmentById(ctx.db, t3)).deadlineDate).not.toBe('2025-06-30');

    const kept = await applySheetUpload(ctx, provinceAdmin, file('台账.xlsx', edited), { choices: { [t2]: 'rectify' } });
    expect(kept).toMatchObject({ kept: 1, edits: 1 });
    expect((await getAssignmentById(ctx.db, t3)).deadlineDate).toBe('2025-06-30');
    expect((await getAssignmentById(ctx.db, t2)).latestProgress).not.toBe('污泥已全部处置。');

    const taken = await applySheetUpload(ctx, provinceAdmin, file('台账.xlsx', edited), { choices: { [t2]: 'file' } });
    expect(taken.edits).toBe(1);
    const a2 = await getAssignmentById(ctx.db, t2);
    expect(a2).toMatchObject({ latestProgress: '污泥已全部处置。', statusText: '完成整改', isCompleted: true });
    expect((await listProgressReports(ctx.db, t2))[0]).toMatchObject({ state: 'accepted', source: 'import', statusText: '完成整改' });
    expect((await listAuditEvents(ctx.db, { assignmentId: t2, limit: 20 })).map((e) => e.action)).toContain('assignment.edit_from_sheet');
  });

  it('applies many rows as one batch: each row\'s deadline and status written together, its schedule recomputed, one audit event per change in order', async () => {
    const { plan } = await buildPlan(ctx, tree.city, '批量回填督察');
    const a = (await buildTask(ctx, { planId: plan.id, org: tree.countyA, code: '71', problem: '批量甲' })).assignment.id;
    const b = (await buildTask(ctx, { planId: plan.id, org: tree.countyB, code: '72', problem: '批量乙' })).assignment.id;
    const head = (await listAuditEvents(ctx.db, { limit: 1 }))[0]!.id;
    const sheet = await exportLedgerSheet(ctx, admin, { orgUnitId: tree.city.id });
    const edited = await editSheet(sheet.data, {
      [a]: { deadline: '2026-01-31', status: '正在推进', progress: '甲已开工。' },
      [b]: { status: '完成整改', progress: '乙已完成。' },
    });
    const applied = await applySheetUpload(ctx, admin, file('台账.xlsx', edited), {});
    expect(applied.edits).toBe(2);
    // The deadline passed and the status is unfinished: overdue and red, computed in the same transaction.
    expect(await getAssignmentById(ctx.db, a)).toMatchObject({ deadlineDate: '2026-01-31', statusText: '正在推进', latestProgress: '甲已开工。', scheduleStatus: 'overdue', warning: 'red' });
    expect(await getAssignmentById(ctx.db, b)).toMatchObject({ statusText: '完成整改', isCompleted: true, scheduleStatus: 'completed' });
    const events = (await listAuditEvents(ctx.db, { limit: 50 })).filter((e) => e.id > head).reverse();
    const sheetEvents = events.filter((e) => e.action !== 'progress_report.submit');
    expect(sheetEvents.map((e) => [e.action, e.entityId])).toEqual([
      ['assignment.update', String(a)], ['assignment.edit_from_sheet', String(a)], ['assignment.edit_from_sheet', String(b)], ['ledger_sheet.import', '0'],
    ]);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
  });

  it('refuses a reporter\'s change of the deadline, and edited id or version columns', async () => {
    const sheet = await exportRoundSheets(ctx, reporter, round.id);
    const deadline = await editSheet(sheet.data, { [t3]: { deadline: '2030-01-01' } });
    expect((await previewSheetImport(ctx, reporter, file('a.xlsx', deadline))).refusals).toEqual([expect.stringMatching(/“完成时限”：完成时限由分派该任务的单位决定，您不能修改$/)]);
    // A city administrator did not assign the province's top-level share either.
    const ledger = await exportLedgerSheet(ctx, admin, {});
    const cityEdit = await editSheet(ledger.data, { [t3]: { deadline: '2030-01-01' } });
    expect((await previewSheetImport(ctx, admin, file('b.xlsx', cityEdit))).refusals).toEqual([expect.stringMatching(/“完成时限”：完成时限由分派该任务的单位决定/)]);
    const tampered = await editSheet(sheet.data, { [t3]: { version: 99 } });
    await expect(previewSheetImport(ctx, reporter, file('a.xlsx', tampered))).rejects.toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(/^a\.xlsx: 第 \d 行的行编号、版本或校验码被改动/) });
  });

  it('refuses a workbook that is not a Rectify sheet, saying what it found', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('汇总').addRow(['序号', '反馈问题', '整改措施', '完成情况']);
    const data = new Uint8Array(await wb.xlsx.writeBuffer());
    await expect(previewSheetImport(ctx, admin, file('汇总表.xlsx', data))).rejects.toMatchObject({ code: 'NOTHING_RECOGNIZED', message: expect.stringMatching(/^汇总表\.xlsx: 不是 Rectify 导出的.*“汇总”.*“反馈问题”/) });
  });
});
