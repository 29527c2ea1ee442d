/**
 * The national dataset the scale benchmark measures, built once with `rectify seed-scale`'s generator and reused by
 * later runs: on SQLite under bench-data/ (a directory per size, renamed into place only when complete), on
 * PostgreSQL as a database named after the size on the server of BENCH_DATABASE_URL (rebuilt when its row counts
 * do not match). BENCH_SCALE=small builds two provinces and 20,000 cases, for trying the benchmark quickly.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { parseConfig, type Config } from '../src/config.js';
import { chinaDate } from '../src/core/calendar-date.js';
import { DEFAULT_SCALE, type ScaleOptions, type ScaleSummary } from '../src/scale/seed-scale.js';
import { seedScaleDatabase } from '../src/scale/seed-database.js';

export type ScaleOptionsWithoutDate = Omit<ScaleOptions, 'asOf' | 'passwordHash'>;
export const SIZES: Record<string, ScaleOptionsWithoutDate> = {
  national: DEFAULT_SCALE,
  small: { ...DEFAULT_SCALE, provinces: 2, cases: 20_000, auditEvents: 200_000 },
  // The cost curve (docs/benchmarks.md): a tenth and three times the national dataset, every table in proportion.
  tenth: { ...DEFAULT_SCALE, provinces: 3, cases: 100_000, auditEvents: 500_000 },
  triple: { ...DEFAULT_SCALE, provinces: 93, cases: 3_000_000, auditEvents: 15_000_000 },
};

export interface Dataset { config: Config; env: Record<string, string>; summary: ScaleSummary; built: boolean; buildMs: number }

const PASSWORD = 'scale-password-1';

function keyOf(opts: ScaleOptionsWithoutDate): string {
  return createHash('sha256').update(JSON.stringify(opts)).digest('hex').slice(0, 10);
}

async function build(config: Config, opts: ScaleOptionsWithoutDate): Promise<{ summary: ScaleSummary; ms: number }> {
  const started = performance.now();
  const summary = await seedScaleDatabase(config, { ...opts, asOf: chinaDate(new Date()), password: PASSWORD }, (m) => process.stderr.write(`    ${m}\n`));
  return { summary, ms: performance.now() - started };
}

export async function sqliteDataset(opts: ScaleOptionsWithoutDate, root = 'bench-data'): Promise<Dataset> {
  const dir = path.resolve(root, `sqlite-${keyOf(opts)}`);
  const env = { SQLITE_PATH: path.join(dir, 'rectify.db'), STORAGE_DIR: path.join(dir, 'files'), LOAD_SAMPLE: 'false' };
  const marker = path.join(dir, 'dataset.json');
  if (fs.existsSync(marker)) return { config: parseConfig(env), env, summary: JSON.parse(fs.readFileSync(marker, 'utf8')) as ScaleSummary, built: false, buildMs: 0 };
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  const { summary, ms } = await build(parseConfig({ SQLITE_PATH: path.join(partial, 'rectify.db'), STORAGE_DIR: path.join(partial, 'files') }), opts);
  fs.writeFileSync(path.join(partial, 'dataset.json'), JSON.stringify(summary, null, 2));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return { config: parseConfig(env), env, summary, built: true, buildMs: ms };
}

export async function postgresDataset(serverUrl: string, opts: ScaleOptionsWithoutDate, root = 'bench-data'): Promise<Dataset> {
  const name = `rectify_bench_${keyOf(opts)}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), STORAGE_DIR: path.resolve(root, `postgres-${keyOf(opts)}`, 'files'), LOAD_SAMPLE: 'false' };
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (exists) {
      const db = new pg.Client({ connectionString: env.DATABASE_URL });
      await db.connect();
      const marker = await db.query<{ summary: ScaleSummary }>('SELECT summary FROM bench_dataset').catch(() => null);
      await db.end();
      if (marker?.rows[0]) return { config: parseConfig(env), env, summary: marker.rows[0].summary, built: false, buildMs: 0 };
      await admin.query(`DROP DATABASE ${name}`);
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  } finally {
    await admin.end();
  }
  const { summary, ms } = await build(parseConfig(env), opts);
  const db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  // Written last: a database without it is a build that did not finish, and is rebuilt.
  await db.query('CREATE TABLE bench_dataset (summary jsonb NOT NULL)');
  await db.query('INSERT INTO bench_dataset VALUES ($1)', [JSON.stringify(summary)]);
  await db.end();
  return { config: parseConfig(env), env, summary, built: true, buildMs: ms };
}
