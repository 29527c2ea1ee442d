/**
 * The server side of the ledger round-trip benchmark, in a process of its own so its peak memory is the server's:
 * builds a 10,000-assignment ledger on a fresh SQLite file, exports it as a round-trip sheet, then (when the parent
 * writes the edited file's path on stdin) previews and applies it. Prints one JSON line per step on stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseConfig } from '../src/config.js';
import { openContext } from '../src/bootstrap.js';
import { nowIso } from '../src/db/clock.js';
import type { Access } from '../src/services/access.js';
import { exportLedgerSheet } from '../src/services/ledger-sheets/export.js';
import { applySheetUpload, previewSheetImport } from '../src/services/ledger-sheets/import-sheet.js';
import { tuneServerHeap } from '../src/server/heap.js';

// As `rectify serve` does at start-up.
tuneServerHeap();

const [dir, rowsArg] = process.argv.slice(2);
const ROWS = Number(rowsArg ?? 10_000);
const out = (o: object) => { const m = process.memoryUsage(); process.stdout.write(`${JSON.stringify({ ...o, rssMiB: Math.round(m.rss / 2 ** 20), heapMiB: Math.round(m.heapTotal / 2 ** 20), usedMiB: Math.round(m.heapUsed / 2 ** 20), extMiB: Math.round(m.external / 2 ** 20) })}\n`); };
/** CPU time of the whole process (every thread) since `from`, in ms: steadier than wall time on a shared machine. */
const cpuMs = (from: NodeJS.CpuUsage) => { const u = process.cpuUsage(from); return Math.round((u.user + u.system) / 1000); };
const peakMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
/**
 * The peak resident memory since the last call (Linux: /proc/self/status VmHWM, reset through clear_refs), so each
 * step reports its own peak; undefined elsewhere.
 */
let peakSeen = 0;
function stepPeakMiB(): number | undefined {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    // The reset clears getrusage's maxRSS as well: the whole run's peak is the largest step's.
    peakSeen = Math.max(peakSeen, peakMiB());
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return hwm === undefined ? undefined : Math.round(Number(hwm) / 1024);
  } catch {
    return undefined;
  }
}

const config = parseConfig({ SQLITE_PATH: path.join(dir!, 'rectify.db'), STORAGE_DIR: path.join(dir!, 'files'), LOAD_SAMPLE: 'false', SECRET_KEY: 'bench-secret-key-for-the-ledger-sheets' });
const ctx = await openContext(config);
const now = nowIso();

// The ledger: a province, a city, 20 counties, one plan, ROWS tasks each assigned to a county, two measures each.
const province = await ctx.db.insertInto('org_units').values({ code: 'P', name: '辽宁省', kind: 'province', path: '/', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
await ctx.db.updateTable('org_units').set({ path: `/${province.id}/` }).where('id', '=', province.id).execute();
const city = await ctx.db.insertInto('org_units').values({ parent_id: province.id, code: 'C', name: '抚顺市', kind: 'city', path: '/', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
await ctx.db.updateTable('org_units').set({ path: `/${province.id}/${city.id}/` }).where('id', '=', city.id).execute();
const counties: number[] = [];
for (let i = 0; i < 20; i++) {
  const c = await ctx.db.insertInto('org_units').values({ parent_id: city.id, code: `K${i}`, name: `第${i + 1}县`, kind: 'county', path: '/', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.updateTable('org_units').set({ path: `/${province.id}/${city.id}/${c.id}/` }).where('id', '=', c.id).execute();
  counties.push(c.id);
}
const inspection = await ctx.db.insertInto('inspections').values({ name: '第二轮中央生态环境保护督察', round: '2', kind: 'central', target_org_id: province.id, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
const plan = await ctx.db.insertInto('plans').values({ inspection_id: inspection.id, owner_org_id: city.id, title: '整改方案', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
await ctx.db.transaction().execute(async (tx) => {
  for (let start = 0; start < ROWS; start += 500) {
    const n = Math.min(500, ROWS - start);
    const tasks = await tx.insertInto('tasks').values(Array.from({ length: n }, (_, i) => ({
      plan_id: plan.id, code: String(start + i + 1), number: start + i + 1, sort_order: start + i, problem: `第${start + i + 1}项问题：部分区域污水收集管网建设滞后，雨污混接问题突出，需要系统整治。`,
      deadline_kind: 'by_date', deadline_date: '2027-12-31', created_at: now, updated_at: now,
    }))).returning('id').execute();
    const shares = await tx.insertInto('assignments').values(tasks.map((t, i) => ({
      task_id: t.id, org_unit_id: counties[(start + i) % counties.length]!, status_text: '正在推进', status_code: 'in_progress', deadline_kind: 'by_date',
      deadline_date: '2027-12-31', latest_progress: '已完成排查，正在制定整治方案。', search_text: '', created_at: now, updated_at: now,
    }))).returning('id').execute();
    await tx.insertInto('measures').values(shares.flatMap((s) => [1, 2].map((o) => ({
      assignment_id: s.id, ordinal: o, sort_order: o, text: o === 1 ? '开展全面排查，建立问题清单。' : '实施雨污分流改造，逐一销号。', created_at: now, updated_at: now,
    })))).execute();
  }
});
out({ step: 'setup', rows: ROWS, stepPeakMiB: stepPeakMiB() });

const admin: Access = { actor: { id: null, name: 'bench' }, memberships: [{ orgUnitId: province.id, orgPath: `/${province.id}/`, orgName: '辽宁省', role: 'admin' }] };
let t = performance.now();
let c = process.cpuUsage();
const sheet = await exportLedgerSheet(ctx, admin, {});
fs.writeFileSync(path.join(dir!, 'ledger.xlsx'), sheet.data);
out({ step: 'export', ms: Math.round(performance.now() - t), cpuMs: cpuMs(c), rows: sheet.rows, bytes: sheet.data.length, stepPeakMiB: stepPeakMiB() });

const stdin = readline.createInterface({ input: process.stdin });
const edited = await new Promise<string>((resolve) => stdin.once('line', resolve));
// Closed at once: an open stdin would keep this process alive after its last step.
stdin.close();
const data = fs.readFileSync(edited);
t = performance.now();
c = process.cpuUsage();
const preview = await previewSheetImport(ctx, admin, { name: 'ledger-edited.xlsx', data });
out({ step: 'preview', ms: Math.round(performance.now() - t), cpuMs: cpuMs(c), counts: preview.counts, stepPeakMiB: stepPeakMiB() });
t = performance.now();
c = process.cpuUsage();
const applied = await applySheetUpload(ctx, admin, { name: 'ledger-edited.xlsx', data }, {});
out({ step: 'apply', ms: Math.round(performance.now() - t), cpuMs: cpuMs(c), edits: applied.edits, unchanged: applied.unchanged, stepPeakMiB: stepPeakMiB() });
await ctx.close();
out({ step: 'done', peakRssMiB: Math.max(peakSeen, peakMiB()) });
