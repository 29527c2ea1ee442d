/**
 * Loading a plan table (整改方案 / 整改任务清单) as an inspection's plan: what the user chooses in the preview, and what
 * the preview shows. Shared by the server, the CLI and the web app. PERSISTED CONTRACT for API clients: add fields
 * freely, never rename or remove one.
 */
import { z } from 'zod';
import type { CellRef, ParseWarning } from './report.js';

/** What to do with a responsible-unit name that matches no unit (or one the user wants elsewhere). */
export const UnitChoiceSchema = z.discriminatedUnion('action', [
  /** The name means this existing unit; remembered for the plan owner's next import. */
  z.object({ action: z.literal('map'), orgUnitId: z.number().int().positive() }),
  /** Create a unit (under parentId, default the plan's unit), named as written unless `name` is given. */
  z.object({ action: z.literal('create'), parentId: z.number().int().positive().optional(), name: z.string().trim().min(1).max(100).optional() }),
  /** Keep the name on the task as written, without a share for it (e.g. "各县区人民政府"). */
  z.object({ action: z.literal('ignore') }),
]);
export type UnitChoice = z.infer<typeof UnitChoiceSchema>;

export const PlanImportChoicesSchema = z.object({
  /** By the name as written in the table. */
  units: z.record(z.string().max(200), UnitChoiceSchema).default({}),
  /** By the task's code as read: the higher plan's task it carries out (null: none), overriding what was read. */
  parents: z.record(z.string().max(100), z.number().int().positive().nullable()).default({}),
});
export type PlanImportChoices = z.infer<typeof PlanImportChoicesSchema>;

export const PlanImportTargetSchema = z.object({
  inspectionId: z.number().int().positive(),
  /** The unit whose plan this is. */
  orgUnitId: z.number().int().positive(),
  /** The higher level's plan it carries out; absent: the plan's current link, else the nearest higher unit's plan of the same inspection; null: none. */
  parentPlanId: z.number().int().positive().nullable().optional(),
  /** Title of a new plan; default the table's title. */
  title: z.string().trim().min(1).max(200).optional(),
});
export type PlanImportTarget = z.infer<typeof PlanImportTargetSchema>;

/** What the commit checks against: the file previewed and the plan's state then (refused if either changed). */
export const PlanImportExpectSchema = z.object({
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/, 'fileSha256 须为预览返回的 64 位十六进制摘要'),
  baseline: z.string().regex(/^[0-9a-f]{64}$/, 'baseline 须为预览返回的摘要'),
});
export type PlanImportExpect = z.infer<typeof PlanImportExpectSchema>;

export type UnitResolutionState = 'exact' | 'alias' | 'short' | 'map' | 'create' | 'ignore' | 'ambiguous' | 'unmatched';

export interface UnitResolution {
  /** The name as written. */
  name: string;
  state: UnitResolutionState;
  /** The unit it resolves to (an existing one; null for create/ignore/unresolved). */
  unitId: number | null;
  unitName: string | null;
  /** For ambiguous names: the units sharing the short form. */
  candidates: { id: number; name: string }[];
  /** Codes of the tasks naming it. */
  tasks: string[];
}

export type TaskChange = 'new' | 'changed' | 'unchanged';

export interface PreviewTask {
  code: string;
  number: number | null;
  problem: string;
  goal: string | null;
  measures: string[];
  leadUnits: string[];
  supportUnits: string[];
  units: string[];
  leaders: string[];
  category: string | null;
  deadline: { text: string | null; kind: string; date: string | null };
  parentCode: string | null;
  /** The higher task it will be linked to, and how that was decided. */
  parent: { taskId: number; code: string; problem: string; source: 'read' | 'choice' | 'kept' } | null;
  cells: Record<string, CellRef[]>;
  warnings: ParseWarning[];
  change: TaskChange;
  /** Fields that differ from the plan's task of the same number: problem, goal, measures, units, deadline… */
  changedFields: string[];
  existingTaskId: number | null;
  confidence: number | null;
}

export interface PlanImportPreview {
  fileName: string;
  fileSha256: string;
  baseline: string;
  title: string;
  plan: { id: number | null; title: string; ownerOrgId: number; ownerOrgName: string; inspectionId: number; inspectionName: string };
  parentPlan: { id: number; title: string; ownerOrgName: string; tasks: { id: number; code: string; number: number | null; problem: string }[] } | null;
  tasks: PreviewTask[];
  units: UnitResolution[];
  /** Tasks of the plan the file no longer has: kept as they are (with their progress), listed so nothing goes unnoticed. */
  removed: { taskId: number; code: string; problem: string }[];
  warnings: ParseWarning[];
  counts: { new: number; changed: number; unchanged: number; removed: number };
  /** Why the commit would be refused as things stand (unmatched names, duplicate numbers); empty when ready. */
  blockers: string[];
}

export interface PlanImportSummary {
  importId: number;
  planId: number;
  fileName: string;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  linked: number;
  unitsCreated: string[];
  aliasesSaved: string[];
  changes: { code: string; change: TaskChange; fields: string[] }[];
}
