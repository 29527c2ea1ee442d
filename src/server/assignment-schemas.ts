/** The assignment as the resource API shows it (whitelisted), shared by the task and assignment routes. */
import type { z } from 'zod';
import type { Assignment } from '../core/api/assignments.js';
import { AssignmentSchema } from '../core/api/assignments.js';

export { AssignmentSchema };
export { ReasonPartSchema, ReasonSchema } from '../core/api/reason.js';

export function presentAssignment(a: Assignment): z.infer<typeof AssignmentSchema> {
  return {
    id: a.id, taskId: a.taskId, orgUnitId: a.orgUnitId, parentId: a.parentId, statusText: a.statusText, statusCode: a.statusCode,
    isCompleted: a.isCompleted, isClosed: a.isClosed, isLongTerm: a.isLongTerm, completedAt: a.completedAt, closedAt: a.closedAt,
    deadlineKind: a.deadlineKind, deadlineDate: a.deadlineDate, responsiblePerson: a.responsiblePerson, scheduleStatus: a.scheduleStatus,
    warning: a.warning, warningReason: a.warningReason, warningReasonCode: a.warningReasonCode, overrideStatus: a.overrideStatus, overrideReason: a.overrideReason,
    latestProgress: a.latestProgress, updatedAt: a.updatedAt, version: a.version,
  };
}
