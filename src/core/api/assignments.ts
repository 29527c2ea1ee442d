/** A task's share at a unit (任务分解), and the ledger's row of one. */
import { z } from 'zod';
import { SCHEDULE_STATUSES } from '../schedule.js';
import { STATUS_CODES } from '../status.js';
import { DEADLINE_KINDS, WARNING_COLORS, pageOf } from './common.js';
import { ReasonSchema } from './reason.js';

export const AssignmentSchema = z.object({
  id: z.number(), taskId: z.number(), orgUnitId: z.number(), parentId: z.number().nullable(),
  statusText: z.string().nullable(), statusCode: z.enum(STATUS_CODES).nullable(), isCompleted: z.boolean(), isClosed: z.boolean(), isLongTerm: z.boolean(),
  completedAt: z.string().nullable(), closedAt: z.string().nullable(),
  deadlineKind: z.enum(DEADLINE_KINDS), deadlineDate: z.string().nullable(), responsiblePerson: z.string().nullable(),
  scheduleStatus: z.enum(SCHEDULE_STATUSES).nullable(), warning: z.enum(WARNING_COLORS).nullable(), warningReason: z.string().nullable(),
  /** The reason as codes (core/reason-text.ts); null on rows from before migration 021 (show warningReason). */
  warningReasonCode: ReasonSchema.nullable(),
  overrideStatus: z.enum(SCHEDULE_STATUSES).nullable(), overrideReason: z.string().nullable(), latestProgress: z.string().nullable(),
  updatedAt: z.string(), version: z.number(),
});
export type AssignmentView = z.infer<typeof AssignmentSchema>;

/** The domain's assignment: the answer plus who set the schedule override and when (kept for the audit, not shown). */
export type Assignment = AssignmentView & { overrideBy: number | null; overrideAt: string | null };

/** One row of the ledger (the filtered list of assignments with their task's and unit's names). */
export const LedgerRowSchema = z.object({
  id: z.number(), taskId: z.number(), taskCode: z.string(), taskNumber: z.number().nullable(), problem: z.string(), category: z.string().nullable(),
  orgUnitId: z.number(), orgUnitName: z.string(), inspectionId: z.number(), inspectionName: z.string(),
  statusText: z.string().nullable(), scheduleStatus: z.enum(SCHEDULE_STATUSES).nullable(), warning: z.enum(WARNING_COLORS).nullable(), warningReason: z.string().nullable(),
  /** The reason as codes (core/reason-text.ts); null on rows from before migration 021 (show warningReason). */
  warningReasonCode: ReasonSchema.nullable(),
  deadlineKind: z.enum(DEADLINE_KINDS), deadlineDate: z.string().nullable(),
  isCompleted: z.boolean(), isClosed: z.boolean(), isLongTerm: z.boolean(),
  responsiblePerson: z.string().nullable(), latestProgress: z.string().nullable(), updatedAt: z.string(), version: z.number(),
});
export type LedgerRow = z.infer<typeof LedgerRowSchema>;
export const LedgerPageSchema = pageOf(LedgerRowSchema);
