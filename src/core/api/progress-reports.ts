/** A progress report (进展报告) on an assignment, as the API answers it. */
import { z } from 'zod';

export const ReportClaimsSchema = z.object({
  milestones: z.array(z.object({ milestoneId: z.number(), doneDate: z.string(), previous: z.string().nullable() })),
  indicators: z.array(z.object({ indicatorId: z.number(), value: z.number() })),
});

export const ProgressReportSchema = z.object({
  id: z.number(), assignmentId: z.number(), roundId: z.number().nullable(), periodLabel: z.string().nullable(), asOf: z.string(),
  progress: z.string().nullable(), problems: z.string().nullable(), nextSteps: z.string().nullable(), statusText: z.string().nullable(),
  statusCode: z.string().nullable(), state: z.string(), source: z.string(), submittedBy: z.number().nullable(), submittedAt: z.string().nullable(),
  reviewedBy: z.number().nullable(), reviewedAt: z.string().nullable(), reviewComment: z.string().nullable(), evidenceIds: z.array(z.number()),
  claims: ReportClaimsSchema,
  version: z.number(),
});
export type ProgressReportView = z.infer<typeof ProgressReportSchema>;

/** One step of a report's own history (from the audit trail): returns and their reasons stay after a later acceptance. */
export const ReportStepSchema = z.object({ at: z.string(), step: z.enum(['submit', 'resubmit', 'return', 'accept']), actorName: z.string(), text: z.string().nullable() });
export type ReportHistoryEntry = z.infer<typeof ReportStepSchema>;

/** A report on the task page: the report with its steps. */
export const ProgressReportWithStepsSchema = ProgressReportSchema.extend({ steps: z.array(ReportStepSchema) });
