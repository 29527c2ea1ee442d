/**
 * A returned sheet is applied a part of its rows at a time inside its one transaction (services/ledger-sheets/apply.ts,
 * APPLY_PART_ROWS), so a 10,000-row file is written in the memory of a few hundred rows. On every dialect: parts of
 * one row give what one part gives (rows, reports, audit events in order, states' history, a whole chain), a refusal
 * or an undecided conflict found in the last part rolls back what the earlier parts wrote, and the apply after a
 * preview reuses the preview's reading of the same bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree, buildPlan, buildTask, buildUser } from '../helpers/factories.js';
import { editSheet, type CellEdits } from '../helpers/sheet-edit.js';
import { accessFor } from './support/access.js';
import { insertAssignment } from '../../src/db/assignments.repository.js';
import { verifyAuditChain } from '../../src/db/audit.repository.js';
import { submitProgressReport } from '../../src/services/reporting/submit-report.js';
import { exportLedgerSheet } from '../../src/services/ledger-sheets/export.js';
import { applySheetUpload, keptReadings, previewSheetImport } from '../../src/services/ledger-sheets/import-sheet.js';
import { readLedgerSheetXlsx } from '../../src/import/ledger-sheet-xlsx.js';

/** One database with a plan of six shares, a city's share with two county shares under it among them, and its ledger sheet. */
async function scenario(dialect: (typeof DIALECTS)[number]) {
  const ctx = await createTestContext(dialect);
  const tree = await buildOrgTree(ctx);
  const { plan } = await buildPlan(ctx, tree.province);
  const admin = await accessFor(ctx, await buildUser(ctx, 'admin', tree.province));
  const ids: number[] = [];
  for (const [i, org] of [tree.countyA, tree.countyB, tree.countyA, tree.department].entries()) {
    ids.push((await buildTask(ctx, { planId: plan.id, org, code: String(i + 1), problem: `问题${i + 1}`, measures: ['排查', '整治'] })).assignment.id);
  }
  const { task, assignment: city } = await buildTask(ctx, { planId: plan.id, org: tree.city, code: '9', problem: '市级统筹的问题' });
  ids.push(city.id);
  for (const org of [tree.countyA, tree.countyB]) {
    ids.push((await insertAssignment(ctx.db, task.id, org.id, {
      parentId: city.id, statusText: '正在推进', statusCode: 'in_progress', deadlineKind: 'by_date', deadlineDate: '2030-12-31',
    })).id);
  }
  const sheet = await exportLedgerSheet(ctx, admin, {});
  // The sheet's rows in their order (the last part is the last row).
  const order = readLedgerSheetXlsx(sheet.data, 'x.xlsx').sheets[0]!.rows.map((r) => Number(r.cells.rowId));
  return { ctx, admin, ids, city: city.id, sheet, order };
}
type Scenario = Awaited<ReturnType<typeof scenario>>;

/** Every row edited: a status and progress each, two deadlines (one moved into the past), one row completed. */
function edits(s: Scenario, month = '本月'): Record<number, CellEdits> {
  const out: Record<number, CellEdits> = {};
  s.order.forEach((id, i) => { out[id] = { status: i % 3 === 0 ? '达到序时进度' : '正在推进', progress: `第${i + 1}行：${month}完成整治 ${i + 1} 处。` }; });
  out[s.ids[0]!] = { ...out[s.ids[0]!], deadline: '2026-01-31' };
  out[s.ids[1]!] = { ...out[s.ids[1]!], status: '完成整改', progress: `${month}已全部完成。` };
  out[s.ids[6]!] = { ...out[s.ids[6]!], deadline: '2027-06-30' };
  return out;
}

/**
 * What the apply leaves, without the clock's stamps and versions (a parent computed in an earlier part may be written
 * once less): the rows, the reports, the audit events after `seq`, the states' history (without their fingerprints,
 * which cover the factories' generated codes).
 */
async function outcome(ctx: TestContext, seq: number) {
  const assignments = await ctx.db.selectFrom('assignments')
    .select(['id', 'status_text', 'status_code', 'latest_progress', 'deadline_kind', 'deadline_date', 'is_completed', 'completed_at', 'is_long_term', 'schedule_status', 'warning', 'warning_reason'])
    .orderBy('id').execute();
  const reports = await ctx.db.selectFrom('progress_reports').select(['id', 'assignment_id', 'state', 'source', 'status_text', 'progress', 'claims', 'as_of']).orderBy('id').execute();
  const audit = await ctx.db.selectFrom('audit_events').select(['seq', 'action', 'entity_type', 'entity_id', 'assignment_id', 'org_unit_id', 'before', 'after']).where('seq', '>', seq).orderBy('seq').execute();
  const states = await ctx.db.selectFrom('assignment_states')
    .select(['assignment_id', 'status_text', 'latest_progress', 'schedule_status', 'warning', 'deadline_date', 'is_completed']).orderBy('assignment_id').orderBy('id').execute();
  return { assignments, reports, audit, states };
}

/** Everything a failed apply must leave as it was, versions included. */
async function everything(ctx: TestContext) {
  return {
    assignments: await ctx.db.selectFrom('assignments').selectAll().orderBy('id').execute(),
    reports: await ctx.db.selectFrom('progress_reports').select(['id', 'version', 'state']).orderBy('id').execute(),
    audit: await ctx.db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq').execute(),
    states: await ctx.db.selectFrom('assignment_states').select(['id']).orderBy('id').execute(),
  };
}

