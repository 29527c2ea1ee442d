/**
 * `rectify import FILE` for a plan table (整改方案 / 整改任务清单): the same preview and commit as the web upload,
 * run by the machine's operator with the rights of the system. `--dry-run` prints the preview (each task cell by
 * cell, warnings, units, links, changes) and exits 1 when the import would be refused; names that match no unit
 * must be decided with `--map "名称=单位路径"` or `--create-units`, otherwise the import is refused listing them.
 */
import type { Conn } from '../../db/database.js';
import type { AppContext } from '../../services/context.js';
import { AppError } from '../../core/errors.js';
import type { PlanImportChoices, PlanImportPreview, UnitChoice } from '../../core/plan-import.js';
import type { ParsedReport } from '../../core/report.js';
import { SYSTEM_ACTOR } from '../../db/audit.repository.js';
import { findInspectionByName, getInspectionById } from '../../db/inspections.repository.js';
import { listOrgUnits } from '../../db/org-units.repository.js';
import type { Access } from '../../services/access.js';
import { resolveOrgUnit } from '../../services/resolve-org.js';
import { previewPlanImport } from '../../services/plans/plan-import-preview.js';
import { commitPlanImport } from '../../services/plans/plan-import-commit.js';

export interface PlanCliOptions { org?: string; inspection?: string; parentPlan?: string; map?: string[]; createUnits?: boolean; dryRun?: boolean }

/** The operator of the machine acts with the system's rights: administrator of every top unit. */
async function systemAccess(db: Conn): Promise<Access> {
  const roots = (await listOrgUnits(db)).filter((u) => u.parentId === null);
  return { actor: SYSTEM_ACTOR, memberships: roots.map((u) => ({ orgUnitId: u.id, orgPath: u.path, orgName: u.name, role: 'admin' as const })) };
}

async function inspectionId(db: Conn, spec: string): Promise<number> {
  if (/^\d+$/.test(spec)) return (await getInspectionById(db, Number(spec))).id;
  const found = await findInspectionByName(db, spec);
  if (!found) throw new AppError('INSPECTION_NOT_FOUND', `找不到名为“${spec}”的督察（可用 rectify 的督察编号或全称）`);
  return found.id;
}

const STATE: Record<string, string> = { exact: '同名', alias: '已记住的对应', short: '简称', map: '指定对应', create: '新建', ignore: '忽略', ambiguous: '有多个可能', unmatched: '未找到' };
const CHANGE: Record<string, string> = { new: '新建', changed: '有改动', unchanged: '未变' };
const FIELD: Record<string, string> = {
  code: '序号', parent: '上级序号', problem: '问题', goal: '整改目标', measures: '整改措施', units: '责任单位', leadUnits: '牵头单位', supportUnits: '配合单位',
  leaders: '责任领导', deadline: '完成时限', category: '类别', responsiblePerson: '责任领导', leadUnit: '牵头单位', supervisingUnit: '督导单位', acceptingUnit: '验收单位',
};

