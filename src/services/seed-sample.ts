/**
 * First run: when the database is empty, create the org tree of 辽宁省 → 抚顺市 (its districts, counties and
 * departments), import the bundled Fushun report through the importer and publish it, and create an administrator whose random
 * password is returned once for the console.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../core/errors.js';
import type { AppContext } from './context.js';
import { SYSTEM_ACTOR } from '../db/audit.repository.js';
import { countOrgUnits, findOrgUnitByCode, insertOrgUnit } from '../db/org-units.repository.js';
import { parseReport } from '../import/index.js';
import { importParsedReport, type ImportSummary } from './import-parsed-report.js';
import { publishVersion } from './report-from-ledger.js';
import { createUser } from './user-accounts.js';
import { generatePassword } from './passwords.js';
import type { OrgKind } from '../core/org.js';

export const SAMPLE_REPORT_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples/fushun-progress-2023.txt');

const FUSHUN_UNITS: [string, string, OrgKind][] = [
  ['210402', '新抚区', 'county'], ['210403', '东洲区', 'county'], ['210404', '望花区', 'county'], ['210411', '顺城区', 'county'],
  ['210421', '抚顺县', 'county'], ['210422', '新宾满族自治县', 'county'], ['210423', '清原满族自治县', 'county'],
  ['210400-01', '市生态环境局', 'department'], ['210400-02', '市发展改革委', 'department'], ['210400-03', '市工业和信息化局', 'department'],
  ['210400-04', '市住房城乡建设局', 'department'], ['210400-05', '市水务局', 'department'], ['210400-06', '市自然资源局', 'department'],
  ['210400-07', '市农业农村局', 'department'], ['210400-08', '市城市管理综合行政执法局', 'department'],
];

export interface SeedResult { admin: { username: string; password: string }; report: ImportSummary }

/** Loads the sample into an empty database; returns null when the database already has data. */
export async function seedSampleIfEmpty(ctx: AppContext): Promise<SeedResult | null> {
  if ((await countOrgUnits(ctx.db)) > 0) return null;
  await ctx.db.transaction().execute(async (tx) => {
    const province = await insertOrgUnit(tx, { parentId: null, code: '210000', name: '辽宁省', kind: 'province' });
    await insertOrgUnit(tx, { parentId: province.id, code: '210000-01', name: '省生态环境厅', kind: 'department' });
    const city = await insertOrgUnit(tx, { parentId: province.id, code: '210400', name: '抚顺市', kind: 'city' });
    for (const [i, [code, name, kind]] of FUSHUN_UNITS.entries()) {
      await insertOrgUnit(tx, { parentId: city.id, code, name, kind, sortOrder: i });
    }
  });
  const data = fs.readFileSync(SAMPLE_REPORT_PATH);
  const name = path.basename(SAMPLE_REPORT_PATH);
  const parsed = await parseReport({ data, name });
  const report = await importParsedReport(ctx, SYSTEM_ACTOR, parsed, { name, data }, { org: '辽宁省/抚顺市', asOf: '2023-12-31' });
  // The sample is a report the city already made public: the installation publishes it, as its first version, so the
  // public page has something to show on first start. (An import by itself never publishes.)
  await publishVersion(ctx, SYSTEM_ACTOR, { orgUnitId: report.orgUnitId, inspectionId: report.inspectionId, content: { ...parsed, asOf: report.asOf }, importId: report.importId });
  const province = await findOrgUnitByCode(ctx.db, '210000');
  if (!province) throw new AppError('INTERNAL', '示例报告导入后找不到辽宁省（行政区划代码 210000）');
  const provinceId = province.id;
  const password = generatePassword();
  await createUser(ctx, SYSTEM_ACTOR, {
    username: 'admin', displayName: '系统管理员', password,
    memberships: [{ orgUnitId: provinceId, role: 'admin' }],
  }, { mustChangePassword: true });
  return { admin: { username: 'admin', password }, report };
}
