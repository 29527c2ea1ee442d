/**
 * What importing a handover table would create: the batches, each case with the unit its 行政区域 resolves to, its
 * deadline and the earlier case it seems to repeat, and every problem by row number. The preview shows this plan;
 * the commit rebuilds it from the same file and mapping and writes it only when it has no error.
 */
import type { AppContext } from '../context.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import { matchRegion } from '../../core/region-match.js';
import { addDaysOfKind } from '../../core/workdays.js';
import type { CaseColumnMapping, CaseBatchWarning, ParsedCaseBatch } from '../../import/case-batch.js';
import { runParseJob } from '../parse-jobs.js';
import { getOrgUnitById, listOrgUnits } from '../../db/org-units.repository.js';
import type { OrgUnit } from '../../core/api/org-units.js';
import { getRelatedInspection } from '../plans.js';
import { findExistingCaseNos } from '../../db/cases.repository.js';
import { findCaseBatch } from '../../db/case-batches.repository.js';
import { assertAt, type Access } from '../access.js';
import { readSettings } from '../settings.js';
import { readCaseRows, type CaseDraft, type RowError } from './case-rows.js';
import { detectRepeats, type RepeatLink } from './repeats.js';

export interface CaseImportOptions {
  inspectionId: number;
  /** The importing unit: cases go to units in its subtree. */
  orgUnitId: number;
  /** Where cases go whose 行政区域 names no unit of the subtree (or is empty or ambiguous). */
  defaultOrgUnitId?: number;
  /** Used when the table has no batch column (else the title's 第N批). */
  batchNo?: string;
  /** Used when the table has no handover-date column (else the date inside the case id). */
  handedOverAt?: string;
  /** The user's column mapping; the suggested one when absent. */
  mapping?: CaseColumnMapping;
}

export interface PlannedCase extends CaseDraft {
  orgUnitId: number;
  orgUnitName: string;
  deadline: string;
  targetKey: string | null;
  repeat: RepeatLink | null;
}

export interface CaseImportPlan {
  fileName: string;
  parsed: Omit<ParsedCaseBatch, 'rows'>;
  mapping: CaseColumnMapping;
  importingUnit: OrgUnit;
  batches: { batchNo: string; handedOverAt: string; existingBatchId: number | null; count: number }[];
  cases: PlannedCase[];
  errors: RowError[];
  warnings: CaseBatchWarning[];
}

const notFound = (id: number) => new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${id} 的单位`);

export async function planCaseImport(ctx: AppContext, access: Access, file: { name: string; data: Uint8Array }, opts: CaseImportOptions): Promise<CaseImportPlan> {
  const importing = await getOrgUnitById(ctx.db, opts.orgUnitId).catch(ifNotFound(() => { throw notFound(opts.orgUnitId); }));
  assertAt(access, 'writeLedger', importing.path, notFound(opts.orgUnitId));
  await getRelatedInspection(ctx.db, access, opts.inspectionId);
  const units = await listOrgUnits(ctx.db, importing.path);
  const fallback = opts.defaultOrgUnitId === undefined ? undefined : units.find((u) => u.id === opts.defaultOrgUnitId);
  if (opts.defaultOrgUnitId !== undefined && !fallback) {
    throw new AppError('VALIDATION_FAILED', `默认单位须是“${importing.name}”或其下属单位`);
  }

  // Read in the parse pool, off the main thread and under the sheet budgets.
  const parsed = await runParseJob(ctx, 'case-batch', file, {});
  const mapping = opts.mapping ?? parsed.suggestedMapping;
  const { drafts, errors } = readCaseRows(parsed, mapping, { batchNo: opts.batchNo ?? parsed.titleBatchNo, handedOverAt: opts.handedOverAt });

  const existing = await findExistingCaseNos(ctx.db, opts.inspectionId, drafts.map((d) => d.caseNo));
  const settings = await readSettings(ctx.db, 'cases');
  const placed: (CaseDraft & { unit: OrgUnit })[] = [];
  for (const d of drafts) {
    if (existing.has(d.caseNo)) { errors.push({ row: d.row, field: 'caseNo', message: `第${d.row}行：受理编号 ${d.caseNo} 已在本轮督察中导入过` }); continue; }
    const match = matchRegion(d.regionText, units);
    const unit = match && 'unit' in match ? units.find((u) => u.id === match.unit.id) : fallback;
    if (!unit) {
      const why = !d.regionText ? '没有填写行政区域'
        : match && 'ambiguous' in match ? `行政区域“${d.regionText}”同时对应 ${match.ambiguous.map((u) => u.name).join('、')}`
          : `行政区域“${d.regionText}”不在“${importing.name}”的下属单位中`;
      errors.push({ row: d.row, field: 'region', message: `第${d.row}行：${why}，请修改或指定默认单位` });
      continue;
    }
    placed.push({ ...d, unit });
  }
  if (placed.some((d) => d.complainantName || d.complainantContact) && !ctx.config.secretKey) {
    errors.push({ row: null, message: '表中有举报人姓名或联系方式，但系统未配置 SECRET_KEY，无法加密保存：请部署方设置 SECRET_KEY 后再导入' });
  }

  const repeats = await detectRepeats(ctx.db, placed.map((d) => ({ caseNo: d.caseNo, orgUnitId: d.unit.id, targetName: d.targetName, content: d.content })), settings);
  const cases: PlannedCase[] = placed.map((d, i) => {
    const { unit, ...draft } = d;
    return {
      ...draft, orgUnitId: unit.id, orgUnitName: unit.name, targetKey: repeats[i]!.targetKey, repeat: repeats[i]!.link,
      deadline: addDaysOfKind(d.handedOverAt, settings.handlingDays, settings.handlingDayKind),
    };
  });

  const batches: CaseImportPlan['batches'] = [];
  for (const c of cases) {
    const b = batches.find((x) => x.batchNo === c.batchNo);
    if (b) { b.count++; continue; }
    const found = await findCaseBatch(ctx.db, opts.inspectionId, importing.id, c.batchNo);
    batches.push({ batchNo: c.batchNo, handedOverAt: found?.handedOverAt ?? c.handedOverAt, existingBatchId: found?.id ?? null, count: 1 });
  }
  const { rows: _rows, ...header } = parsed;
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { fileName: file.name, parsed: header, mapping, importingUnit: importing, batches, cases, errors, warnings: parsed.warnings };
}