/** The preview as text, one task after another with each cell it was read from. */
export function formatPlanPreview(p: PlanImportPreview): string {
  const out: string[] = [];
  out.push(`方案：${p.plan.title}（${p.plan.ownerOrgName}，${p.plan.inspectionName}）${p.plan.id ? `，更新已有方案 #${p.plan.id}` : '，新建方案'}`);
  out.push(p.parentPlan ? `上级方案：${p.parentPlan.title}（${p.parentPlan.ownerOrgName}）` : '上级方案：无');
  out.push(`任务 ${p.tasks.length} 项：新建 ${p.counts.new}，有改动 ${p.counts.changed}，未变 ${p.counts.unchanged}；文件中已无 ${p.counts.removed} 项（保留不动）`);
  for (const t of p.tasks) {
    out.push('');
    out.push(`任务${t.code} [${CHANGE[t.change]}${t.changedFields.length ? `：${t.changedFields.map((f) => FIELD[f] ?? f).join('、')}` : ''}]${t.parent ? ` → 上级任务${t.parent.code}` : ''}`);
    for (const [field, cells] of Object.entries(t.cells)) {
      for (const c of cells) out.push(`  ${FIELD[field] ?? field}（${c.sheet ? `${c.sheet}!` : ''}${c.ref}）：${c.text.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    for (const w of t.warnings) out.push(`  ⚠ ${w.cell ? `${w.cell} ` : ''}${w.message}`);
  }
  const loose = p.warnings.filter((w) => !w.taskCode);
  if (loose.length) out.push('', '提示：', ...loose.map((w) => `  ⚠ ${w.cell ? `${w.cell} ` : ''}${w.message}`));
  out.push('', '责任单位：');
  for (const u of p.units) {
    const to = u.unitName ? ` → ${u.unitName}` : u.candidates.length ? `：${u.candidates.map((c) => c.name).join(' / ')}` : '';
    out.push(`  ${u.name}（${STATE[u.state]}${to}）`);
  }
  if (p.removed.length) out.push('', '文件中已没有的任务（保留不动）：', ...p.removed.map((r) => `  任务${r.code} ${r.problem.slice(0, 40)}`));
  if (p.blockers.length) out.push('', '无法导入：', ...p.blockers.map((b) => `  ${b}`));
  return out.join('\n');
}

/** --map "名称=单位路径" and --create-units as the preview's choices. */
async function choicesOf(db: Conn, parsed: ParsedReport, opts: PlanCliOptions): Promise<PlanImportChoices> {
  const units: Record<string, UnitChoice> = {};
  for (const spec of opts.map ?? []) {
    const at = spec.indexOf('=');
    if (at <= 0) throw new AppError('VALIDATION_FAILED', `--map 须写成“名称=单位路径”，如 --map "市环保局=辽宁省/抚顺市/抚顺市生态环境局"，收到“${spec}”`);
    units[spec.slice(0, at).trim()] = { action: 'map', orgUnitId: (await resolveOrgUnit(db, spec.slice(at + 1), { create: false })).id };
  }
  return { units: { ...(opts.createUnits ? createFor(parsed, units) : {}), ...units }, parents: {} };
}

function createFor(parsed: ParsedReport, decided: Record<string, UnitChoice>): Record<string, UnitChoice> {
  const out: Record<string, UnitChoice> = {};
  for (const t of parsed.tasks) for (const u of t.units) if (!decided[u]) out[u] = { action: 'create' };
  return out;
}

export async function importPlanTable(ctx: AppContext, parsed: ParsedReport, file: { name: string; data: Uint8Array }, opts: PlanCliOptions): Promise<boolean> {
  if (!opts.org) throw new AppError('VALIDATION_FAILED', `${file.name} 是整改方案表格：请用 --org 指明方案所属单位（如 辽宁省/抚顺市）`);
  if (!opts.inspection) throw new AppError('VALIDATION_FAILED', `${file.name} 是整改方案表格：请用 --inspection 指明督察（编号或全称）`);
  const access = await systemAccess(ctx.db);
  const org = await resolveOrgUnit(ctx.db, opts.org, { create: false });
  const target = {
    inspectionId: await inspectionId(ctx.db, opts.inspection), orgUnitId: org.id,
    parentPlanId: opts.parentPlan === undefined ? undefined : opts.parentPlan === 'none' ? null : Number(opts.parentPlan),
  };
  if (target.parentPlanId !== undefined && target.parentPlanId !== null && !Number.isInteger(target.parentPlanId)) throw new AppError('VALIDATION_FAILED', '--parent-plan 须为上级方案的编号，或 none');
  // --create-units applies only to names nothing matched: read the preview once without it to know which.
  const plain = await previewPlanImport(ctx, access, target, parsed, file, await choicesOf(ctx.db, parsed, { ...opts, createUnits: false }));
  const choices = await choicesOf(ctx.db, parsed, opts);
  if (opts.createUnits) {
    const open = new Set(plain.units.filter((u) => u.state === 'unmatched').map((u) => u.name));
    for (const name of Object.keys(choices.units)) if (choices.units[name]!.action === 'create' && !open.has(name)) delete choices.units[name];
  }
  const preview = await previewPlanImport(ctx, access, target, parsed, file, choices);
  if (opts.dryRun) {
    process.stdout.write(`${formatPlanPreview(preview)}\n`);
    return preview.blockers.length === 0;
  }
  if (preview.blockers.length) {
    throw new AppError('VALIDATION_FAILED', `${file.name}：${preview.blockers.join('；')}（用 --map "名称=单位路径" 指定对应单位，或 --create-units 新建）`);
  }
  const s = await commitPlanImport(ctx, access, target, parsed, file, choices, { fileSha256: preview.fileSha256, baseline: preview.baseline });
  const lines = [`方案导入完成（方案 #${s.planId}）：新建 ${s.created} 项，更新 ${s.updated} 项，未变 ${s.unchanged} 项，文件中已无 ${s.removed} 项（保留）；关联上级任务 ${s.linked} 项`];
  if (s.unitsCreated.length) lines.push(`新建单位：${s.unitsCreated.join('、')}`);
  if (s.aliasesSaved.length) lines.push(`已记住的单位名称：${s.aliasesSaved.join('、')}`);
  for (const c of s.changes.filter((x) => x.change === 'changed')) lines.push(`任务${c.code} 改动：${c.fields.map((f) => FIELD[f] ?? f).join('、')}`);
  for (const w of preview.warnings) process.stderr.write(`${file.name}${w.cell ? ` ${w.cell}` : ''} 提示：${w.message}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return true;
}
