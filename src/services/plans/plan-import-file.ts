/**
 * A plan table file in: the importer's right over the plan's unit and inspection is checked before the file is read
 * (a refused caller learns nothing from the file), then the table is read with the plan-table reader in the parse
 * pool (off the main thread, under the sheet budgets).
 */
import type { AppContext } from '../context.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import type { ParsedReport } from '../../core/report.js';
import type { PlanImportChoices, PlanImportExpect, PlanImportPreview, PlanImportSummary, PlanImportTarget } from '../../core/plan-import.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { assertAt, type Access } from '../access.js';
import { runParseJob } from '../parse-jobs.js';
import { getRelatedInspection } from '../plans.js';
import { previewPlanImport, type PlanFile } from './plan-import-preview.js';
import { commitPlanImport } from './plan-import-commit.js';

/** 404 unless the plan's unit and the inspection are in the caller's scope, 403 unless they administer the unit. */
export async function assertMayImportPlan(ctx: AppContext, access: Access, target: PlanImportTarget): Promise<void> {
  const notFound = new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${target.orgUnitId} 的单位`);
  const owner = await getOrgUnitById(ctx.db, target.orgUnitId).catch(ifNotFound(() => { throw notFound; }));
  assertAt(access, 'writeLedger', owner.path, notFound);
  await getRelatedInspection(ctx.db, access, target.inspectionId);
}

async function readPlanFile(ctx: AppContext, access: Access, target: PlanImportTarget, file: PlanFile): Promise<ParsedReport> {
  await assertMayImportPlan(ctx, access, target);
  return runParseJob(ctx, 'plan-table', { name: file.name, data: file.data }, {});
}

export async function previewPlanFile(ctx: AppContext, access: Access, target: PlanImportTarget, file: PlanFile, choices?: PlanImportChoices): Promise<PlanImportPreview> {
  return previewPlanImport(ctx, access, target, await readPlanFile(ctx, access, target, file), file, choices);
}

export async function importPlanFile(
  ctx: AppContext, access: Access, target: PlanImportTarget, file: PlanFile, choices: PlanImportChoices, expect: PlanImportExpect,
): Promise<PlanImportSummary> {
  return commitPlanImport(ctx, access, target, await readPlanFile(ctx, access, target, file), file, choices, expect);
}
