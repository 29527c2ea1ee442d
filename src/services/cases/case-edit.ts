/**
 * Creating a case by hand (one that came by another channel, or a batch typed in) and editing a case's handover
 * details at the version the editor saw. Personal details are sealed on the way in; the audit trail records that
 * they changed, never what they are; texts in the trail are redacted.
 */
import type { AppContext } from '../context.js';
import type { Tx } from '../../db/database.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import type { CaseSource } from '../../core/case.js';
import { normalizeCaseNo, normalizePollutionType } from '../../core/case.js';
import { addDaysOfKind } from '../../core/workdays.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { getCaseBatchById } from '../../db/case-batches.repository.js';
import { findExistingCaseNos, getCaseById, insertCases, updateCase, type CaseUpdate, type ComplaintCase } from '../../db/cases.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import type { OrgUnit } from '../../core/api/org-units.js';
import { assertAt, assertMay, type Access } from '../access.js';
import { can } from '../../core/roles.js';
import { readSettings } from '../settings.js';
import { caseNotFound, getCaseInScope } from './case-access.js';
import { sealPersonal } from './personal-data.js';
import { keepIfUnchanged, redactorFor, redactText } from './redact.js';
import { detectRepeats } from './repeats.js';

export interface CaseDetailsInput {
  caseNo: string;
  orgUnitId: number;
  regionText?: string | null;
  targetName?: string | null;
  content: string;
  pollutionType?: string | null;
  source?: CaseSource | null;
  isKey?: boolean;
  /** Undefined leaves them as they are (on edit); null removes them. */
  complainantName?: string | null;
  complainantContact?: string | null;
  deadline?: string | null;
}

type Change = 'added' | 'changed' | 'removed';
const personalChange = (had: boolean, next: string | null | undefined): Change | undefined =>
  next === undefined ? undefined : next === null ? (had ? 'removed' : undefined) : had ? 'changed' : 'added';

