/** The ledger's reads: one assignment's full page (the task page) and the dashboard's figures. */
import { z } from 'zod';
import { WarningSettingsSchema } from '../settings.js';
import { ORG_KINDS } from '../org.js';
import { AssignmentSchema } from './assignments.js';
import { OrgUnitWithPathSchema } from './org-units.js';
import { DocumentRefSchema, MeasureSchema, TaskSchema } from './tasks.js';
import { InspectionSchema } from './inspections.js';
import { EvidenceRecordSchema, IndicatorSchema, MilestoneSchema } from './assignment-parts.js';
import { ProgressReportWithStepsSchema } from './progress-reports.js';
import { AuditEventSchema } from './audit.js';

/** A share of the same task at a unit the reader may see, with the unit's name and kind. */
export const HierarchyShareSchema = AssignmentSchema.extend({ orgUnitName: z.string(), orgKind: z.enum(ORG_KINDS) });

export const AssignmentDetailSchema = z.object({
  assignment: AssignmentSchema,
  org: OrgUnitWithPathSchema,
  task: TaskSchema,
  inspection: InspectionSchema,
  plan: z.object({ title: z.string() }),
  measures: z.array(MeasureSchema),
  milestones: z.array(MilestoneSchema),
  indicators: z.array(IndicatorSchema),
  progressReports: z.array(ProgressReportWithStepsSchema),
  documents: z.array(DocumentRefSchema),
  evidence: z.array(EvidenceRecordSchema),
  hierarchy: z.array(HierarchyShareSchema),
  history: z.array(AuditEventSchema),
});
export type AssignmentDetail = z.infer<typeof AssignmentDetailSchema>;

const count = z.number();
/** The figures of the units counted (each with everything below it), by status, warning, category, unit and month. */
export const DashboardCountsSchema = z.object({
  total: count,
  /** By schedule status (a key per status present; 'unknown' for none yet). */
  byStatus: z.record(z.string(), count),
  /** By warning colour ('unknown' for none yet). */
  byWarning: z.record(z.string(), count),
  byCategory: z.array(z.object({ category: z.string(), total: count, completed: count })),
  byOrg: z.array(z.object({ orgUnitId: z.number(), orgName: z.string(), total: count, completed: count, red: count, yellow: count })),
  completedByMonth: z.array(z.object({ month: z.string(), completed: count })),
  /** Open assignments due within the yellow window. */
  dueSoon: count,
});
export type DashboardCounts = z.infer<typeof DashboardCountsSchema>;

export const DashboardSchema = DashboardCountsSchema.extend({ asOf: z.string(), settings: WarningSettingsSchema });
export type Dashboard = z.infer<typeof DashboardSchema>;
