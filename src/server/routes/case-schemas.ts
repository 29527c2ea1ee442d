/**
 * Request and response schemas of the complaint-case routes. Responses are whitelists: zod drops every field not
 * named here, so a sealed column or a new field never leaves by accident. No schema has a field for the complainant
 * except `complainant`, which only the case page fills, always masked; the details open through a recorded view.
 */
import { z } from 'zod';
import {
  CASE_SOURCES, LISTING_LEVELS, LISTING_REASONS, PENALTY_KINDS, REVISIT_METHODS, SATISFACTION_VALUES, SUBJECT_TYPES, VERIFIED_VALUES,
} from '../../core/case.js';
import { CASE_STATES } from '../../core/case-state.js';
import { ACCOUNTABILITY_MEASURES, LEADER_ACTION_KINDS } from '../../core/supervision.js';
import { CASE_BATCH_FIELDS } from '../../import/case-batch.js';
import { DateString, Version } from '../schemas.js';

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z.string().optional().transform((s) => (s ? s.split(',').filter(Boolean) : undefined)).pipe(z.array(z.enum(values)).optional());
const flag = z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true'));
const Text = (max: number) => z.string().trim().max(max);

export const CaseQuerySchema = z.object({
  /** Only this unit and its subtree. */
  orgUnitId: z.coerce.number().int().positive().optional(),
  inspectionId: z.coerce.number().int().positive().optional(),
  batchId: z.coerce.number().int().positive().optional(),
  /** Comma-separated states: handling,stage_done,done,closed,reopened. */
  state: csv(CASE_STATES),
  verified: csv(VERIFIED_VALUES),
  /** Pollution type word: 大气, 水, 噪声 … */
  type: Text(20).optional().transform((s) => s || undefined),
  overdue: flag,
  listed: flag,
  repeat: flag,
  key: flag,
  /** Text search over case number, target, area and content (3+ characters use the index). */
  q: Text(100).optional().transform((s) => s || undefined),
  sort: z.enum(['caseNo', 'deadline', 'handedOver', 'updated']).default('caseNo'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const CaseItemSchema = z.object({
  id: z.number(), caseNo: z.string(), batchId: z.number(), batchNo: z.string(), handedOverAt: z.string(), orgUnitId: z.number(), orgUnitName: z.string(),
  regionText: z.string().nullable(), targetName: z.string().nullable(), content: z.string(), pollutionType: z.string().nullable(),
  source: z.enum(CASE_SOURCES).nullable(), isKey: z.boolean(), deadline: z.string().nullable(), state: z.enum(CASE_STATES),
  verified: z.enum(VERIFIED_VALUES).nullable(), handling: z.string().nullable(), stageDue: z.string().nullable(), repeatOfCaseId: z.number().nullable(),
  isListed: z.boolean(), isOverdue: z.boolean(), updatedAt: z.string(), version: z.number(),
});

export const CaseSchema = z.object({
  id: z.number(), batchId: z.number(), caseNo: z.string(), orgUnitId: z.number(), regionText: z.string().nullable(), targetName: z.string().nullable(),
  content: z.string(), pollutionType: z.string().nullable(), source: z.enum(CASE_SOURCES).nullable(), isKey: z.boolean(),
  hasComplainantName: z.boolean(), hasComplainantContact: z.boolean(), deadline: z.string().nullable(), state: z.enum(CASE_STATES),
  verified: z.enum(VERIFIED_VALUES).nullable(), handling: z.string().nullable(), stagePlan: z.string().nullable(), stageDue: z.string().nullable(),
  repeatOfCaseId: z.number().nullable(), repeatReason: z.string().nullable(), repeatScore: z.number().nullable(), doneAt: z.string().nullable(),
  closedAt: z.string().nullable(), isPublished: z.boolean(), createdAt: z.string(), updatedAt: z.string(), version: z.number(),
});

export const PenaltySchema = z.object({
  id: z.number(), caseId: z.number(), kind: z.enum(PENALTY_KINDS), amount: z.number().nullable(), persons: z.array(z.string()), note: z.string().nullable(), createdAt: z.string(),
});
export const ListingSchema = z.object({
  id: z.number(), subjectType: z.enum(SUBJECT_TYPES), subjectId: z.number(), level: z.enum(LISTING_LEVELS), reason: z.enum(LISTING_REASONS),
  measures: z.string().nullable(), deadline: z.string().nullable(), listedAt: z.string(), delistedAt: z.string().nullable(),
  delistDecision: z.string().nullable(),
  /** The unit that listed it (null for a listing older than migration 017 whose unit could not be inferred). */
  listedOrgId: z.number().nullable(),
  /** The reason recorded for delisting before the subject was 办结. */
  delistReason: z.string().nullable(),
});
/** One person held accountable (问责): the measure from the standard list; 其他 with its words in measureOther. */
export const AccountabilitySchema = z.object({
  id: z.number(), subjectType: z.enum(SUBJECT_TYPES), subjectId: z.number(), person: z.string().nullable(), position: z.string().nullable(),
  unitName: z.string().nullable(), measure: z.enum(ACCOUNTABILITY_MEASURES), measureOther: z.string().nullable(),
  decidedAt: z.string().nullable(), document: z.string().nullable(), createdAt: z.string(),
});
export const LeaderActionSchema = z.object({
  id: z.number(), chargeId: z.number(), actedOn: z.string(), kind: z.enum(LEADER_ACTION_KINDS), content: z.string(), createdAt: z.string(),
});
/** A leader in personal charge (领导包案) with the visits and instructions recorded, in date order. */
export const LeaderChargeSchema = z.object({
  id: z.number(), subjectType: z.enum(SUBJECT_TYPES), subjectId: z.number(), leaderName: z.string(), position: z.string().nullable(),
  unitName: z.string().nullable(), assignedOn: z.string().nullable(), createdAt: z.string(), actions: z.array(LeaderActionSchema),
});
export const RevisitSchema = z.object({
  id: z.number(), drawId: z.number(), caseId: z.number(), caseNo: z.string().optional(), orgUnitId: z.number().optional(), visitedAt: z.string().nullable(),
  method: z.string().nullable(), finding: z.string().nullable(), satisfaction: z.string().nullable(), relapsed: z.boolean().nullable(), recordedAt: z.string().nullable(),
});

const CaseLink = z.object({ id: z.number(), caseNo: z.string() });
export const CaseDetailSchema = z.object({
  case: CaseSchema.extend({ isOverdue: z.boolean() }),
  /** Always masked (张** / 138****1234); null when none was handed over. */
  complainant: z.union([z.object({ name: z.string().nullable(), contact: z.string().nullable() }), z.object({ unavailable: z.string() })]).nullable(),
  /** The reader is granted complainants' details here: POST /api/cases/:id/complainant-views opens them (recorded). */
  mayRevealComplainant: z.boolean(),
  batch: z.object({ id: z.number(), batchNo: z.string(), handedOverAt: z.string(), publishedAt: z.string().nullable() }),
  inspection: z.object({ id: z.number(), name: z.string(), round: z.string() }),
  unit: z.object({ id: z.number(), name: z.string() }),
  repeatOf: z.object({ id: z.number().optional(), caseNo: z.string().optional(), reason: z.string().nullable(), score: z.number().nullable() }).nullable(),
  repeats: z.array(CaseLink),
  penalties: z.array(PenaltySchema),
  listings: z.array(ListingSchema),
  revisits: z.array(RevisitSchema),
  accountability: z.array(AccountabilitySchema),
  leaderCharges: z.array(LeaderChargeSchema),
  evidence: z.array(z.object({ id: z.number(), size: z.number(), mediaType: z.string(), originalName: z.string(), uploadedAt: z.string() })),
  closures: z.array(z.object({ id: z.number(), state: z.string(), level: z.string(), noticeStart: z.string().nullable(), noticeEnd: z.string().nullable(), updatedAt: z.string() })),
  history: z.array(z.object({ id: z.number(), at: z.string(), actorName: z.string(), action: z.string(), entityType: z.string(), before: z.unknown(), after: z.unknown() })),
});

/** The case's handover details, as created or edited by an administrator. */
export const CaseDetailsBody = z.object({
  caseNo: Text(50).min(1),
  orgUnitId: z.number().int().positive(),
  regionText: Text(200).nullish(),
  targetName: Text(500).nullish(),
  content: Text(20_000).min(1),
  pollutionType: Text(50).nullish(),
  source: z.enum(CASE_SOURCES).nullish(),
  isKey: z.boolean().optional(),
  /** Confidential: sealed at rest, never echoed back. */
  complainantName: Text(100).nullish(),
  complainantContact: Text(100).nullish(),
  deadline: DateString.nullish(),
});
export const CreateCaseBody = CaseDetailsBody.extend({ batchId: z.number().int().positive() });
export const UpdateCaseBody = CaseDetailsBody.partial().extend({ version: Version, repeatOfCaseId: z.number().int().positive().nullable().optional() });

export const HandlingBody = z.object({
  verified: z.enum(VERIFIED_VALUES).nullish(),
  handling: Text(20_000).nullish(),
  stagePlan: Text(5000).nullish(),
  stageDue: DateString.nullish(),
});
export const TransitionBody = HandlingBody.extend({
  version: Version,
  /** stage_done 阶段性办结, done 办结, reopen 重新办理 (administrators; closed cases reopen through the closure procedure). */
  action: z.enum(['stage_done', 'done', 'reopen']),
  note: Text(2000).optional(),
});
export const PenaltyBody = z.object({
  kind: z.enum(PENALTY_KINDS),
  /** Fine in yuan (元). */
  amount: z.number().positive().max(1e12).nullish(),
  persons: z.array(Text(100).min(1)).max(100).optional(),
  note: Text(2000).nullish(),
});
export const ListingBody = z.object({
  subjectType: z.enum(SUBJECT_TYPES), subjectId: z.number().int().positive(), level: z.enum(LISTING_LEVELS), reason: z.enum(LISTING_REASONS),
  /** The leader in personal charge (领导包案), by name: recorded as a leader charge of the subject (POST /api/leader-charges adds position and unit). */
  leader: Text(200).nullish(), measures: Text(5000).nullish(), deadline: DateString.nullish(),
});
export const DelistBody = z.object({
  /** The delisting decision (摘牌意见). */
  decision: Text(5000).min(2),
  /** Required while the case or task share is not yet 办结: why it comes off the list now (the listing unit or above). */
  reason: Text(2000).nullish(),
});
/** One person held accountable; one record per person. */
export const AccountabilityBody = z.object({
  subjectType: z.enum(SUBJECT_TYPES), subjectId: z.number().int().positive(), person: Text(100).min(1), position: Text(100).nullish(), unitName: Text(200).nullish(),
  /** 诫勉谈话 admonition, 通报批评 circulated_criticism, 责令检查 ordered_review, 党纪处分 party_discipline, 政务处分 government_sanction, 组织处理 organizational, 移送司法机关 judicial_transfer, 其他 other. */
  measure: z.enum(ACCOUNTABILITY_MEASURES),
  /** The measure in words, with 其他 only. */
  measureOther: Text(500).nullish(),
  decidedAt: DateString.nullish(), document: Text(500).nullish(),
});
export const LeaderChargeBody = z.object({
  subjectType: z.enum(SUBJECT_TYPES), subjectId: z.number().int().positive(), leaderName: Text(100).min(1), position: Text(100).nullish(), unitName: Text(200).nullish(),
  assignedOn: DateString,
});
export const LeaderActionBody = z.object({
  actedOn: DateString,
  /** 现场督导 onsite, 批示 instruction, 约谈 interview, 调度会 meeting, 接访 reception, 其他 other. */
  kind: z.enum(LEADER_ACTION_KINDS),
  content: Text(5000).min(1),
});
export const DrawBody = z.object({
  orgUnitId: z.number().int().positive(),
  quarter: z.string().regex(/^\d{4}Q[1-4]$/, '季度格式有误：应为四位年份、字母Q和季度序号1–4'),
  /** Recorded with the draw; a random one when absent. */
  seed: Text(100).optional(),
  /** At least the configured share. */
  share: z.number().min(0.01).max(1).optional(),
});
export const RevisitBody = z.object({
  visitedAt: DateString, method: z.enum(REVISIT_METHODS), finding: Text(5000).min(1), satisfaction: z.enum(SATISFACTION_VALUES).nullable(), relapsed: z.boolean(),
});

/** The import form's fields beside the file (multipart text fields). */
export const ImportFieldsSchema = z.object({
  inspectionId: z.coerce.number().int().positive(),
  orgUnitId: z.coerce.number().int().positive(),
  defaultOrgUnitId: z.coerce.number().int().positive().optional(),
  batchNo: Text(20).optional().transform((s) => s || undefined),
  handedOverAt: DateString.optional(),
  /** JSON {"caseNo": 1, "content": 6, …}: field → column index (0-based). */
  mapping: z.string().optional().transform((s, c) => {
    if (!s) return undefined;
    try {
      return z.partialRecord(z.enum(CASE_BATCH_FIELDS), z.number().int().min(0)).parse(JSON.parse(s));
    } catch {
      c.addIssue({ code: 'custom', message: 'mapping 须为 JSON 对象，如 {"caseNo":1,"content":6}' });
      return z.NEVER;
    }
  }),
});
