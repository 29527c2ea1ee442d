/** Imported reports: what an import did, and the list of imports. (The preview answers the ParsedReport itself.) */
import { z } from 'zod';
import { ParseWarningSchema } from '../report.js';

export const ImportSummarySchema = z.object({
  importId: z.number(), orgUnitId: z.number(), inspectionId: z.number(), fileName: z.string(), org: z.string(), inspection: z.string(), asOf: z.string(),
  created: z.number(), updated: z.number(), unchanged: z.number(), warnings: z.array(ParseWarningSchema),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

export const ImportRecordSchema = z.object({
  id: z.number(), fileName: z.string(), orgUnitId: z.number(), orgUnitName: z.string(), title: z.string(), asOf: z.string().nullable(),
  summary: z.unknown(), createdAt: z.string(),
});
export type ImportRecord = z.infer<typeof ImportRecordSchema>;
