/**
 * The national-scale benchmark: on the `rectify seed-scale` dataset (31 provinces, ~190,000 assignments, ~900,000
 * progress reports, 1,000,000 complaint cases, 5,000,000 audit events), the requests people make most, each
 *  - through HTTP against the real app in its own process (autocannon on loopback, bearer tokens), with 1 connection
 *    (the request's own latency) and with BENCH_API_CONNECTIONS (default 4: a handful of people at once), beside a
 *    bare Fastify JSON route in the same process (the ratio is the app's overhead);
 *  - directly through the services and their Kysely queries (what the HTTP layer adds is the difference);
 * and the server's resident memory at rest and its peak under the load. SQLite always; PostgreSQL too when
 * BENCH_DATABASE_URL names a server (a database is created there). Run alone: `npx tsx bench/scale.ts`.
 */
import { pathToFileURL } from 'node:url';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApiToken } from '../src/services/auth.js';
import { getAssignmentDetail, getDashboard, getLedgerPage } from '../src/services/ledger.js';
import { getCasePage } from '../src/services/cases/case-ledger.js';
import { submitProgressReport } from '../src/services/reporting/submit-report.js';
import { pathsFor, type Access } from '../src/services/access.js';
import { listMemberships } from '../src/db/users.repository.js';
import { LedgerQuerySchema, ledgerFilterOf } from '../src/server/routes/ledger.routes.js';
import { toQuery } from '../src/server/routes/cases.routes.js';
import { CaseQuerySchema } from '../src/server/routes/case-schemas.js';
import { cpuMs, load, memoryMb, round2, startServer, timeCalls, type Figure, type Latency } from './load.js';
import { postgresDataset, SIZES, sqliteDataset, type Dataset } from './scale-dataset.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS ?? 4);
const DIRECT_RUNS = 200;
const SEARCH = '超低排放改造';
const SEARCH_SHORT = '污水';
const SEARCH_TERMS = '污水 处理';
const REPORT = JSON.stringify({ progress: '已完成重点企业超低排放改造现场核查，正在组织验收。', statusText: '达到序时进度', nextSteps: '按计划推进' });

/** Targets of the issue (p95 in ms; RSS in MB), on this 2-core machine with the national dataset on SQLite. */
const TARGETS: Record<string, number> = { list: 20, search: 20, dashboard: 50, cases: 30, write: 30, 'task-page': 20 };

interface Subject { user: { id: number; name: string }; token: string; access: Access }

