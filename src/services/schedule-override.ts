/**
 * A person's judgement over the computed schedule status (人工认定): a reviewer or administrator sets a status with a
 * reason, or clears it. The computed status is kept beside it; the override decides the warning; both are audited.
 */
import { z } from 'zod';
import type { AppContext } from './context.js';
import { AppError, ifNotFound } from '../core/errors.js';
import { SCHEDULE_STATUSES } from '../core/schedule.js';
import { assertNotClosed } from '../core/closure.js';
import { appendAuditEvent } from '../db/audit.repository.js';
import { getAssignmentById, updateAssignment } from '../db/assignments.repository.js';
import type { Assignment } from '../core/api/assignments.js';
import { getOrgUnitById } from '../db/org-units.repository.js';
import { nowIso } from '../db/clock.js';
import { assertAt, type Access } from './access.js';
import { refreshSchedule, today } from './schedule.js';

/** Closed and unknown are facts of the procedure and of the data, not judgements. */
const OVERRIDABLE = SCHEDULE_STATUSES.filter((s) => s !== 'closed' && s !== 'unknown') as [typeof SCHEDULE_STATUSES[number], ...typeof SCHEDULE_STATUSES[number][]];

export const ScheduleOverrideSchema = z.object({
  status: z.enum(OVERRIDABLE),
  reason: z.string().trim().min(2, '请写明认定理由').max(1000),
  version: z.number().int().positive(),
});

const notFound = (id: number) => new AppError('ASSIGNMENT_NOT_FOUND', `找不到编号为 ${id} 的任务分解`);

async function change(ctx: AppContext, access: Access, id: number, version: number, override: { status: string; reason: string } | null): Promise<Assignment> {
  return ctx.db.transaction().execute(async (tx) => {
    const a = await getAssignmentById(tx, id).catch(ifNotFound(() => { throw notFound(id); }));
    assertAt(access, 'review', (await getOrgUnitById(tx, a.orgUnitId)).path, notFound(id));
    assertNotClosed(a);
    if (!override && !a.overrideStatus) throw new AppError('INVALID_TRANSITION', '该任务没有人工认定的状态可清除');
    await updateAssignment(tx, id, version, override
      ? { overrideStatus: override.status as Assignment['overrideStatus'], overrideReason: override.reason, overrideBy: access.actor.id, overrideAt: nowIso() }
      : { overrideStatus: null, overrideReason: null, overrideBy: null, overrideAt: null });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: override ? 'schedule.override' : 'schedule.override_clear', entityType: 'assignment', entityId: id, assignmentId: id, orgUnitId: a.orgUnitId,
      before: { overrideStatus: a.overrideStatus, overrideReason: a.overrideReason, computed: a.scheduleStatus },
      after: override ? { overrideStatus: override.status, overrideReason: override.reason } : { overrideStatus: null },
    });
    return refreshSchedule(tx, id, today());
  });
}

export async function setScheduleOverride(ctx: AppContext, access: Access, assignmentId: number, raw: z.input<typeof ScheduleOverrideSchema>): Promise<Assignment> {
  const input = ScheduleOverrideSchema.parse(raw);
  return change(ctx, access, assignmentId, input.version, { status: input.status, reason: input.reason });
}

export async function clearScheduleOverride(ctx: AppContext, access: Access, assignmentId: number, version: number): Promise<Assignment> {
  return change(ctx, access, assignmentId, version, null);
}
