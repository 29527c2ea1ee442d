/** What the public reads without signing in: published reports, listed once each with their earlier versions. */
import { z } from 'zod';
import { ParsedReportSchema } from '../report.js';

export const PublishedReportRecordSchema = z.object({
  id: z.number(), orgUnitName: z.string(), inspectionName: z.string(), title: z.string(), asOf: z.string().nullable(), publishedAt: z.string(),
  /** 1, 2, … within the report: a report is a unit's on one inspection, published again as work goes on */
  version: z.number(),
});
export type PublishedReportRecordView = z.infer<typeof PublishedReportRecordSchema>;

/** A report on the public list: its newest version, with the earlier ones under it (newest first). */
export const PublishedReportGroupSchema = PublishedReportRecordSchema.extend({ earlier: z.array(PublishedReportRecordSchema) });
export type PublishedReportGroupView = z.infer<typeof PublishedReportGroupSchema>;

/** One published version as a document, its count of tasks by status, and the newest version of the same report. */
export const PublishedReportSchema = z.object({
  report: PublishedReportRecordSchema, content: ParsedReportSchema, byStatus: z.record(z.string(), z.number()), latest: PublishedReportRecordSchema,
});
export type PublishedReportView = z.infer<typeof PublishedReportSchema>;
