/** Reading closure procedures: one with its steps and objections, a subject's history, and what awaits the reader's unit. */
import type { AppContext } from '../context.js';
import { can } from '../../core/roles.js';
import type { ClosureState } from '../../core/closure.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { listClosureSteps, listClosuresAcceptedBy, listClosuresOfSubject, listClosuresReopening, listObjections, type Closure } from '../../db/closures.repository.js';
import type { Access } from '../access.js';
import { closureSubjectAdapter } from './subjects.js';
import { loadProcedure } from './procedure.js';

export async function getClosureView(ctx: AppContext, access: Access, closureId: number) {
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProcedure(tx, access, closureId);
    return {
      closure: p.closure,
      subject: { type: p.closure.subjectType, id: p.subject.id, label: p.subject.label, orgUnitId: p.subject.orgUnitId, isLongTerm: p.subject.isLongTerm },
      acceptingUnit: { id: p.acceptingUnit.id, name: p.acceptingUnit.name, kind: p.acceptingUnit.kind },
      steps: await listClosureSteps(tx, closureId),
      objections: await listObjections(tx, closureId),
      reopenedBy: (await listClosuresReopening(tx, closureId)).map((c) => c.id),
      mayDecide: access.memberships.some((m) => m.orgUnitId === p.acceptingUnit.id && (m.role === 'reviewer' || m.role === 'admin')),
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
    const subject = await closureSubjectAdapter(c.subjectType).load(ctx.db, c.subjectId).catch(() => null);
    if (subject) out.push({ ...c, subjectLabel: subject.label, acceptingUnitName: (await getOrgUnitById(ctx.db, c.acceptingOrgId ?? subject.orgUnitId)).name });
  }
  return out;
}
