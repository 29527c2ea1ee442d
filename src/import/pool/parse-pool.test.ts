/**
 * The parse pool: jobs run in worker threads and give what the reader gives in-process; hostile files are refused
 * with FILE_TOO_COMPLEX by their budgets; a job over its time or heap has its worker replaced, and the next job
 * works; a full queue answers BUSY at once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { parseCaseBatch } from '../case-batch.js';
import { parseReport } from '../index.js';
import { fixture, SAMPLE } from '../test-helpers.js';
import { REPORT_BUDGETS, SHEET_BUDGETS, type ParseBudgets } from './budgets.js';
import { ParsePool } from './parse-pool.js';
import { hostileReports, hostileSheets, slowDocx } from '../../../test/fixtures/hostile/files.js';

const pools: ParsePool[] = [];
function pool(settings: Partial<ConstructorParameters<typeof ParsePool>[0]> = {}): ParsePool {
  const p = new ParsePool({ workers: 1, queue: 16, heapMb: 512, ...settings });
  pools.push(p);
  return p;
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

describe('parse pool', () => {
  const shared = pool();

  it('reads a report and a case sheet in a worker as the reader does in-process', async () => {
    const sample = { data: fixture(SAMPLE), name: SAMPLE };
    expect(await shared.run('report', sample, {}, REPORT_BUDGETS)).toEqual(await parseReport(sample));
    const docx = { data: fixture('import/fushun-progress-2023.docx'), name: 'r.docx' };
    expect(await shared.run('report', docx, {}, REPORT_BUDGETS)).toEqual(await parseReport(docx));
    const sheet = fixture('cases/batch-3.xlsx');
    expect(await shared.run('case-batch', { data: sheet, name: 'b.xlsx' }, {}, SHEET_BUDGETS)).toEqual(await parseCaseBatch(sheet, 'b.xlsx'));
  });

  it('passes the reader\'s own refusals through unchanged', async () => {
    const e = await refusal(shared.run('report', { data: new Uint8Array(), name: 'empty.txt' }, {}, REPORT_BUDGETS));
    expect([e.code, e.message]).toEqual(['BAD_FILE', 'empty.txt: 文件为空']);
  });

  it.each(hostileReports())('refuses the hostile report $name', async ({ name, data, code }) => {
    const e = await refusal(shared.run('report', { data, name }, {}, REPORT_BUDGETS));
    expect(e.code).toBe(code);
    expect(e.httpStatus).toBe(code === 'FILE_TOO_LARGE' ? 413 : 422);
    expect(e.message).toMatch(new RegExp(`^${name}: .*(超过|上限)`));
  });

  it.each(hostileSheets())('refuses the hostile case sheet $name', async ({ name, data, code }) => {
    const e = await refusal(shared.run('case-batch', { data, name }, {}, SHEET_BUDGETS));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(new RegExp(`^${name}: `));
  });

  it('keeps a worker whose heap and result stayed small, and retires one a job left above a threshold: waiting jobs go to a fresh one', async () => {
    const sample = { data: fixture(SAMPLE), name: SAMPLE };
    const expected = await parseReport(sample);
    const kept = pool();
    expect(await kept.run('report', sample, {}, REPORT_BUDGETS)).toEqual(expected);
    expect([kept.recycled, kept.load.workers]).toEqual([0, 1]);
    // A threshold of 1 MB: every job leaves its worker above it.
    const p = pool({ recycleHeapMb: 1 });
    expect(await p.run('report', sample, {}, REPORT_BUDGETS)).toEqual(expected);
    expect([p.recycled, p.load.workers]).toEqual([1, 0]);
    // Two at once on the one worker: the second waits for the first's worker to go, then runs on a new one.
    expect(await Promise.all([p.run('report', sample, {}, REPORT_BUDGETS), p.run('report', sample, {}, REPORT_BUDGETS)])).toEqual([expected, expected]);
    expect([p.recycled, p.load]).toEqual([3, { running: 0, waiting: 0, workers: 0 }]);
    // And one whose result was large (a 100-character threshold here).
    const bySize = pool({ recycleResultChars: 100 });
    expect(await bySize.run('report', sample, {}, REPORT_BUDGETS)).toEqual(expected);
    expect([bySize.recycled, bySize.load.workers]).toEqual([1, 0]);
  });

  it('refuses a file over the input budget before queueing it', async () => {
    const budgets: ParseBudgets = { ...REPORT_BUDGETS, inputBytes: 1000 };
    const e = await refusal(shared.run('report', { data: new Uint8Array(1001), name: 'big.txt' }, {}, budgets));
    expect([e.code, e.httpStatus]).toEqual(['FILE_TOO_LARGE', 413]);
    expect(e.message).toContain('big.txt');
  });

  it('terminates a job over its time, replaces the worker, and the next job works', async () => {
    const p = pool();
    // 10,000 paragraphs are within the element budget but take the reader a second; the budget here is 50 ms.
    const slow = { data: slowDocx(10_000), name: '慢.docx' };
    const e = await refusal(p.run('report', slow, {}, { ...REPORT_BUDGETS, timeMs: 50 }));
    expect([e.code, e.message]).toEqual(['FILE_TOO_COMPLEX', expect.stringMatching(/^慢\.docx: 解析超过 0\.05 秒/)]);
    const next = await p.run('report', { data: fixture(SAMPLE), name: SAMPLE }, {}, REPORT_BUDGETS);
    expect(next.tasks.length).toBeGreaterThan(10);
  });

  it('refuses a job that needs more than the heap limit, and the next job works', async () => {
    const p = pool({ heapMb: 64 });
    const big = { data: slowDocx(60_000), name: '大.docx' };
    const e = await refusal(p.run('report', big, {}, REPORT_BUDGETS));
    expect([e.code, e.message]).toEqual(['FILE_TOO_COMPLEX', '大.docx: 解析所需内存超过 64 MB，超出系统的解析上限，已拒绝读取；请拆分或精简文件后再导入']);
    const next = await p.run('report', { data: fixture(SAMPLE), name: SAMPLE }, {}, REPORT_BUDGETS);
    expect(next.tasks.length).toBeGreaterThan(10);
  });

  it('answers BUSY at once when the worker is taken and the queue is full', async () => {
    const p = pool({ queue: 1 });
    const slow = { data: slowDocx(10_000), name: '慢.docx' };
    const running = p.run('report', slow, {}, REPORT_BUDGETS);
    const waiting = p.run('report', slow, {}, REPORT_BUDGETS);
    const e = await refusal(p.run('report', { data: fixture(SAMPLE), name: SAMPLE }, {}, REPORT_BUDGETS));
    expect([e.code, e.httpStatus, e.details]).toEqual(['BUSY', 503, { retryAfterSeconds: 5 }]);
    expect(e.message).toContain(SAMPLE);
    // The two accepted jobs still finish, with the reader's own answer (nothing in them is about rectification).
    const settled = await Promise.allSettled([running, waiting]);
    expect(settled.map((s) => s.status === 'rejected' && (s.reason as AppError).code)).toEqual(['NOTHING_RECOGNIZED', 'NOTHING_RECOGNIZED']);
    expect(p.load).toMatchObject({ running: 0, waiting: 0 });
  });

  it('answers BUSY for a queued job no worker took within the pool\'s maximum wait', async () => {
    const p = pool({ maxWaitMs: 1 });
    await p.warm();
    const slow = p.run('report', { data: slowDocx(10_000), name: '慢.docx' }, {}, REPORT_BUDGETS);
    // Wait until the slow report holds the one worker, then queue a job that may wait 1 ms.
    await expect.poll(() => p.load.running, { timeout: 60_000, interval: 20 }).toBe(1);
    const e = await refusal(p.run('report', { data: fixture(SAMPLE), name: SAMPLE }, {}, REPORT_BUDGETS));
    expect([e.code, e.httpStatus]).toEqual(['BUSY', 503]);
    expect(p.load.waiting).toBe(0);
    await expect(slow).rejects.toMatchObject({ code: 'NOTHING_RECOGNIZED' });
  });
});
