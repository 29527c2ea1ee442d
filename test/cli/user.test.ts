/**
 * `rectify user add` run as an operator runs it (a child process on the test database): `--email` is checked as the
 * API checks it (trimmed, lower-case, well-formed, one account per address), and the account gets it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rectify } from '../helpers/cli.js';
import { DIALECTS, createTestContext, type TestContext } from '../helpers/test-db.js';
import { buildOrgTree } from '../helpers/factories.js';
import { findUserByLogin, findUserByUsername } from '../../src/db/users.repository.js';


describe.each(DIALECTS)('rectify user add on %s', (dialect) => {
  let ctx: TestContext;
  const add = (username: string, ...more: string[]) => rectify(ctx, 'user', 'add', username, '--org', '辽宁省/抚顺市', '--role', 'reporter', '--password', 'cli-password-123', ...more);
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    await buildOrgTree(ctx);
  });
  afterAll(async () => { await ctx.cleanup(); });

  it('stores --email trimmed and lower-case, so password reset links reach the account', { timeout: 120_000 }, async () => {
    const res = await add('fushun-li', '--email', ' Li.Si@Example.GOV.cn ');
    expect(res.stderr).toBe('');
    expect([res.code, res.stdout]).toEqual([0, '已创建用户 fushun-li（抚顺市，reporter，邮箱 li.si@example.gov.cn）\n']);
    expect((await findUserByUsername(ctx.db, 'fushun-li'))?.email).toBe('li.si@example.gov.cn');
    expect((await findUserByLogin(ctx.db, 'LI.SI@example.gov.cn'))?.username).toBe('fushun-li');

    const without = await add('fushun-wang');
    expect([without.code, without.stdout]).toEqual([0, '已创建用户 fushun-wang（抚顺市，reporter）\n']);
    expect((await findUserByUsername(ctx.db, 'fushun-wang'))?.email).toBeNull();
  });

  it('refuses a malformed address and another account\'s address in one line, creating nobody', { timeout: 120_000 }, async () => {
    const bad = await add('fushun-zhao', '--email', 'not-an-address');
    expect([bad.code, bad.stderr]).toEqual([1, 'rectify: 邮箱地址格式不正确：not-an-address\n']);
    const taken = await add('fushun-zhao', '--email', 'LI.SI@example.gov.cn');
    expect([taken.code, taken.stderr]).toEqual([1, 'rectify: 邮箱 li.si@example.gov.cn 已被其他账号使用\n']);
    expect(await findUserByUsername(ctx.db, 'fushun-zhao')).toBeUndefined();
  });
});
