/**
 * Importing a published report over HTTP with a person's corrections from the preview (issue #16): the preview
 * applies them (a status given for one task reads the same words the same way elsewhere; "not a task" removes one),
 * the import applies the same corrections in its one transaction, and bad corrections are refused with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedReport } from '../../src/core/report.js';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, signedIn, type Client, type TestApp } from '../helpers/test-app.js';
import { buildOrgTree, buildUser } from '../helpers/factories.js';
import { multipart } from '../fixtures/cases/upload.js';

const REPORT = [
  '抚顺市第二轮中央生态环境保护督察整改任务进展情况',
  '任务3：城区建筑工地扬尘管控不到位。',
  '整改情况：有所好转。',
  '（一）对全市工地开展专项检查。',
  '任务9：部分农村生活污水直排。',
  '整改情况：有所好转。',
  '（一）新建污水收集管网8公里。',
  '任务12：餐饮油烟扰民。',
  '整改情况：完成整改。',
  '（一）安装油烟净化设施126套。',
].join('\n');

type ErrorBody = { error: { code: string; message: string } };

describe.each(DIALECTS)('report import with corrections over HTTP on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  const send = (url: string, fields: Record<string, string | undefined>) => {
    const { payload, headers } = multipart(fields, { name: '进展.txt', data: Buffer.from(REPORT) });
    return admin.request({ method: 'POST', url, payload, headers });
  };
  const taskCount = async () => Number((await t.ctx.db.selectFrom('tasks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const tree = await buildOrgTree(t.ctx);
    await buildUser(t.ctx, 'admin', tree.city, 'city-admin');
    admin = await signedIn(t.app, 'city-admin');
  });
  afterAll(async () => { await t.close(); });

  it('previews with low-confidence tasks marked, then with the corrections applied', async () => {
    const plain = (await send('/api/imports/preview', {})).json<ParsedReport>();
    expect(plain.tasks.map((x) => [x.code, x.statusCode])).toEqual([['3', null], ['9', null], ['12', 'completed']]);
    expect(plain.tasks[0]!.confidence).toBeLessThan(1);
    const corrections = JSON.stringify([{ task: '3', status: 'in_progress' }, { task: '12', notATask: true }]);
    const res = await send('/api/imports/preview', { corrections });
    expect(res.statusCode).toBe(200);
    const p = res.json<ParsedReport>();
    expect(p.tasks.map((x) => [x.code, x.statusCode, x.confidence])).toEqual([['3', 'in_progress', 1], ['9', 'in_progress', 0.9]]);
    expect(await taskCount()).toBe(0);
  });

  it('refuses corrections that are not JSON, not the schema, or about tasks the file does not have; writes nothing', async () => {
    for (const corrections of ['[{', JSON.stringify([{ task: '3', status: 'done' }]), JSON.stringify([{ task: '77', status: 'completed' }])]) {
      const res = await send('/api/imports', { corrections });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().error.code).toBe('VALIDATION_FAILED');
    }
    expect(await taskCount()).toBe(0);
  });

  it('imports with the same corrections in one go', async () => {
    const corrections = JSON.stringify([{ task: '3', status: 'in_progress' }, { task: '12', notATask: true }]);
    const res = await send('/api/imports', { corrections });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ created: number }>().created).toBe(2);
    const rows = await t.ctx.db.selectFrom('tasks').select(['code']).orderBy('code').execute();
    expect(rows.map((r) => r.code)).toEqual(['3', '9']);
  });
});
