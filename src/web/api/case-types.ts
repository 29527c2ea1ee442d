/** Complaint cases (信访件) as the /api/cases routes answer (server: src/server/routes/case-schemas.ts). */
import type { CaseSource, PenaltyKind, Verified } from '../../core/case';
import type { CaseState } from '../../core/case-state';
import type { AccountabilityMeasure, LeaderActionKind } from '../../core/supervision';

export interface CaseItem {
  id: number; caseNo: string; batchId: number; batchNo: string; handedOverAt: string; orgUnitId: number; orgUnitName: string;
  regionText: string | null; targetName: string | null; content: string; pollutionType: string | null; source: CaseSource | null; isKey: boolean;
  deadline: string | null; state: CaseState; verified: Verified | null; handling: string | null; stageDue: string | null; repeatOfCaseId: number | null;
  isListed: boolean; isOverdue: boolean; updatedAt: string; version: number;
}

export interface CaseSummary {
  asOf: string; total: number; byState: Record<string, number>; byVerified: Record<string, number>; overdue: number; key: number; repeat: number; listed: number;
  /** 问责 records (one per person) of the cases counted, by measure; cases with a leader in personal charge. */
  accountability: { total: number; byMeasure: Record<AccountabilityMeasure, number> }; leaderCharged: number;
}

export interface CaseRecord {
  id: number; batchId: number; caseNo: string; orgUnitId: number; regionText: string | null; targetName: string | null; content: string;
  pollutionType: string | null; source: CaseSource | null; isKey: boolean; hasComplainantName: boolean; hasComplainantContact: boolean;
  deadline: string | null; state: CaseState; verified: Verified | null; handling: string | null; stagePlan: string | null; stageDue: string | null;
  repeatOfCaseId: number | null; repeatReason: string | null; repeatScore: number | null; doneAt: string | null; closedAt: string | null;
  isPublished: boolean; createdAt: string; updatedAt: string; version: number; isOverdue: boolean;
}

export interface Penalty { id: number; caseId: number; kind: PenaltyKind; amount: number | null; persons: string[]; note: string | null; createdAt: string }
export interface Listing {
  id: number; subjectType: string; subjectId: number; level: string; reason: string; measures: string | null;
  deadline: string | null; listedAt: string; delistedAt: string | null; delistDecision: string | null;
  /** The unit that listed it; the reason recorded when it was delisted before the case was 办结. */
  listedOrgId: number | null; delistReason: string | null;
}
/** One person held accountable (问责), the measure from the standard list; 其他 with its words. */
export interface Accountability {
  id: number; person: string | null; position: string | null; unitName: string | null; measure: AccountabilityMeasure; measureOther: string | null;
  decidedAt: string | null; document: string | null; createdAt: string;
}
/** A leader in personal charge (领导包案), with visits and instructions in date order. */
export interface LeaderCharge {
  id: number; subjectType: string; subjectId: number; leaderName: string; position: string | null; unitName: string | null; assignedOn: string | null; createdAt: string;
  actions: { id: number; actedOn: string; kind: LeaderActionKind; content: string; createdAt: string }[];
}
export interface Revisit {
  id: number; drawId: number; caseId: number; caseNo?: string; orgUnitId?: number; visitedAt: string | null; method: string | null; finding: string | null;
  satisfaction: string | null; relapsed: boolean | null; recordedAt: string | null;
}

/** A row of GET /api/supervision-listings: the listing with its subject's unit and label (a case's number). */
export interface ListingItem extends Listing { orgUnitId: number; orgUnitName: string; subjectLabel: string }

/** A quarter's revisit draw (复查回访抽查): the seed is recorded so anyone can redraw the sample and check it. */
export interface RevisitDraw { id: number; quarter: string; scopeOrgId: number; scopeOrgName: string; seed: string; share: number; drawnAt: string; populationSize: number }
export interface RevisitDrawItem extends RevisitDraw { drawn: number; visited: number }
/** The quarter's quota per unit against the cases handled so far; a warning in the quarter's last days, missed after. */
export interface RevisitQuota {
  quarterEnd: string; daysLeft: number; status: 'met' | 'short' | 'warning' | 'missed'; message: string | null;
  units: { orgUnitId: number; population: number; drawn: number; required: number; short: number }[];
}
export interface RevisitDrawDetail { draw: RevisitDraw & { topUps: number }; reproducible: boolean; revisits: Revisit[]; quota: RevisitQuota }

export type ComplainantDetails = { name: string | null; contact: string | null } | { unavailable: string };

/** POST /api/cases/:id/complainant-views: the details and the case's texts as written; the view is recorded. */
export interface ComplainantReveal {
  complainant: ComplainantDetails | null;
  texts: { content: string; targetName: string | null; handling: string | null; stagePlan: string | null };
  revisits: { id: number; finding: string | null }[];
}

export interface CaseDetail {
  case: CaseRecord;
  /** Always masked (张** / 138****1234); null when none was handed over. */
  complainant: ComplainantDetails | null;
  /** The reader is granted complainants' details at the case's unit and may open them (each view is recorded). */
  mayRevealComplainant: boolean;
  batch: { id: number; batchNo: string; handedOverAt: string; publishedAt: string | null };
  inspection: { id: number; name: string; round: string };
  unit: { id: number; name: string };
  repeatOf: { id?: number; caseNo?: string; reason: string | null; score: number | null } | null;
  repeats: { id: number; caseNo: string }[];
  penalties: Penalty[];
  listings: Listing[];
  revisits: Revisit[];
  accountability: Accountability[];
  leaderCharges: LeaderCharge[];
  evidence: { id: number; size: number; mediaType: string; originalName: string; uploadedAt: string }[];
  closures: { id: number; state: string; level: string; noticeStart: string | null; noticeEnd: string | null; updatedAt: string }[];
  history: { id: number; at: string; actorName: string; action: string; entityType: string; before: unknown; after: unknown }[];
}

export interface CaseBatch {
  id: number; inspectionId: number; orgUnitId: number; batchNo: string; handedOverAt: string; fileName: string | null; createdAt: string;
  publishedAt: string | null; orgUnitName: string; inspectionName: string; total: number; handled: number;
}
