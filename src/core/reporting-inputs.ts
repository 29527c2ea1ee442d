/** The inputs of reporting rounds and progress reports, one zod schema each (server validation, web forms, API docs). */
import { z } from 'zod';
import { ROUND_CYCLES } from './periods.js';

const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Id = z.number().int().positive();

export const OpenRoundSchema = z.object({
  /** The unit whose subtree owes reports. */
  scopeOrgId: Id,
  /** Only assignments of this inspection owe reports; all when absent. */
  inspectionId: Id.nullish(),
  /** Defaults to the reporting setting. */
  cycle: z.enum(ROUND_CYCLES).optional(),
  /** The round covers the period of its cycle containing this date (default today). */
  referenceDate: DateText.optional(),
  /** Overrides the computed due date (period end plus the configured offset). */
  dueDate: DateText.optional(),
  name: z.string().trim().min(1).max(100).optional(),
});
export type OpenRoundInput = z.infer<typeof OpenRoundSchema>;

export const ReportContentSchema = z.object({
  /** The date the report speaks of; defaults to today (within a round: the period's end when that is earlier). */
  asOf: DateText.optional(),
  /** 工作进展 */
  progress: z.string().trim().min(1, '请填写工作进展').max(20_000),
  /** 存在问题 */
  problems: z.string().trim().max(20_000).nullish(),
  /** 下步安排 */
  nextSteps: z.string().trim().max(20_000).nullish(),
  /** Status as written: 达到序时进度, 完成整改, 未达序时进度 … */
  statusText: z.string().trim().min(1, '请填写整改状态').max(200),
  indicatorValues: z.array(z.object({ indicatorId: Id, value: z.number().finite() })).max(200)
    .refine((list) => new Set(list.map((v) => v.indicatorId)).size === list.length, '同一指标只能填报一个值').default([]),
  /** Milestones the report declares done, with the day they were done. */
  milestonesDone: z.array(z.object({ milestoneId: Id, doneDate: DateText })).max(200)
    .refine((list) => new Set(list.map((m) => m.milestoneId)).size === list.length, '同一节点只能填报一次').default([]),
  /** Evidence files (already uploaded for this assignment) the report cites. */
  evidenceIds: z.array(Id).max(200).default([]),
});
export type ReportContentInput = z.input<typeof ReportContentSchema>;
export type ReportContentFields = z.output<typeof ReportContentSchema>;

export const SubmitReportSchema = ReportContentSchema.extend({
  /** The round the report answers; an ad-hoc report (or a follow-up of a closed long-term task) has none. */
  roundId: Id.nullish(),
});
export type SubmitReportInput = z.input<typeof SubmitReportSchema>;

export const ResubmitReportSchema = ReportContentSchema.extend({ version: Id });
export type ResubmitReportInput = z.input<typeof ResubmitReportSchema>;

export const AcceptReportSchema = z.object({ version: Id, comment: z.string().trim().max(2000).nullish() });
export const ReturnReportSchema = z.object({ version: Id, reason: z.string().trim().min(2, '请写明退回理由').max(2000) });
