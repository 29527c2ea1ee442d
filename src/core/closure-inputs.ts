/** The inputs of the closure procedure's steps, one zod schema each (server validation, web forms, API docs). */
import { z } from 'zod';

const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Id = z.number().int().positive();
const Comment = z.string().trim().max(5000).nullish();

export const ApplyClosureSchema = z.object({
  /** 'assignment', or another registered subject type ('case'). */
  subjectType: z.string().min(1).max(40),
  subjectId: Id,
  /** The dossier: evidence ids of the subject; all of its evidence when absent. */
  evidenceIds: z.array(Id).max(500).optional(),
  /** The lasting mechanism (长效机制); required for long-term tasks. */
  longTermMechanism: z.string().trim().max(5000).nullish(),
  comment: Comment,
});
export type ApplyClosureInput = z.input<typeof ApplyClosureSchema>;

export const ClosureStepSchema = z.object({ version: Id, comment: Comment });
export const ClosureReasonSchema = z.object({ version: Id, reason: z.string().trim().min(2, '请写明理由').max(5000) });
export const StartNoticeSchema = z.object({
  version: Id,
  /** First day of the notice (default today); not before the acceptance. */
  startDate: DateText.optional(),
  /** Where it is published: 政府网站, 报纸 … */
  comment: Comment,
});
export const RecordObjectionSchema = z.object({ version: Id, content: z.string().trim().min(2, '请填写异议内容').max(10_000), receivedAt: DateText.optional() });
export const AnswerObjectionSchema = z.object({ version: Id, answer: z.string().trim().min(2, '请填写答复').max(10_000), upheld: z.boolean() });

/** An acceptance decision, with the day it was taken when recorded afterwards (not before the application). */
export const DecisionSchema = ClosureStepSchema.extend({ decidedOn: DateText.optional() });
export const DecisionReasonSchema = ClosureReasonSchema.extend({ decidedOn: DateText.optional() });
/** A sampling check (抽查) of an accepted closure by the level above: its opinion. */
export const SampleSchema = z.object({ version: Id, opinion: z.string().trim().min(2, '请填写抽查意见').max(5000) });
