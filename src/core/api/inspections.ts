/** Inspections (督察) as the API answers them. */
import { z } from 'zod';
import { ACCEPTANCE_LEVELS } from '../settings.js';

export const INSPECTION_KINDS = ['central', 'provincial'] as const;

export const InspectionSchema = z.object({
  id: z.number(), name: z.string(), round: z.string(), kind: z.enum(INSPECTION_KINDS), targetOrgId: z.number().nullable(),
  stationedFrom: z.string().nullable(), stationedTo: z.string().nullable(), feedbackDate: z.string().nullable(),
  /** The levels that accept in turn; null: the setting. */
  acceptanceChain: z.array(z.enum(ACCEPTANCE_LEVELS)).nullable(), version: z.number(),
});
export type Inspection = z.infer<typeof InspectionSchema>;

/** What creates an inspection: its fields, the acceptance chain optional (absent: the setting). */
export type InspectionInput = Omit<Inspection, 'id' | 'version' | 'acceptanceChain'> & { acceptanceChain?: Inspection['acceptanceChain'] };
