import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.js';
import { buildWorld, signInAll, type UserKey, type World } from '../fixtures/api/world.js';
import { findUserByUsername } from '../../src/db/users.repository.js';

// One repository read made to fail for chosen ids, as a locked or broken database would; every other id reads as ever.
const failing = vi.hoisted(() => ({ ids: new Map<number, Error>() }));
vi.mock('../../src/db/users.repository.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/db/users.repository.js')>();
  return {
    ...real,
    getUserById: async (...args: Parameters<typeof real.getUserById>) => {
      const error = failing.ids.get(args[1]);
      if (error) throw error;
      return real.getUserById(...args);
    },
  };
});

const dbError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe.each(DIALECTS)('a failed read is not a missing thing, on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let as: Record<UserKey, Client>;
  const idOf = async (key: UserKey) => (await findUserByUsername(t.ctx.db, w.users[key]))!.id;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildWorld(t.ctx);
    as = await signInAll(t.app, w);
  });
  afterAll(async () => { failing.ids.clear(); await t.close(); });

  it('answers a missing user 404, and the same user read while the database is busy or failing 503 or 500', async () => {
    const id = await idOf('countyAReporter');
    expect((await as.countyAAdmin.get(`/api/users/${id}`)).statusCode).toBe(200);
    const missing = await as.countyAAdmin.get('/api/users/987654');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('USER_NOT_FOUND');

    failing.ids.set(id, dbError(dialect === 'sqlite' ? 'SQLITE_BUSY' : '40001', 'database is locked'));
    const busy = await as.countyAAdmin.get(`/api/users/${id}`);
    expect(busy.statusCode).toBe(503);
    expect(busy.json<{ error: { code: string } }>().error.code).toBe('DATABASE_BUSY');

    failing.ids.set(id, dbError(dialect === 'sqlite' ? 'SQLITE_IOERR' : '08006', 'disk I/O error'));
    const broken = await as.countyAAdmin.get(`/api/users/${id}`);
    expect(broken.statusCode).toBe(500);
    expect(broken.json<{ error: { code: string } }>().error.code).toBe('INTERNAL');

    failing.ids.delete(id);
    expect((await as.countyAAdmin.get(`/api/users/${id}`)).statusCode).toBe(200);
  });
});