describe.each(DIALECTS)('a returned sheet applied in parts on %s', (dialect) => {
  let whole: Scenario;
  let parts: Scenario;
  const file = (name: string, data: Uint8Array) => ({ name, data });

  beforeAll(async () => {
    whole = await scenario(dialect);
    parts = await scenario(dialect);
  });
  afterAll(async () => { await whole.ctx.cleanup(); await parts.ctx.cleanup(); });

  it('gives in parts of one row what one part gives: the rows, the reports, the audit events in order, the history, a whole chain', async () => {
    expect(whole.order).toEqual(parts.order);
    const head = async (ctx: TestContext) => (await ctx.db.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()).seq ?? 0;
    const heads = [await head(whole.ctx), await head(parts.ctx)] as const;
    expect(heads[1]).toBe(heads[0]);
    const a = await applySheetUpload(whole.ctx, whole.admin, file('台账.xlsx', await editSheet(whole.sheet.data, edits(whole))), {});
    const b = await applySheetUpload(parts.ctx, parts.admin, file('台账.xlsx', await editSheet(parts.sheet.data, edits(parts))), {}, { partRows: 1 });
    expect(a).toMatchObject({ edits: 7, unchanged: 0 });
    expect(b).toEqual(a);
    const [x, y] = [await outcome(whole.ctx, heads[0]), await outcome(parts.ctx, heads[1])];
    expect(y).toEqual(x);
    // What it did: the past deadline is overdue and red, the completed row completed, the city's share rolled up.
    const row = (id: number) => x.assignments.find((r) => r.id === id)!;
    expect(row(whole.ids[0]!)).toMatchObject({ deadline_date: '2026-01-31', schedule_status: 'overdue', warning: 'red' });
    expect(row(whole.ids[1]!)).toMatchObject({ is_completed: 1, schedule_status: 'completed' });
    expect(row(whole.ids[6]!)).toMatchObject({ deadline_date: '2027-06-30' });
    expect(x.audit.filter((e) => e.action === 'assignment.edit_from_sheet').map((e) => Number(e.entity_id))).toEqual(whole.order);
    expect(x.audit.at(-1)).toMatchObject({ action: 'ledger_sheet.import' });
    expect(await verifyAuditChain(whole.ctx.db)).toMatchObject({ ok: true });
    expect(await verifyAuditChain(parts.ctx.db)).toMatchObject({ ok: true });
  });

  it('rolls back every part already written when the last row is refused, naming it', async () => {
    const s = parts;
    const sheet = await exportLedgerSheet(s.ctx, s.admin, {});
    const last = s.order.at(-1)!;
    const e = edits(s, '下月');
    e[last] = { ...e[last], deadline: '明年' };
    const before = await everything(s.ctx);
    await expect(applySheetUpload(s.ctx, s.admin, file('台账.xlsx', await editSheet(sheet.data, e)), {}, { partRows: 1 }))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^台账\.xlsx: 有 1 处无法导入，整个文件未导入：第9行“完成时限”：无法识别日期“明年”$/) });
    expect(await everything(s.ctx)).toEqual(before);
  });

  it('rolls back every part already written when the last row is a conflict left undecided, and applies it once decided', async () => {
    const s = parts;
    const sheet = await exportLedgerSheet(s.ctx, s.admin, {});
    const last = s.order.at(-1)!;
    // The last row changes in Rectify after the export: a conflict with the file's edit of it.
    await submitProgressReport(s.ctx, s.admin, last, { progress: '系统中新报的进展。', statusText: '正在推进' });
    const edited = await editSheet(sheet.data, edits(s, '第三月'));
    const before = await everything(s.ctx);
    await expect(applySheetUpload(s.ctx, s.admin, file('台账.xlsx', edited), {}, { partRows: 2 }))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { conflicts: [9] } });
    expect(await everything(s.ctx)).toEqual(before);
    const applied = await applySheetUpload(s.ctx, s.admin, file('台账.xlsx', edited), { choices: { [last]: 'rectify' } }, { partRows: 2 });
    expect(applied).toMatchObject({ edits: 6, kept: 1, unchanged: 0 });
    expect(await verifyAuditChain(s.ctx.db)).toMatchObject({ ok: true });
  });

  it('applies a previewed file with the preview\'s reading, under the name it is applied with', async () => {
    const s = whole;
    const sheet = await exportLedgerSheet(s.ctx, s.admin, {});
    const data = await editSheet(sheet.data, { [s.order[0]!]: { progress: '预览后应用。' } });
    const kept = keptReadings();
    expect((await previewSheetImport(s.ctx, s.admin, file('预览.xlsx', data))).counts).toMatchObject({ change: 1 });
    expect(keptReadings()).toBe(kept + 1);
    expect(await applySheetUpload(s.ctx, s.admin, file('应用.xlsx', data), {})).toMatchObject({ fileName: '应用.xlsx', edits: 1 });
    expect(keptReadings()).toBe(kept);
    const event = await s.ctx.db.selectFrom('audit_events').select(['action', 'after']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(event.action).toBe('ledger_sheet.import');
    expect(JSON.parse(event.after!)).toMatchObject({ fileName: '应用.xlsx', edits: 1 });
  });
});
