/** The assignment as the resource API shows it (whitelisted), shared by the task and assignment routes. */
import { z } from 'zod';
import type { Assignment } from '../db/assignments.repository.js';
import { SCHEDULE_STATUSES } from '../core/schedule.js';
import { REASON_KEYS, type ReasonPart } from '../core/reason-text.js';

/** A reason as codes with parameters (core/reason-text.ts): clients word it from `k` and `p`; `sub` nests a reason. */
export const ReasonPartSchema: z.ZodType<ReasonPart> = z.lazy(() => z.object({
  k: z.enum(REASON_KEYS), p: z.record(z.string(), z.union([z.string(), z.number()])).optional(), sub: z.array(ReasonPartSchema).optional(),
}));
export const ReasonSchema = z.array(ReasonPartSchema).readonly();

export const AssignmentSchema = z.object({
  id: z.number(), taskId: z.number(), orgUnitId: z.number(), parentId: z.number().nullable(),
  statusText: z.string().nullable(), statusCode: z.string().nullable(), isCompleted: z.boolean(), isClosed: z.boolean(), isLongTerm: z.boolean(),
  completedAt: z.string().nullable(), closedAt: z.string().nullable(),
  deadlineKind: z.enum(['immediate', 'by_date', 'long_term', 'unknown']), deadlineDate: z.string().nullable(), responsiblePerson: z.string().nullable(),
  scheduleStatus: z.enum(SCHEDULE_STATUSES).nullable(), warning: z.enum(['red', 'yellow', 'green']).nullable(), warningReason: z.string().nullable(),
  warningReasonCode: ReasonSchema.nullable(),
  overrideStatus: z.enum(SCHEDULE_STATUSES).nullable(), overrideReason: z.string().nullable(), latestProgress: z.string().nullable(),
  updatedAt: z.string(), version: z.number(),
});

export function presentAssignment(a: Assignment): z.infer<typeof AssignmentSchema> {
  return {
    id: a.id, taskId: a.taskId, orgUnitId: a.orgUnitId, parentId: a.parentId, statusText: a.statusText, statusCode: a.statusCode,
    isCompleted: a.isCompleted, isClosed: a.isClosed, isLongTerm: a.isLongTerm, completedAt: a.completedAt, closedAt: a.closedAt,
    deadlineKind: a.deadlineKind, deadlineDate: a.deadlineDate, responsiblePerson: a.responsiblePerson, scheduleStatus: a.scheduleStatus,
    warning: a.warning, warningReason: a.warningReason, warningReasonCode: a.warningReasonCode, overrideStatus: a.overrideStatus, overrideReason: a.overrideReason,
    latestProgress: a.latestProgress, updatedAt: a.updatedAt, version: a.version,
  };
}
