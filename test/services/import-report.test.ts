import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { SYSTEM_ACTOR } from '../../src/db/audit.repository.js';
import { importReportFile } from '../../src/services/import-report-file.js';
import { seedSampleIfEmpty, SAMPLE_REPORT_PATH } from '../../src/services/seed-sample.js';
import { findLedgerPage } from '../../src/db/ledger-page.repository.js';
import { listProgressReports } from '../../src/db/progress-reports.repository.js';
import { verifyAuditChain } from '../../src/db/audit.repository.js';

const SAMPLE = fs.readFileSync(SAMPLE_REPORT_PATH);
const CODES = ['2', '30', '38', '41', '45', '48', '54', '61', '62', '63', '67', '82', '89'];

async function counts(ctx: TestContext) {
  const n = async (t: 'tasks' | 'assignments' | 'measures' | 'progress_reports' | 'org_units' | 'evidence_files') =>
    Number((await ctx.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { tasks: await n('tasks'), assignments: await n('assignments'), measures: await n('measures'), reports: await n('progress_reports'), orgs: await n('org_units'), evidence: await n('evidence_files') };
}

describe.each(DIALECTS)('importing the sample on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => { ctx = await createTestContext(dialect); });
  afterAll(async () => { await ctx.cleanup(); });

  it('first run loads 抚顺市 under 辽宁省 with its 13 tasks and an administrator', async () => {
    const seeded = await seedSampleIfEmpty(ctx);
    expect(seeded?.report).toMatchObject({ org: '抚顺市', inspection: '第二轮中央生态环境保护督察', created: 13, updated: 0 });
    expect(seeded?.admin.password).toMatch(/^\S{16}$/);
    const page = await findLedgerPage(ctx.db, dialect, { pageSize: 50 });
    expect(page.rows.map((r) => r.taskCode)).toEqual(CODES);
    const onSchedule = page.rows.filter((r) => r.statusText?.includes('序时进度')).map((r) => r.taskCode);
    expect(onSchedule).toEqual(['2', '61', '62']);
    expect(page.rows.filter((r) => r.isCompleted)).toHaveLength(10);
    expect(await seedSampleIfEmpty(ctx)).toBeNull();
  });

  it('re-importing the same report duplicates nothing', async () => {
    const before = await counts(ctx);
    const summary = await importReportFile(ctx, SYSTEM_ACTOR, { name: 'again.txt', data: SAMPLE }, { org: '辽宁省/抚顺市', asOf: '2023-12-31' });
    expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: 13 });
    const after = await counts(ctx);
    expect({ ...after, evidence: 0 }).toEqual({ ...before, evidence: 0 });
  });

  it('a later report updates the tasks and keeps the earlier state as history', async () => {
    const later = SAMPLE.toString('utf8').replace('整改情况：达到序时进度。', '整改情况：已完成整改。');
    const summary = await importReportFile(ctx, SYSTEM_ACTOR, { name: 'fushun-2024.txt', data: Buffer.from(later) }, { org: '辽宁省/抚顺市', asOf: '2024-12-31' });
    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 12 });
    const page = await findLedgerPage(ctx.db, dialect, { pageSize: 50, q: '能源消费' });
    const task2 = page.rows.find((r) => r.taskCode === '2')!;
    expect(task2.isCompleted).toBe(true);
    const history = await listProgressReports(ctx.db, task2.id);
    expect(history.map((h) => h.statusText)).toEqual(['已完成整改', '达到序时进度']);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });

  it('bad input names the file and changes nothing', async () => {
    const before = await counts(ctx);
    await expect(importReportFile(ctx, SYSTEM_ACTOR, { name: 'empty.txt', data: Buffer.alloc(0) })).rejects.toThrow(/empty\.txt/);
    await expect(importReportFile(ctx, SYSTEM_ACTOR, { name: 'notes.txt', data: Buffer.from('会议纪要\n今天天气很好。') })).rejects.toThrow(/notes\.txt/);
    await expect(importReportFile(ctx, SYSTEM_ACTOR, { name: 'x.txt', data: SAMPLE }, { org: '辽宁省/抚顺市', allowedPaths: ['/999/'] })).rejects.toThrow(/管理范围/);
    expect(await counts(ctx)).toEqual(before);
  });
});