/** The unit a case goes to must lie under the batch's unit, and the actor must administer it. */
async function unitFor(tx: Tx, access: Access, batchOrgId: number, orgUnitId: number): Promise<OrgUnit> {
  const batchUnit = await getOrgUnitById(tx, batchOrgId);
  const unit = await getOrgUnitById(tx, orgUnitId);
  assertAt(access, 'writeLedger', unit.path, new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${orgUnitId} 的单位`));
  if (!unit.path.startsWith(batchUnit.path)) throw new AppError('VALIDATION_FAILED', `信访件的责任单位须是“${batchUnit.name}”或其下属单位`);
  return unit;
}

export async function createCase(ctx: AppContext, access: Access, batchId: number, input: CaseDetailsInput): Promise<ComplaintCase> {
  return ctx.db.transaction().execute(async (tx) => {
    const batch = await getCaseBatchById(tx, batchId);
    // Another unit's batch answers as a missing one: its unit, state or name must not show through the checks below.
    if (!can(access.memberships, 'read', (await getOrgUnitById(tx, batch.orgUnitId)).path)) throw new AppError('NOT_FOUND', `找不到编号为 ${batchId} 的交办批次`);
    await unitFor(tx, access, batch.orgUnitId, input.orgUnitId);
    const caseNo = normalizeCaseNo(input.caseNo);
    if ((await findExistingCaseNos(tx, batch.inspectionId, [caseNo])).size > 0) {
      throw new AppError('ALREADY_EXISTS', `受理编号 ${caseNo} 已在本轮督察中登记过`);
    }
    const settings = await readSettings(tx, 'cases');
    const [repeat] = await detectRepeats(tx, [{ caseNo, orgUnitId: input.orgUnitId, targetName: input.targetName ?? null, content: input.content }], settings);
    const [id] = await insertCases(tx, [{
      batch_id: batch.id, case_no: caseNo, org_unit_id: input.orgUnitId, region_text: input.regionText ?? null, target_name: input.targetName ?? null,
      content: input.content, pollution_type: normalizePollutionType(input.pollutionType), source: input.source ?? null, is_key: input.isKey ? 1 : 0,
      complainant_name_enc: sealPersonal(ctx.config, 'complainant_name', input.complainantName ?? null),
      complainant_contact_enc: sealPersonal(ctx.config, 'complainant_contact', input.complainantContact ?? null),
      deadline: input.deadline ?? addDaysOfKind(batch.handedOverAt, settings.handlingDays, settings.handlingDayKind), state: 'handling',
      target_key: repeat!.targetKey, repeat_of_case_id: repeat!.link?.caseId ?? null, repeat_reason: repeat!.link?.reason ?? null, repeat_score: repeat!.link?.score ?? null,
    }]);
    const created = await getCaseById(tx, id!);
    const known = [input.complainantName ?? null, input.complainantContact ?? null];
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'case.create', entityType: 'case', entityId: id!, orgUnitId: created.orgUnitId,
      after: {
        caseNo, batchId: batch.id, orgUnitId: created.orgUnitId, targetName: redactText(created.targetName, known), content: redactText(created.content, known),
        deadline: created.deadline, repeatOfCaseId: created.repeatOfCaseId, complainantName: created.hasComplainantName ? 'added' : undefined,
        complainantContact: created.hasComplainantContact ? 'added' : undefined,
      },
    });
    return created;
  });
}

export interface CasePatch extends Partial<CaseDetailsInput> {
  /** A manual repeat link (null clears it). */
  repeatOfCaseId?: number | null;
}

export async function updateCaseDetails(ctx: AppContext, access: Access, id: number, version: number, patch: CasePatch): Promise<ComplaintCase> {
  return ctx.db.transaction().execute(async (tx) => {
    const { complaint, unit } = await getCaseInScope(tx, access, id);
    assertMay(access, 'writeLedger', unit.path);
    for (const field of ['complainantName', 'complainantContact'] as const) {
      // A masked value (李** / 138****1234) sent back would overwrite the details with their mask.
      if (/\*\*|＊/.test(patch[field] ?? '')) {
        throw new AppError('VALIDATION_FAILED', '举报人信息是遮盖后的显示值（含 *），不能作为新值保存：请填写完整信息，或不修改此项', [{ field, message: '含遮盖符号' }]);
      }
    }
    if (patch.content !== undefined || patch.targetName !== undefined) {
      // Texts sent back as they were shown (redacted) keep what is stored.
      const shown = await redactorFor(ctx, tx, [id]);
      patch = { ...patch, content: keepIfUnchanged(shown, id, complaint.content, patch.content) ?? undefined, targetName: keepIfUnchanged(shown, id, complaint.targetName, patch.targetName) };
    }
    if (patch.orgUnitId !== undefined && patch.orgUnitId !== complaint.orgUnitId) {
      await unitFor(tx, access, (await getCaseBatchById(tx, complaint.batchId)).orgUnitId, patch.orgUnitId);
    }
    const columns: CaseUpdate = {
      case_no: patch.caseNo === undefined ? undefined : normalizeCaseNo(patch.caseNo), org_unit_id: patch.orgUnitId, region_text: patch.regionText,
      target_name: patch.targetName, content: patch.content, source: patch.source, is_key: patch.isKey === undefined ? undefined : patch.isKey ? 1 : 0,
      pollution_type: patch.pollutionType === undefined ? undefined : normalizePollutionType(patch.pollutionType), deadline: patch.deadline,
      complainant_name_enc: patch.complainantName === undefined ? undefined : sealPersonal(ctx.config, 'complainant_name', patch.complainantName),
      complainant_contact_enc: patch.complainantContact === undefined ? undefined : sealPersonal(ctx.config, 'complainant_contact', patch.complainantContact),
    };
    if (patch.repeatOfCaseId !== undefined) {
      if (patch.repeatOfCaseId !== null) {
        if (patch.repeatOfCaseId === id) throw new AppError('VALIDATION_FAILED', '信访件不能标记为重复自身');
        await getCaseInScope(tx, access, patch.repeatOfCaseId).catch(ifNotFound(() => { throw caseNotFound(patch.repeatOfCaseId!); }));
      }
      Object.assign(columns, { repeat_of_case_id: patch.repeatOfCaseId, repeat_reason: patch.repeatOfCaseId === null ? null : 'manual', repeat_score: null });
    } else if ((patch.targetName !== undefined || patch.content !== undefined) && complaint.repeatReason !== 'manual') {
      // The text changed: the automatic link is judged again against cases that came before this one.
      const settings = await readSettings(tx, 'cases');
      const [r] = await detectRepeats(tx, [{ caseNo: complaint.caseNo, orgUnitId: patch.orgUnitId ?? complaint.orgUnitId,
        targetName: patch.targetName === undefined ? complaint.targetName : patch.targetName, content: patch.content ?? complaint.content }], settings, { beforeCaseId: id });
      Object.assign(columns, { target_key: r!.targetKey, repeat_of_case_id: r!.link?.caseId ?? null, repeat_reason: r!.link?.reason ?? null, repeat_score: r!.link?.score ?? null });
    }
    // Texts in the trail are redacted with the complainant's details as they were and as they are now.
    const redactOld = await redactorFor(ctx, tx, [id]);
    const updated = await updateCase(tx, id, version, columns);
    const redactNew = await redactorFor(ctx, tx, [id]);
    const redact = (text: string | null) => redactNew(id, redactOld(id, text));
    const changed = Object.fromEntries(Object.entries({
      caseNo: patch.caseNo, orgUnitId: patch.orgUnitId, regionText: patch.regionText, isKey: patch.isKey, source: patch.source, deadline: patch.deadline,
      pollutionType: patch.pollutionType, repeatOfCaseId: patch.repeatOfCaseId,
      targetName: patch.targetName === undefined ? undefined : redact(patch.targetName),
      content: patch.content === undefined ? undefined : redact(patch.content),
      complainantName: personalChange(complaint.hasComplainantName, patch.complainantName),
      complainantContact: personalChange(complaint.hasComplainantContact, patch.complainantContact),
    }).filter(([, v]) => v !== undefined));
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'case.update', entityType: 'case', entityId: id, orgUnitId: updated.orgUnitId, after: changed });
    return updated;
  });
}
