/** Reading closure procedures: one with its steps and objections, a subject's history, and what awaits the reader's unit. */
import type { AppContext } from '../context.js';
import { can } from '../../core/roles.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import type { ClosureState } from '../../core/closure.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { getApprovedContent, listClosureSteps, listClosuresAcceptedBy, listClosuresOfSubject, listClosuresReopening, listObjections, type Closure } from '../../db/closures.repository.js';
import type { Access } from '../access.js';
import { closureSubjectAdapter } from './subjects.js';
import { filingUnitOf, loadProcedure } from './procedure.js';
import { STAGE_LABELS, CLOSURE_ACTION_LABELS } from '../../core/closure.js';
import type { ClosureStep, Closure as ClosureRecord } from '../../db/closures.repository.js';
import type { OrgUnit } from '../../core/api/org-units.js';

/** One step of the chain as the task page shows it: who, when, opinion and documents once taken. */
export interface ChainStep {
  key: string;
  label: string;
  unitName: string;
  status: 'done' | 'current' | 'pending' | 'returned';
  actorName: string | null;
  at: string | null;
  opinion: string | null;
  comment: string | null;
  evidence: { id: number; sha256: string; name: string }[];
}

/**
 * The chain of one procedure: application (自验) → each acceptance stage → 公示 → 销号 → 备案 with the level above,
 * then any 抽查; each with the step that fulfilled it, the one due now, and those still ahead.
 */
export function chainOf(c: ClosureRecord, steps: readonly ClosureStep[], units: ReadonlyMap<number, OrgUnit>, holder: OrgUnit, above: OrgUnit | null, closer: OrgUnit): ChainStep[] {
  const lastApply = steps.map((s) => s.step).lastIndexOf('apply');
  const current = lastApply >= 0 ? steps.slice(lastApply) : [];
  const taken = (s: ClosureStep | undefined) => (s
    ? { actorName: s.actorName, at: s.at, opinion: s.decision, comment: s.comment, evidence: s.evidence }
    : { actorName: null, at: null, opinion: null, comment: null, evidence: [] });
  const accepts = current.filter((s) => s.step === 'accept');
  const stages = c.stages.length > 0 ? c.stages : [{ level: c.level, orgUnitId: c.acceptingOrgId ?? holder.id }];
  const planned: { key: string; label: string; unit: OrgUnit; step: ClosureStep | undefined }[] = [
    { key: 'apply', label: '自验并申请', unit: holder, step: current.find((s) => s.step === 'apply') },
    ...stages.map((st, i) => {
      const unit = units.get(st.orgUnitId) ?? closer;
      return { key: `accept-${i}`, label: stages.length > 1 ? STAGE_LABELS[unit.kind] : '验收', unit, step: accepts[i] };
    }),
    { key: 'startNotice', label: CLOSURE_ACTION_LABELS.startNotice, unit: closer, step: current.find((s) => s.step === 'startNotice') },
    { key: 'close', label: CLOSURE_ACTION_LABELS.close, unit: closer, step: current.find((s) => s.step === 'close') },
    { key: 'file', label: CLOSURE_ACTION_LABELS.file, unit: above ?? closer, step: current.find((s) => s.step === 'file') },
  ];
  const ended = ['reject', 'sendBack'].includes(current.at(-1)?.step ?? '') || (current.at(-1)?.step === 'answerObjection' && c.state === 'returned');
  let due = !ended;
  const out: ChainStep[] = planned.map((p) => {
    if (p.step) return { key: p.key, label: p.label, unitName: p.unit.name, status: 'done' as const, ...taken(p.step) };
    const status = due ? 'current' as const : 'pending' as const;
    due = false;
    return { key: p.key, label: p.label, unitName: p.unit.name, status, ...taken(undefined) };
  });
  if (c.state === 'reopened') return out.map((s) => ({ ...s, status: 'pending' as const }));
  // What ended the procedure early, and every sampling check, follow the planned steps.
  current.filter((s) => s.step === 'sample' || s.step === 'sendBack' || s.step === 'reject' || (s.step === 'answerObjection' && s.decision?.includes('成立，退回'))).forEach((s) => {
    const unitName = s.step === 'sample' || s.step === 'sendBack' ? (above ?? closer).name : closer.name;
    out.push({ key: `${s.step}-${s.id}`, label: CLOSURE_ACTION_LABELS[s.step as 'sample'], unitName, status: s.step === 'sample' ? 'done' : 'returned', ...taken(s) });
  });
  return out;
}

