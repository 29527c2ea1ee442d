/**
 * Search with short terms and several terms (issue #20, migration 024), on both dialects:
 * - correctness: a one- or two-character term finds exactly the rows whose text contains it, whether the search reads
 *   the character index (the whole ledger) or tests the subtree's text (a small scope); several terms find the rows
 *   containing all of them; punctuation and whitespace between two characters are not taken for the pair; the index
 *   follows inserts, text changes and deletes;
 * - structure: the whole ledger's count for a rare short term reads the character index (EXPLAIN: the FTS5 table
 *   on SQLite, the GIN index of search_grams on PostgreSQL), not every row's text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { findLedgerPage, ledgerCountQuery } from '../../src/db/ledger-page.repository.js';
import type { LedgerFilter } from '../../src/db/assignments.repository.js';
import { insertProvinceRows } from '../helpers/factories.js';

/** Words the texts are made of: common and rare characters, pairs split by punctuation or a space, Latin letters. */
const WORDS = ['城镇污水处理厂', '黑臭水体整治', '大气污染防治', 'PM2.5浓度下降', '扬尘治理', '污。水分离', '污 水管网', '固体废物', '饮用水源地', '中华鲟保护区', 'Ozone监测'];

describe.each(DIALECTS)('search with short terms on %s', (dialect) => {
  let ctx: TestContext;
  const rows: { id: number; path: string; text: string }[] = [];

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const now = new Date().toISOString();
    const units = await insertProvinceRows(ctx.db, now);
    await ctx.db.insertInto('inspections').values({ id: 1, name: '督察', round: '3', kind: 'central', created_at: now, updated_at: now }).execute();
    await ctx.db.insertInto('plans').values({ id: 1, inspection_id: 1, owner_org_id: 1, title: '方案', created_at: now, updated_at: now }).execute();
    const tasks = Array.from({ length: 60 }, (_, i) => ({ id: i + 1, plan_id: 1, code: String(i + 1), sort_order: i, problem: `问题${i}`, created_at: now, updated_at: now }));
    await ctx.db.insertInto('tasks').values(tasks).execute();
    const assignments = [];
    let id = 0;
    for (const t of tasks) {
      for (const u of units) {
        id++;
        // Two or three words a row; 中华鲟保护区 (the rare one) in one row of 500.
        const words = [WORDS[(id * 7) % 9]!, WORDS[(id * 3 + t.id) % 9]!, ...(id % 500 === 0 ? [WORDS[9]!] : []), ...(id % 13 === 0 ? [WORDS[10]!] : [])];
        const text = `${t.problem}\n${words.join('，')}\n${u.name}`;
        assignments.push({ id, task_id: t.id, org_unit_id: u.id, search_text: text, created_at: now, updated_at: now });
        rows.push({ id, path: u.path, text });
      }
    }
    for (let i = 0; i < assignments.length; i += 500) await ctx.db.insertInto('assignments').values(assignments.slice(i, i + 500)).execute();
    await sql.raw('ANALYZE').execute(ctx.db);
  }, 120_000);
  afterAll(async () => { await ctx?.cleanup(); });

  const contains = (text: string, terms: string[]) => terms.every((t) => text.toLowerCase().includes(t.toLowerCase()));
  const idsOf = (under: string | undefined, terms: string[]) => rows.filter((r) => (!under || r.path.startsWith(under)) && contains(r.text, terms)).map((r) => r.id).sort((a, b) => a - b);

  /** Every match of `q`, read page by page; `under` scopes the reader (a small subtree: its text is tested). */
  async function search(q: string, under?: string): Promise<{ ids: number[]; total: number }> {
    const f: LedgerFilter = { q, scopePaths: under ? [under] : undefined, pageSize: 200, exportLimit: 10_000 };
    const page = await findLedgerPage(ctx.db, dialect, f);
    return { ids: page.rows.map((r) => r.id).sort((a, b) => a - b), total: page.total };
  }

  const queries: [string, string[]][] = [
    ['one character', ['水']],
    ['one rare character', ['鲟']],
    ['two characters', ['污水']],
    ['two characters, Latin, another case', ['pm']],
    ['a digit and punctuation', ['2.']],
    ['a short and a long term', ['水', '处理厂']],
    ['two short terms', ['大气', '水']],
    ['three terms', ['污染', '治理', '县1']],
    ['a pair that only occurs across punctuation or whitespace', ['污。']],
  ];
  it.each(queries)('%s: exactly the rows containing every term, by the index and by the text', async (_, terms) => {
    const q = terms.join(' ');
    const whole = await search(q);
    const want = idsOf(undefined, terms);
    expect(whole.total).toBe(want.length);
    expect(whole.ids).toEqual(want);
    const city = await search(q, '/1/52/');
    expect(city.total).toBe(idsOf('/1/52/', terms).length);
    expect(city.ids).toEqual(idsOf('/1/52/', terms));
  });

  it('does not take characters split by punctuation or whitespace for a pair', async () => {
    // 污。水 and 污 水 are in the texts; the pair 污水 only where 城镇污水处理厂 is.
    const whole = await search('污水');
    expect(whole.total).toBeGreaterThan(0);
    expect(rows.filter((r) => whole.ids.includes(r.id)).every((r) => r.text.includes('污水'))).toBe(true);
    expect(whole.ids).not.toContain(rows.find((r) => r.text.includes('污。水') && !r.text.includes('污水'))!.id);
    expect(whole.ids).not.toContain(rows.find((r) => r.text.includes('污 水') && !r.text.includes('污水'))!.id);
  });

  it('follows a new row, a changed text and a deleted row', async () => {
    const now = new Date().toISOString();
    await ctx.db.insertInto('tasks').values({ id: 900, plan_id: 1, code: '900', sort_order: 900, problem: '鳇鱼', created_at: now, updated_at: now }).execute();
    await ctx.db.insertInto('assignments').values([
      { id: 90_001, task_id: 900, org_unit_id: 1, search_text: '鳇鱼洄游通道', created_at: now, updated_at: now },
      { id: 90_002, task_id: 900, org_unit_id: 2, search_text: '鳇鱼', created_at: now, updated_at: now },
    ]).execute();
    expect((await search('鳇鱼')).ids).toEqual([90_001, 90_002]);
    await ctx.db.updateTable('assignments').set({ search_text: '洄游' }).where('id', '=', 90_002).execute();
    expect((await search('鳇鱼')).ids).toEqual([90_001]);
    expect((await search('洄游')).ids).toEqual([90_001, 90_002]);
    await ctx.db.deleteFrom('assignments').where('id', '=', 90_001).execute();
    expect((await search('洄')).ids).toEqual([90_002]);
    await ctx.db.deleteFrom('assignments').where('id', '=', 90_002).execute();
    expect((await search('洄')).ids).toEqual([]);
  });

  it.each([['鲟'], ['华鲟']])('counts the whole ledger\'s matches of %s from the character index', async (q) => {
    const compiled = ledgerCountQuery(ctx.db, dialect, { q }, 'index');
    const explain = dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
    const lines = (await ctx.db.executeQuery<Record<string, unknown>>({ ...compiled, sql: explain + compiled.sql })).rows.map((r) => String(r.detail ?? r['QUERY PLAN']));
    const plan = lines.join('\n');
    if (dialect === 'sqlite') {
      expect(plan).toMatch(/SCAN assignments_chars VIRTUAL TABLE INDEX \d+:M/);
      expect(plan, 'the rows are looked up by id, not scanned').not.toMatch(/SCAN a(\s|$)/m);
    } else {
      expect(plan).toMatch(/Bitmap Index Scan on assignments_search_grams/);
      expect(plan).not.toMatch(/Seq Scan on assignments/);
    }
    const { rows: [count] } = await ctx.db.executeQuery(compiled);
    expect(Number(count!.n)).toBe(idsOf(undefined, [q]).length);
  });
});
