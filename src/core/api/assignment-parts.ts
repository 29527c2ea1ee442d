/** The parts of an assignment shown on its page: milestones, indicators with their values, evidence files. */
import { z } from 'zod';

export const MilestoneSchema = z.object({ id: z.number(), measureId: z.number().nullable(), title: z.string(), dueDate: z.string(), doneDate: z.string().nullable(), weight: z.number(), version: z.number() });
export type MilestoneRecord = z.infer<typeof MilestoneSchema>;

export const IndicatorValueSchema = z.object({ id: z.number(), value: z.number(), asOf: z.string(), progressReportId: z.number().nullable() });
export const IndicatorSchema = z.object({
  id: z.number(), name: z.string(), unit: z.string().nullable(), baseline: z.number().nullable(), baselineDate: z.string().nullable(), target: z.number(),
  targetDate: z.string().nullable(), comparator: z.string(), version: z.number(), values: z.array(IndicatorValueSchema),
});
export type IndicatorRecord = z.infer<typeof IndicatorSchema>;

/** An evidence file as the task page lists it (downloaded through /api/evidence/:id). */
export const EvidenceRecordSchema = z.object({
  id: z.number(), sha256: z.string(), size: z.number(), mediaType: z.string(), originalName: z.string(), ownerType: z.string(), ownerId: z.number(), uploadedAt: z.string(),
});
export type EvidenceRecord = z.infer<typeof EvidenceRecordSchema>;
