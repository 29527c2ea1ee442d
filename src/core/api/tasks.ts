/** A task of a plan (整改任务), the measures of a unit's share of it, and the documents a share cites. */
import { z } from 'zod';
import { DEADLINE_KINDS } from './common.js';

export const TaskSchema = z.object({
  id: z.number(), planId: z.number(), code: z.string(), number: z.number().nullable(), sortOrder: z.number(), problem: z.string(),
  goal: z.string().nullable(), category: z.string().nullable(), deadlineKind: z.enum(DEADLINE_KINDS), deadlineDate: z.string().nullable(),
  deadlineText: z.string().nullable(), leadUnit: z.string().nullable(), responsibleUnits: z.array(z.string()),
  responsiblePerson: z.string().nullable(), supervisingUnit: z.string().nullable(), acceptingUnit: z.string().nullable(), version: z.number(),
});
export type Task = z.infer<typeof TaskSchema>;

export const MeasureSchema = z.object({
  id: z.number(), assignmentId: z.number(), ordinal: z.number().nullable(), text: z.string(), items: z.array(z.string()),
  responsibleUnit: z.string().nullable(), dueDate: z.string().nullable(), doneDate: z.string().nullable(), version: z.number(),
});
export type MeasureRecord = z.infer<typeof MeasureSchema>;

export const DocumentRefSchema = z.object({ id: z.number(), title: z.string().nullable(), number: z.string().nullable(), issuer: z.string().nullable(), issuedDate: z.string().nullable() });
export type DocumentRecord = z.infer<typeof DocumentRefSchema>;
