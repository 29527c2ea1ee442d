/** Shapes shared by the workbench, the round's page and the notification bell (imported by the web app too). */
import { z } from 'zod';

/** 催办: one unit of the round, or every unit that still owes a report. */
export const UrgeRoundSchema = z.object({ orgUnitId: z.number().int().positive().optional() });
export type UrgeRoundInput = z.infer<typeof UrgeRoundSchema>;

const ReportRef = z.object({ id: z.number().int().positive(), version: z.number().int().positive() });

/**
 * Batch review of a round's reports: accept all selected, or return all with one reason. All or nothing: one
 * transaction, so a report that cannot be reviewed (changed meanwhile, reviewed by someone else, the reviewer's own)
 * leaves every selected report as it was, and the error names it.
 */
export const BatchReviewSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), reports: z.array(ReportRef).min(1, '请至少选择一份报告').max(200), comment: z.string().trim().max(2000).nullish() }),
  z.object({ action: z.literal('return'), reports: z.array(ReportRef).min(1, '请至少选择一份报告').max(200), reason: z.string().trim().min(2, '请写明退回理由').max(2000) }),
]);
export type BatchReviewInput = z.infer<typeof BatchReviewSchema>;
