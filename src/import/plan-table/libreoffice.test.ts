import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPlanTasks, drawLayout, planWorkbook, type Layout } from '../../../test/fixtures/import/plan-tables.js';
import { detectPlanTable, parsePlanTable } from './index.js';

const hasSoffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;

/** Saves an XLSX as another spreadsheet format with LibreOffice (how an office's .xls comes to exist). */
function saveAs(xlsx: Uint8Array, format: 'xls' | 'ods'): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-plan-lo-'));
  try {
    writeFileSync(path.join(dir, 'plan.xlsx'), xlsx);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', format, '--outdir', dir, path.join(dir, 'plan.xlsx')], { stdio: 'ignore', timeout: 120_000 });
    expect(r.status).toBe(0);
    return new Uint8Array(readFileSync(path.join(dir, `plan.${format}`)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasSoffice)('.xls and .ods plans through LibreOffice Calc', () => {
  it.each(['xls', 'ods'] as const)('reads a .%s plan as the XLSX it was saved from', async (format) => {
    const tasks = buildPlanTasks(8, 11);
    const layout = { ...drawLayout(11), twoRowUnits: true, unitStyle: 'split' as const, columns: ['code', 'problem', 'goal', 'measures', 'lead', 'support', 'deadline'] as Layout['columns'], sheets: 1 as const };
    const xlsx = await planWorkbook(tasks, layout);
    const data = saveAs(xlsx, format);
    expect(await detectPlanTable({ data, name: `方案.${format}` })).toMatchObject({ isPlan: true, format: 'spreadsheet' });
    const [fromOld, fromXlsx] = [await parsePlanTable({ data, name: `方案.${format}` }), await parsePlanTable({ data: xlsx, name: '方案.xlsx' })];
    expect(fromOld.tasks.map((t) => [t.code, t.problem, t.leadUnits, t.supportUnits, t.measures.length, t.deadline])).toEqual(
      fromXlsx.tasks.map((t) => [t.code, t.problem, t.leadUnits, t.supportUnits, t.measures.length, t.deadline]),
    );
  }, 240_000);
});
