import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, anonymous, type TestApp } from '../helpers/test-app.js';

/** Every route of the resource API, as OpenAPI writes it. */
const ROUTES = [
  'get /api/org-units/tree', 'get /api/org-units', 'get /api/org-units/{id}', 'post /api/org-units', 'patch /api/org-units/{id}',
  'get /api/inspections', 'get /api/inspections/{id}', 'post /api/inspections', 'patch /api/inspections/{id}',
  'get /api/plans', 'get /api/plans/{id}', 'post /api/plans', 'patch /api/plans/{id}',
  'get /api/tasks', 'get /api/tasks/{id}', 'get /api/tasks/{id}/assignments', 'post /api/plans/{id}/tasks', 'patch /api/tasks/{id}',
  'post /api/assignments', 'patch /api/assignments/{id}', 'get /api/assignments/{id}/history',
  'get /api/assignments/{id}/documents', 'post /api/assignments/{id}/documents', 'delete /api/assignments/{id}/documents/{documentId}',
  'post /api/assignments/{id}/measures', 'patch /api/measures/{id}', 'delete /api/measures/{id}',
  'post /api/assignments/{id}/milestones', 'patch /api/milestones/{id}', 'delete /api/milestones/{id}',
  'post /api/assignments/{id}/indicators', 'patch /api/indicators/{id}', 'delete /api/indicators/{id}', 'get /api/indicators/{id}/values',
  'post /api/assignments/{id}/evidence', 'get /api/assignments/{id}/evidence', 'get /api/evidence/{id}',
  'get /api/users', 'get /api/users/{id}', 'post /api/users', 'put /api/users/{id}/memberships', 'post /api/users/{id}/disable',
  'post /api/users/{id}/enable', 'post /api/users/{id}/reset-password', 'post /api/users/{id}/revoke-sessions',
  'get /api/tokens', 'post /api/tokens', 'delete /api/tokens/{id}', 'get /api/audit',
];

describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp('sqlite'); });
  afterAll(async () => { await t.close(); });

  it('lists every resource route with its parameters and the error shape', async () => {
    const res = await anonymous(t.app).get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, Record<string, { parameters?: { name: string }[]; responses: Record<string, unknown> }>> }>();
    const present = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(ROUTES.filter((r) => !present.includes(r))).toEqual([]);
    const patchTask = doc.paths['/api/tasks/{id}']!.patch!;
    expect(patchTask.parameters?.map((p) => p.name)).toContain('id');
    expect(Object.keys(patchTask.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
    const list = doc.paths['/api/tasks']!.get!;
    expect(list.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['page', 'pageSize', 'sort', 'order', 'q', 'planId']));
  });
});
