/**
 * Benchmark of loading a plan table: a city's 500-task plan XLSX (three measures a task, two units each, every task
 * linked to a province task) read, previewed and committed into a fresh SQLite database — the whole path of
 * `rectify import` and the web upload — then the same table again (update in place, nothing changed), and a corrected
 * table changing every task. Target (issue #15): read and committed in < 2 s. Run: npx tsx bench/plan-import.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config.js';
import { openContext } from '../src/bootstrap.js';
import { insertOrgUnit } from '../src/db/org-units.repository.js';
import { insertInspection, insertPlan } from '../src/db/inspections.repository.js';
import { insertTask } from '../src/db/tasks.repository.js';
import { SYSTEM_ACTOR } from '../src/db/audit.repository.js';
import { parsePlanTable } from '../src/import/plan-table/index.js';
import { previewPlanImport } from '../src/services/plans/plan-import-preview.js';
import { commitPlanImport } from '../src/services/plans/plan-import-commit.js';
import type { Access } from '../src/services/access.js';
import { buildPlanXlsx, manyRows } from '../test/fixtures/plans/city-plan-xlsx.js';
import type { Figure } from './load.js';

const TASKS = 500;

export async function runPlanImportBench(): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-plan-'));
  const ctx = await openContext(parseConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SQLITE_PATH: path.join(dir, 'rectify.db'), STORAGE_DIR: path.join(dir, 'files'), SECRET_KEY: 'bench-secret-key-0123456789abcdef' }));
  try {
    const province = await insertOrgUnit(ctx.db, { parentId: null, code: 'LN', name: '辽宁省', kind: 'province' });
    const city = await insertOrgUnit(ctx.db, { parentId: province.id, code: 'FS', name: '抚顺市', kind: 'city' });
    for (const [i, name] of ['抚顺市生态环境局', '市住房城乡建设局', '市自然资源局', '市水务局', '市农业农村局'].entries()) {
      await insertOrgUnit(ctx.db, { parentId: city.id, code: `FS-${i}`, name, kind: 'department' });
    }
    const inspection = await insertInspection(ctx.db, { name: '第二轮中央生态环境保护督察', round: '2', kind: 'central', targetOrgId: province.id, stationedFrom: null, stationedTo: null, feedbackDate: null });
    const plan = await insertPlan(ctx.db, { inspectionId: inspection.id, ownerOrgId: province.id, title: '辽宁省整改方案', issuedDate: null, dueDate: null });
    for (let n = 1; n <= 40; n++) {
      await insertTask(ctx.db, { planId: plan.id, code: String(n), number: n, sortOrder: n, problem: `省任务${n}`, goal: null, category: null, deadlineKind: 'unknown', deadlineDate: null, deadlineText: null, leadUnit: null, responsibleUnits: [], responsiblePerson: null, supervisingUnit: null, acceptingUnit: null });
    }
    const access: Access = { actor: SYSTEM_ACTOR, memberships: [{ orgUnitId: province.id, orgPath: province.path, orgName: province.name, role: 'admin' }] };
    const target = { inspectionId: inspection.id, orgUnitId: city.id };
    const choices = { units: {}, parents: {} };

    /** Read, preview, commit: ms for each, as one import does them. */
    const importOnce = async (data: Buffer) => {
      const file = { name: 'plan.xlsx', data };
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const parsed = await parsePlanTable(file);
      const t1 = performance.now();
      const preview = await previewPlanImport(ctx, access, target, parsed, file, choices);
      const t2 = performance.now();
      if (preview.blockers.length) throw new Error(preview.blockers.join('; '));
      const summary = await commitPlanImport(ctx, access, target, parsed, file, choices, preview);
      const t3 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      // CPU time beside wall time: on a shared machine the wall clock mostly measures the other processes.
      return { read: t1 - t0, preview: t2 - t1, commit: t3 - t2, total: t3 - t0, cpu: (cpu.user + cpu.system) / 1000, summary };
    };
    const rows = manyRows(TASKS);
    const first = await importOnce(await buildPlanXlsx(rows));
    if (first.summary.created !== TASKS || first.summary.linked !== TASKS) throw new Error(`created ${first.summary.created}, linked ${first.summary.linked}`);
    const same = await importOnce(await buildPlanXlsx(rows));
    if (same.summary.unchanged !== TASKS) throw new Error(`unchanged ${same.summary.unchanged}`);
    const corrected = await importOnce(await buildPlanXlsx(rows.map((r) => ({ ...r, goal: `${r.goal}（修订）`, measures: [...r.measures, '每季度报送整改进展'] }))));
    if (corrected.summary.updated !== TASKS) throw new Error(`updated ${corrected.summary.updated}`);
    const r = (n: number) => Math.round(n);
    return [
      { name: 'plan-import.500-tasks.new.read', value: r(first.read), unit: 'ms' },
      { name: 'plan-import.500-tasks.new.preview', value: r(first.preview), unit: 'ms' },
      { name: 'plan-import.500-tasks.new.commit', value: r(first.commit), unit: 'ms' },
      { name: 'plan-import.500-tasks.new.total', value: r(first.total), unit: 'ms' },
      { name: 'plan-import.500-tasks.new.cpu', value: r(first.cpu), unit: 'ms' },
      { name: 'plan-import.500-tasks.unchanged.total', value: r(same.total), unit: 'ms' },
      { name: 'plan-import.500-tasks.all-changed.total', value: r(corrected.total), unit: 'ms' },
      { name: 'plan-import.500-tasks.all-changed.cpu', value: r(corrected.cpu), unit: 'ms' },
    ];
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const f of await runPlanImportBench()) console.log(`${f.name}\t${f.value}\t${f.unit}`);
}
