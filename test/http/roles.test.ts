/**
 * Every resource route for every role, inside the role's own scope: administrators write the ledger, org tree and
 * users; reporters add evidence; reviewers and viewers only read. A refused write changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import { buildWorld, signIn, signInAll, type UserKey, type World } from '../fixtures/api/world.js';
import { PDF, multipart } from '../fixtures/evidence/samples.js';
import { findUserByUsername } from '../../src/db/users.repository.js';

const ROLES = ['countyAAdmin', 'countyAReporter', 'countyAReviewer', 'countyAViewer'] as const;
type Role = (typeof ROLES)[number];

describe.each(DIALECTS)('roles inside their own county on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let as: Record<UserKey, Client>;
  const ids = { measure: 0, milestone: 0, indicator: 0, document: 0, evidence: 0, viewer: 0 };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildWorld(t.ctx);
    as = await signInAll(t.app, w);
    const share = `/api/assignments/${w.countyAShare}`;
    ids.measure = (await as.countyAAdmin.post(`${share}/measures`, { text: '新宾县燃煤锅炉淘汰' })).json<{ id: number }>().id;
    ids.milestone = (await as.countyAAdmin.post(`${share}/milestones`, { title: '淘汰一半', dueDate: '2026-06-30' })).json<{ id: number }>().id;
    ids.indicator = (await as.countyAAdmin.post(`${share}/indicators`, { name: '燃煤锅炉数', target: 0, comparator: '<=' })).json<{ id: number }>().id;
    ids.document = (await as.countyAAdmin.post(`${share}/documents`, { number: '新政办〔2022〕3号' })).json<{ id: number }>().id;
    ids.viewer = (await findUserByUsername(t.ctx.db, w.users.countyAViewer))!.id;
  });
  afterAll(async () => { await t.close(); });

  const reads = () => [
    '/api/org-units/tree', '/api/org-units', `/api/org-units/${w.tree.countyA.id}`, '/api/inspections', `/api/inspections/${w.inspectionId}`,
    '/api/plans', `/api/plans/${w.planId}`, '/api/tasks', `/api/tasks/${w.taskId}`, `/api/tasks/${w.taskId}/assignments`,
    `/api/assignments/${w.countyAShare}/history`, `/api/assignments/${w.countyAShare}/documents`, `/api/assignments/${w.countyAShare}/evidence`,
    `/api/indicators/${ids.indicator}/values`,
  ];

  it('lets every role read its own county through every read route', async () => {
    for (const role of ROLES) {
      for (const url of reads()) expect((await as[role].get(url)).statusCode, `${role} ${url}`).toBe(200);
    }
  });

  /** Each administrator-only write, with the status the administrator gets (others get 403). */
  const adminWrites = (): [string, (c: Client) => Promise<{ statusCode: number }>, number][] => {
    const share = `/api/assignments/${w.countyAShare}`;
    return [
      ['create org unit', (c) => c.post('/api/org-units', { parentId: w.tree.countyA.id, code: `XB-${dialect}`, name: '县生态环境分局', kind: 'department' }), 201],
      ['edit org unit', (c) => c.patch(`/api/org-units/${w.tree.countyA.id}`, { version: 1, sortOrder: 5 }), 200],
      ['create inspection', (c) => c.post('/api/inspections', { name: `新宾县自查${dialect}`, round: 'X', kind: 'provincial', targetOrgId: w.tree.countyA.id }), 201],
      ['create plan', (c) => c.post('/api/plans', { inspectionId: w.inspectionId, ownerOrgId: w.tree.countyA.id, title: '新宾县整改方案' }), 201],
      ['edit assignment', async (c) => c.patch(share, { version: (await c.get(share)).json<{ assignment: { version: number } }>().assignment.version, responsiblePerson: '县长' }), 200],
      ['add measure', (c) => c.post(`${share}/measures`, { text: '加强监管' }), 201],
      ['edit measure', (c) => c.patch(`/api/measures/${ids.measure}`, { version: 1, doneDate: '2025-01-01' }), 200],
      ['edit milestone', (c) => c.patch(`/api/milestones/${ids.milestone}`, { version: 1, doneDate: '2025-01-01' }), 200],
      ['edit indicator', (c) => c.patch(`/api/indicators/${ids.indicator}`, { version: 1, unit: '台' }), 200],
      ['cite document', (c) => c.post(`${share}/documents`, { title: '新宾县锅炉整治方案' }), 201],
      ['uncite document', (c) => c.delete(`${share}/documents/${ids.document}`), 204],
      ['delete milestone', (c) => c.delete(`/api/milestones/${ids.milestone}?version=2`), 204],
      ['list users', (c) => c.get('/api/users'), 200],
      ['create user', (c) => c.post('/api/users', { username: `xb-new-${dialect}`, displayName: '新用户', memberships: [{ orgUnitId: w.tree.countyA.id, role: 'viewer' }] }), 201],
      ['revoke sessions', (c) => c.post(`/api/users/${ids.viewer}/revoke-sessions`), 204],
      ['read audit', (c) => c.get('/api/audit'), 200],
    ];
  };

  it('refuses administrator-only routes to reporters, reviewers and viewers with 403, writing nothing', async () => {
    const before = await t.ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    for (const role of ['countyAReporter', 'countyAReviewer', 'countyAViewer'] as Role[]) {
      for (const [name, call] of adminWrites()) expect((await call(as[role])).statusCode, `${role}: ${name}`).toBe(403);
    }
    const after = await t.ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('lets the county administrator do each of them', async () => {
    for (const [name, call, status] of adminWrites()) expect((await call(as.countyAAdmin)).statusCode, name).toBe(status);
    // The last write signed the viewer out everywhere; sign in again for what follows.
    expect((await as.countyAViewer.get('/api/auth/me')).statusCode).toBe(401);
    as.countyAViewer = await signIn(t.app, w.users.countyAViewer);
  });

  it('lets reporters and administrators add evidence, not reviewers or viewers', async () => {
    const upload = (c: Client, name: string) => {
      const body = multipart(name, Buffer.concat([PDF, Buffer.from(name)]));
      return c.request({ method: 'POST', url: `/api/assignments/${w.countyAShare}/evidence`, payload: body.payload, headers: body.headers });
    };
    const expected: Record<Role, number> = { countyAAdmin: 201, countyAReporter: 201, countyAReviewer: 403, countyAViewer: 403 };
    for (const role of ROLES) expect((await upload(as[role], `${role}.pdf`)).statusCode, role).toBe(expected[role]);
  });
});