async function subject(ctx: OpenedContext, username: string): Promise<Subject> {
  const user = await ctx.db.selectFrom('users').select(['id', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow();
  const { token } = await createApiToken(ctx, { id: user.id, name: username }, { name: `bench ${new Date().toISOString()}`, scope: 'write', expiresInDays: 1 });
  return { user: { id: user.id, name: user.display_name }, token, access: { actor: { id: user.id, name: user.display_name }, memberships: await listMemberships(ctx.db, user.id) } };
}

const rotate = (items: readonly number[]) => {
  let i = 0;
  return () => items[i++ % items.length]!;
};

async function measure(label: string, dataset: Dataset): Promise<Figure[]> {
  const ctx = await openContext(dataset.config, { migrate: true });
  // The sixth province (辽宁省 in the national dataset) and its fourth city.
  const provinces = await ctx.db.selectFrom('org_units').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'province').executeTakeFirstOrThrow();
  const k = Math.min(6, Number(provinces.n));
  const unit = (code: string) => ctx.db.selectFrom('org_units').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
  const province = await unit(`P${k}`);
  const city = await unit(`P${k}C4`);
  const national = await subject(ctx, 'national');
  const provinceAdmin = await subject(ctx, `p${k}-admin`);
  const reporter = await subject(ctx, `p${k}c4-reporter`);
  const inCity = (await ctx.db.selectFrom('assignments as a').innerJoin('org_units as o', 'o.id', 'a.org_unit_id').select('a.id')
    .where('o.path', 'like', `${city.path}%`).where('a.is_closed', '=', 0).orderBy('a.id').limit(500).execute()).map((r) => r.id);

  const queries = {
    list: `/api/assignments?orgUnitId=${city.id}&status=on_schedule&pageSize=50`,
    search: `/api/assignments?orgUnitId=${province.id}&q=${encodeURIComponent(SEARCH)}&pageSize=20`,
    // Issue #20: a common two-character term and two terms, across the province and across the country (the index).
    searchShort: `/api/assignments?orgUnitId=${province.id}&q=${encodeURIComponent(SEARCH_SHORT)}&pageSize=20`,
    searchTerms: `/api/assignments?orgUnitId=${province.id}&q=${encodeURIComponent(SEARCH_TERMS)}&pageSize=20`,
    searchShortNational: `/api/assignments?q=${encodeURIComponent(SEARCH_SHORT)}&pageSize=20`,
    // The province's whole ledger in the default order (by task code) and by unit: over 2,000 matches, read from an index.
    provinceByCode: `/api/assignments?orgUnitId=${province.id}&pageSize=50`,
    provinceByOrg: `/api/assignments?orgUnitId=${province.id}&sort=org&pageSize=50`,
    cases: `/api/cases?orgUnitId=${city.id}&state=handling&overdue=true&sort=deadline&pageSize=50`,
  };
  const parse = <T>(schema: { parse(v: unknown): T }, url: string) => schema.parse(Object.fromEntries(new URL(url, 'http://x').searchParams));
  const ledgerQuery = (url: string) => ledgerFilterOf(parse(LedgerQuerySchema, url));
  const caseQuery = toQuery(parse(CaseQuerySchema, queries.cases));

  // Directly through the services: the queries without HTTP, authentication or serialization.
  const figures: Figure[] = [];
  const direct = async (name: string, call: (i: number) => Promise<unknown>) => {
    const t = await timeCalls(DIRECT_RUNS, call);
    figures.push({ name: `${label}.direct.${name}.p50`, value: t.p50, unit: 'ms' }, { name: `${label}.direct.${name}.p95`, value: t.p95, unit: 'ms' });
  };
  const provinceScope = pathsFor(provinceAdmin.access, 'read');
  const nextTask = rotate(inCity);
  const nextWrite = rotate(inCity);
  await direct('list', () => getLedgerPage(ctx, provinceScope, ledgerQuery(queries.list)));
  await direct('search', () => getLedgerPage(ctx, provinceScope, ledgerQuery(queries.search)));
  await direct('search-short', () => getLedgerPage(ctx, provinceScope, ledgerQuery(queries.searchShort)));
  await direct('search-terms', () => getLedgerPage(ctx, provinceScope, ledgerQuery(queries.searchTerms)));
  await direct('search-short-national', () => getLedgerPage(ctx, pathsFor(national.access, 'read'), ledgerQuery(queries.searchShortNational)));
  await direct('province-by-code', () => getLedgerPage(ctx, provinceScope, ledgerQuery(queries.provinceByCode)));
  await direct('province-by-org', () => getLedgerPage(ctx, provinceScope, ledgerQuery(queries.provinceByOrg)));
  await direct('dashboard', () => getDashboard(ctx, pathsFor(national.access, 'read')));
  await direct('dashboard-province', () => getDashboard(ctx, provinceScope, province.id));
  await direct('cases', () => getCasePage(ctx, provinceAdmin.access, caseQuery));
  await direct('task-page', () => getAssignmentDetail(ctx, provinceAdmin.access.memberships, nextTask()));
  await direct('write', () => submitProgressReport(ctx, reporter.access, nextWrite(), JSON.parse(REPORT) as { progress: string; statusText: string }));
  await ctx.close();

  const server = await startServer(dataset.env);
  try {
    const bearer = (s: Subject) => ({ authorization: `Bearer ${s.token}` });
    const rest = memoryMb(server.child.pid);
    const endpoints: { name: string; run: (connections: number, duration: number) => Promise<Latency> }[] = [
      { name: 'list', run: (c, d) => load(server.api + queries.list, { headers: bearer(provinceAdmin), connections: c, duration: d }) },
      { name: 'search', run: (c, d) => load(server.api + queries.search, { headers: bearer(provinceAdmin), connections: c, duration: d }) },
      { name: 'search-short', run: (c, d) => load(server.api + queries.searchShort, { headers: bearer(provinceAdmin), connections: c, duration: d }) },
      { name: 'search-terms', run: (c, d) => load(server.api + queries.searchTerms, { headers: bearer(provinceAdmin), connections: c, duration: d }) },
      { name: 'search-short-national', run: (c, d) => load(server.api + queries.searchShortNational, { headers: bearer(national), connections: c, duration: d }) },
      { name: 'province-by-code', run: (c, d) => load(server.api + queries.provinceByCode, { headers: bearer(provinceAdmin), connections: c, duration: d }) },
      { name: 'province-by-org', run: (c, d) => load(server.api + queries.provinceByOrg, { headers: bearer(provinceAdmin), connections: c, duration: d }) },
      { name: 'dashboard', run: (c, d) => load(`${server.api}/api/dashboard`, { headers: bearer(national), connections: c, duration: d }) },
      { name: 'dashboard-province', run: (c, d) => load(`${server.api}/api/dashboard?orgUnitId=${province.id}`, { headers: bearer(provinceAdmin), connections: c, duration: d }) },
      { name: 'cases', run: (c, d) => load(server.api + queries.cases, { headers: bearer(provinceAdmin), connections: c, duration: d }) },
      { name: 'task-page', run: (c, d) => load(server.api, { headers: bearer(provinceAdmin), connections: c, duration: d, next: () => `/api/assignments/${nextTask()}` }) },
      {
        name: 'write', run: (c, d) => load(server.api, {
          headers: { ...bearer(reporter), 'content-type': 'application/json' }, connections: c, duration: d, method: 'POST', body: REPORT,
          next: () => `/api/assignments/${nextWrite()}/progress-reports`,
        }),
      },
      { name: 'bare-fastify', run: (c, d) => load(`${server.bare}/bare`, { connections: c, duration: d }) },
    ];
    const rows: { name: string; one: Latency; many: Latency; cpu: number | null; rss: number | null }[] = [];
    for (const e of endpoints) {
      await e.run(1, 2); // warm-up: statement cache, JIT, page cache
      const one = await e.run(1, DURATION_S);
      const cpu0 = cpuMs(server.child.pid);
      const many = await e.run(CONNECTIONS, DURATION_S);
      const cpu1 = cpuMs(server.child.pid);
      rows.push({ name: e.name, one, many, cpu: cpu0 !== null && cpu1 !== null ? round2((cpu1 - cpu0) / many.count) : null, rss: memoryMb(server.child.pid)?.rss ?? null });
    }
    const peak = memoryMb(server.child.pid);
    const bareRps = rows.find((r) => r.name === 'bare-fastify')!.many.rps;
    for (const r of rows) {
      const target = TARGETS[r.name];
      figures.push(
        { name: `${label}.http.${r.name}.1-connection.p50`, value: r.one.p50, unit: 'ms' },
        { name: `${label}.http.${r.name}.1-connection.p95${target ? ` (target < ${target})` : ''}`, value: r.one.p95, unit: 'ms' },
        { name: `${label}.http.${r.name}.1-connection.p99`, value: r.one.p99, unit: 'ms' },
        { name: `${label}.http.${r.name}.${CONNECTIONS}-connections.p50`, value: r.many.p50, unit: 'ms' },
        { name: `${label}.http.${r.name}.${CONNECTIONS}-connections.p95`, value: r.many.p95, unit: 'ms' },
        { name: `${label}.http.${r.name}.${CONNECTIONS}-connections.p99`, value: r.many.p99, unit: 'ms' },
        { name: `${label}.http.${r.name}.${CONNECTIONS}-connections.throughput`, value: r.many.rps, unit: 'req/s' },
      );
      if (r.cpu !== null) figures.push({ name: `${label}.http.${r.name}.server-cpu-per-request`, value: r.cpu, unit: 'ms' });
      if (r.rss !== null) figures.push({ name: `${label}.http.${r.name}.server-rss-after`, value: r.rss, unit: 'MB' });
      if (r.name !== 'bare-fastify') figures.push({ name: `${label}.http.${r.name}.overhead-vs-bare (throughput ratio)`, value: round2(bareRps / Math.max(1, r.many.rps)), unit: 'x' });
    }
    if (rest && peak) figures.push({ name: `${label}.server.rss-at-rest`, value: rest.rss, unit: 'MB' }, { name: `${label}.server.rss-peak-under-load (target < 300)`, value: peak.peak, unit: 'MB' });
    return figures;
  } finally {
    server.stop();
  }
}

export async function runScaleBench(): Promise<Figure[]> {
  const size = process.env.BENCH_SCALE ?? 'national';
  const opts = SIZES[size];
  if (!opts) throw new Error(`BENCH_SCALE must be one of ${Object.keys(SIZES).join(', ')}`);
  const figures: Figure[] = [];
  const targets: { label: string; open: () => Promise<Dataset> }[] = [{ label: 'sqlite', open: () => sqliteDataset(opts) }];
  if (process.env.BENCH_DATABASE_URL) targets.push({ label: 'postgres', open: () => postgresDataset(process.env.BENCH_DATABASE_URL!, opts) });
  for (const target of targets) {
    process.stderr.write(`  ${target.label}: dataset (${size})\n`);
    const dataset = await target.open();
    const s = dataset.summary;
    figures.push({ name: `${target.label}.dataset (${s.assignments} assignments, ${s.progressReports} reports, ${s.cases} cases, ${s.auditEvents} audit events)`, value: dataset.built ? Math.round(dataset.buildMs / 1000) : 0, unit: dataset.built ? 's to build' : 's (reused)' });
    process.stderr.write(`  ${target.label}: measuring\n`);
    figures.push(...await measure(target.label, dataset));
  }
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of await runScaleBench()) console.log(`${f.name.padEnd(70)} ${String(f.value).padStart(10)} ${f.unit}`);
  process.exit(0);
}
