/**
 * Settings of complaint-case handling that differ between provinces. PERSISTED SHAPE (settings key `cases`): add
 * fields with defaults; never rename one.
 */
import { z } from 'zod';
import { DAY_KINDS } from './workdays.js';

export const CaseSettingsSchema = z.object({
  /** Days a unit has to handle a case from its handover (7 is common). */
  handlingDays: z.number().int().min(1).max(180),
  /** Whether those days are calendar days or working days (holidays and 调休 from the official calendar). */
  handlingDayKind: z.enum(DAY_KINDS),
  /** Character-bigram Jaccard at or above which a case in the same unit is flagged as a repeat. */
  repeatThreshold: z.number().min(0.2).max(1),
  /** How many of a unit's latest cases a new case's text is compared with. */
  repeatCandidatesPerUnit: z.number().int().min(10).max(5000),
  /** Least share of each unit's handled cases revisited each quarter (0.1 = 10%; at least one case). */
  revisitShare: z.number().min(0.01).max(1),
});
export type CaseSettings = z.infer<typeof CaseSettingsSchema>;

export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  handlingDays: 7, handlingDayKind: 'calendar', repeatThreshold: 0.5, repeatCandidatesPerUnit: 500, revisitShare: 0.1,
};
