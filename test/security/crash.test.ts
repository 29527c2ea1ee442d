/**
 * Crashes: `rectify import DIR` in a child process is SIGKILLed once a given number of files has committed (the kill
 * lands wherever the importer then is: mid-transaction, mid-file-write or between files). After each crash every
 * imported file is wholly there (import record, its stored source, its evidence row) or not at all, every stored blob
 * matches its hash, and the audit chain verifies; re-running the import then reaches exactly the state of a clean run.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../helpers/test-db.js';
import { importReportFile } from '../../src/services/import-report-file.js';
import { SYSTEM_ACTOR, verifyAuditChain } from '../../src/db/audit.repository.js';
import { createDatabase } from '../../src/db/database.js';
import { openSqliteFile } from '../../src/db/backup.repository.js';

const FILES = 12;
const FIXTURE = path.resolve('test/fixtures/fushun-progress-2023.txt');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-crash-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const COUNTS = 'SELECT (SELECT COUNT(*) FROM tasks) AS tasks, (SELECT COUNT(*) FROM assignments) AS assignments, (SELECT COUNT(*) FROM measures) AS measures';

function runImport(env: NodeJS.ProcessEnv, killAfterImports?: number): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/rectify.js', 'import', path.join(dir, 'in')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    let timer: NodeJS.Timeout | undefined;
    if (killAfterImports !== undefined) {
      // Poll the committed imports from a reader (WAL readers never block the writer) and kill at the mark.
      timer = setInterval(() => {
        if (!fs.existsSync(env.SQLITE_PATH!)) return;
        try {
          const db = openSqliteFile(env.SQLITE_PATH!, true);
          const n = (db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'imports'`).get() as { n: number }).n
            ? (db.prepare('SELECT COUNT(*) AS n FROM imports').get() as { n: number }).n : 0;
          db.close();
          if (n >= killAfterImports) { clearInterval(timer); child.kill('SIGKILL'); }
        } catch { /* the schema is still being created */ }
      }, 10);
    }
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearInterval(timer);
      if (signal === 'SIGKILL') resolve({ killed: true, output });
      else if (code === 0) resolve({ killed: false, output });
      else reject(new Error(`rectify import exited ${code}:\n${output}`));
    });
  });
}

async function checkWhole(env: NodeJS.ProcessEnv) {
  const db = openSqliteFile(env.SQLITE_PATH!, true);
  const imports = db.prepare('SELECT id, sha256 FROM imports').all() as { id: number; sha256: string }[];
  const evidence = db.prepare(`SELECT owner_id FROM evidence_files WHERE owner_type = 'import'`).all() as { owner_id: number }[];
  db.close();
  expect(evidence.map((e) => e.owner_id).sort()).toEqual(imports.map((i) => i.id).sort());
  for (const file of fs.readdirSync(env.STORAGE_DIR!, { recursive: true }).map(String).filter((p) => /[0-9a-f]{64}$/.test(p))) {
    expect(createHash('sha256').update(fs.readFileSync(path.join(env.STORAGE_DIR!, file))).digest('hex')).toBe(path.basename(file));
  }
  for (const i of imports) expect(fs.existsSync(path.join(env.STORAGE_DIR!, i.sha256.slice(0, 2), i.sha256.slice(2, 4), i.sha256))).toBe(true);
  const handle = createDatabase({ kind: 'sqlite', path: env.SQLITE_PATH! });
  try { expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true }); } finally { await handle.destroy(); }
  return imports.length;
}

describe('an import killed mid-way (sqlite)', () => {
  it('leaves each file wholly there or not at all, and a re-run reaches the clean state', async () => {
    fs.mkdirSync(path.join(dir, 'in'));
    // The same report under many names: each file is its own all-or-nothing transaction.
    for (let i = 0; i < FILES; i++) fs.copyFileSync(FIXTURE, path.join(dir, 'in', `report-${String(i).padStart(2, '0')}.txt`));
    const clean = await createTestContext('sqlite');
    let expected: unknown;
    try {
      await importReportFile(clean, SYSTEM_ACTOR, { name: 'report.txt', data: fs.readFileSync(FIXTURE) }, {});
      const db = openSqliteFile(clean.config.database.kind === 'sqlite' ? clean.config.database.path : '', true);
      expected = db.prepare(COUNTS).get();
      db.close();
    } finally { await clean.cleanup(); }

    const crashPoints = [1, 4];
    for (const [n, killAt] of crashPoints.entries()) {
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOAD_SAMPLE: 'false', LOG_LEVEL: 'warn', SQLITE_PATH: path.join(dir, `db${n}`, 'rectify.db'), STORAGE_DIR: path.join(dir, `db${n}`, 'files') };
      delete env.DATABASE_URL;
      const crashed = await runImport(env, killAt);
      const committed = await checkWhole(env);
      console.info(`crash point ${killAt}: ${crashed.killed ? `killed with ${committed} of ${FILES} files committed` : 'finished before the kill'}`);
      // Killed at or after the mark (or, rarely, the import finished first: then everything is simply there).
      expect(committed, crashed.output).toBeGreaterThanOrEqual(crashed.killed ? killAt : FILES);
      await runImport(env);
      expect(await checkWhole(env)).toBe(committed + FILES);
      const db = openSqliteFile(env.SQLITE_PATH!, true);
      expect(db.prepare(COUNTS).get()).toEqual(expected);
      db.close();
    }
  }, 180_000);
});
