/**
 * Applying for acceptance and closure (申请验收销号): the responsible unit applies once the work is done, with its
 * evidence dossier as it stands at that moment (snapshotted with hashes), and for a long-term task its lasting
 * mechanism. The accepting unit is fixed now from the configured level ("谁验收谁负责").
 */
import type { AppContext } from '../context.js';
import type { Tx } from '../../db/database.js';
import { AppError } from '../../core/errors.js';
import { acceptanceStagesOf, nextClosureState } from '../../core/closure.js';
import { ApplyClosureSchema, type ApplyClosureInput } from '../../core/closure-inputs.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { ancestorIds, getOrgUnitById } from '../../db/org-units.repository.js';
import { findOpenClosure, getClosure, insertClosure, insertClosureStep, updateClosure, type Closure, type EvidenceRef } from '../../db/closures.repository.js';
import { assertAt, type Access } from '../access.js';
import { readSettings } from '../settings.js';
import { enqueueClosureEvent } from '../follow-up-jobs.js';
import { closureSubjectAdapter } from './subjects.js';
import { isUniqueViolation } from '../../db/db-errors.js';

function pickDossier(all: EvidenceRef[], ids: readonly number[] | undefined): EvidenceRef[] {
  if (ids === undefined) return all;
  const byId = new Map(all.map((e) => [e.id, e]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw new AppError('EVIDENCE_NOT_FOUND', `没有编号为 ${missing.join('、')} 的佐证材料（须为本事项的材料）`, { missing });
  return [...new Set(ids)].map((id) => byId.get(id)!);
}

/** A second application racing this one trips the unique index of open procedures: say so plainly. */
async function insertOrExplain(tx: Tx, values: Parameters<typeof insertClosure>[1]): Promise<number> {
  try {
    return await insertClosure(tx, values);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', '该事项已有进行中的验收销号程序');
    throw error;
  }
}

export async function applyForClosure(ctx: AppContext, access: Access, raw: ApplyClosureInput): Promise<Closure> {
  const input = ApplyClosureSchema.parse(raw);
  const adapter = closureSubjectAdapter(input.subjectType);
  return ctx.db.transaction().execute(async (tx) => {
    const subject = await adapter.load(tx, input.subjectId);
    assertAt(access, 'writeProgress', subject.orgPath, adapter.notFound(input.subjectId));
    const open = await findOpenClosure(tx, adapter.type, subject.id);
    nextClosureState(open?.state ?? null, 'apply');
    const notReady = await adapter.readiness(tx, subject.id);
    if (notReady) throw new AppError('INVALID_TRANSITION', `不能申请验收销号：${notReady}`);
    const mechanism = input.longTermMechanism ?? null;
    if (subject.isLongTerm && !mechanism) throw new AppError('VALIDATION_FAILED', '长期坚持的任务申请销号须写明已建立的长效机制');
    const dossier = pickDossier(await adapter.evidence(tx, subject.id), input.evidenceIds);
    if (dossier.length === 0) throw new AppError('EVIDENCE_REQUIRED', '申请验收销号须附佐证材料，请先上传');

    const settings = await readSettings(tx, adapter.settingsKey);
    const chain = await Promise.all(ancestorIds({ path: subject.orgPath }).reverse().map((id) => getOrgUnitById(tx, id)));
    // The chain the inspection or plan defines, else the deployment's level; never the holder itself.
    const levels = (await adapter.acceptanceChain?.(tx, subject.id)) ?? [settings.acceptanceLevel];
    const stages = acceptanceStagesOf(chain, levels);
    const accepting = stages[0]!.unit;
    const fields = {
      level: stages.at(-1)!.level, acceptingOrgId: accepting.id, longTermMechanism: mechanism,
      stages: stages.map((s) => ({ level: s.level, orgUnitId: s.unit.id })), stageIndex: 0,
    };
    // After a relapse the reopened procedure carries on (it keeps the link to the closure that relapsed).
    const closureId = open
      ? (await updateClosure(tx, open.id, open.version, { ...fields, state: 'applied' })).id
      : await insertOrExplain(tx, { ...fields, subjectType: adapter.type, subjectId: subject.id, state: 'applied', reopenedFromId: null });
    const stepId = await insertClosureStep(tx, { closureId, step: 'apply', actorId: access.actor.id, decision: `由${stages.map((s) => s.unit.name).join(' → ')}验收`, comment: input.comment ?? null, evidence: dossier });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'closure.apply', entityType: 'closure', entityId: closureId, assignmentId: subject.assignmentId, orgUnitId: subject.orgUnitId,
      before: { state: open?.state ?? null },
      after: { state: 'applied', subject: subject.label, acceptingOrgId: accepting.id, stages: fields.stages, level: fields.level, evidence: dossier.map((e) => e.id), longTermMechanism: mechanism },
    });
    await enqueueClosureEvent(tx, closureId, 'apply', stepId);
    return getClosure(tx, closureId);
  });
}