export async function getClosureView(ctx: AppContext, access: Access, closureId: number) {
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProcedure(tx, access, closureId);
    const steps = await listClosureSteps(tx, closureId);
    const above = await filingUnitOf(tx, p);
    const units = new Map<number, OrgUnit>();
    for (const st of p.closure.stages) units.set(st.orgUnitId, await getOrgUnitById(tx, st.orgUnitId));
    const holder = await getOrgUnitById(tx, p.subject.orgUnitId);
    const isMember = (unit: OrgUnit | null) => unit !== null && access.memberships.some((m) => m.orgUnitId === unit.id && (m.role === 'reviewer' || m.role === 'admin'));
    return {
      closure: p.closure,
      subject: { type: p.closure.subjectType, id: p.subject.id, label: p.subject.label, orgUnitId: p.subject.orgUnitId, isLongTerm: p.subject.isLongTerm },
      acceptingUnit: { id: p.acceptingUnit.id, name: p.acceptingUnit.name, kind: p.acceptingUnit.kind },
      steps,
      chain: chainOf(p.closure, steps, units, holder, above, p.acceptingUnit),
      objections: await listObjections(tx, closureId),
      reopenedBy: (await listClosuresReopening(tx, closureId)).map((c) => c.id),
      mayDecide: isMember(p.acceptingUnit),
      /** The level above receives the filing (the closing unit itself only at the root). */
      mayFile: isMember(above ?? p.acceptingUnit),
      maySample: above !== null && can(access.memberships, 'review', above.path),
    };
  });
}

/** Every procedure of one subject, newest first. */
export async function listSubjectClosures(ctx: AppContext, access: Access, subjectType: string, subjectId: number): Promise<Closure[]> {
  const adapter = closureSubjectAdapter(subjectType);
  const subject = await adapter.load(ctx.db, subjectId);
  if (!can(access.memberships, 'read', subject.orgPath)) throw adapter.notFound(subjectId);
  return listClosuresOfSubject(ctx.db, adapter.type, subjectId);
}

/** Procedures accepted by a unit where the reader reviews or administers (the acceptor's work list). */
export async function listClosuresToDecide(ctx: AppContext, access: Access, states?: readonly ClosureState[]) {
  const units = [...new Set(access.memberships.filter((m) => m.role === 'reviewer' || m.role === 'admin').map((m) => m.orgUnitId))];
  const closures = await listClosuresAcceptedBy(ctx.db, units, states);
  const out = [];
  for (const c of closures) {
    const subject = await closureSubjectAdapter(c.subjectType).load(ctx.db, c.subjectId).catch(ifNotFound(() => null));
    if (subject) out.push({ ...c, subjectLabel: subject.label, acceptingUnitName: (await getOrgUnitById(ctx.db, c.acceptingOrgId ?? subject.orgUnitId)).name });
  }
  return out;
}

/** The frozen content of a closed procedure (销号审批表); refused before 销号. */
export async function getApprovalForm(ctx: AppContext, access: Access, closureId: number) {
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProcedure(tx, access, closureId);
    const content = await getApprovedContent(tx, closureId);
    if (!content) {
      throw new AppError('INVALID_TRANSITION', `该验收销号记录${p.closure.state === 'returned' ? '已退回整改' : '尚未销号'}，没有销号审批表`);
    }
    return { closure: p.closure, content };
  });
}
