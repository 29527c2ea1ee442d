/**
 * Shapes of the API's JSON answers as the web app reads them. Those declared in src/core/api (the zod schemas the
 * routes answer with) are re-exported by type only, so no zod reaches the bundle through them; the rest are stated here.
 */
import type { AssignmentView, LedgerRow } from '../../core/api/assignments';
import type { AssignmentDetail, Dashboard } from '../../core/api/ledger';
import type { OrgUnit } from '../../core/api/org-units';
import type { DocumentRecord, MeasureRecord, Task } from '../../core/api/tasks';
import type { EvidenceRecord, IndicatorRecord, MilestoneRecord } from '../../core/api/assignment-parts';
import type { AuditEvent } from '../../core/api/audit';
import type { Inspection } from '../../core/api/inspections';
import type { PublishedReportGroupView, PublishedReportRecordView, PublishedReportView } from '../../core/api/public-reports';

export type { Page } from '../../core/api/common';
export type { AssignmentDetail, AuditEvent, Dashboard, Inspection, LedgerRow, OrgUnit, Task };
export type Assignment = AssignmentView;
export type PublishedReportRecord = PublishedReportRecordView;
export type PublishedReportGroup = PublishedReportGroupView;
export type PublishedReport = PublishedReportView;
export type Measure = MeasureRecord;
export type Milestone = MilestoneRecord;
export type Indicator = IndicatorRecord;
export type Evidence = EvidenceRecord;
export type DocumentRef = DocumentRecord;
/** A report as the task page lists it, with its own steps (returns and their reasons stay after a later acceptance). */
export type ProgressReport = AssignmentDetail['progressReports'][number];

export interface Principal {
  user: { id: number; username: string; displayName: string };
  /** complainantDetails: this role at this unit may open complainants' details (granted by an administrator). */
  memberships: { orgUnitId: number; orgName: string; role: string; roleLabel: string; complainantDetails?: boolean }[];
  csrfToken: string | null;
  /** The password was set by someone else and must be changed before anything else (FORCE_PASSWORD_CHANGE). */
  mustChangePassword?: boolean;
}

export type ClosureState = 'reopened' | 'applied' | 'accepted' | 'noticed' | 'closed' | 'filed' | 'returned';
export interface Closure {
  id: number; subjectType: string; subjectId: number; state: ClosureState; level: string; acceptingOrgId: number | null;
  noticeStart: string | null; noticeEnd: string | null; longTermMechanism: string | null; reopenedFromId: number | null;
  /** The acceptance stages fixed at application, and how many have accepted. */
  stages: { level: string; orgUnitId: number }[]; stageIndex: number;
  createdAt: string; updatedAt: string; version: number;
}
/** One step of the chain (申请 → each acceptance stage → 公示 → 销号 → 备案, then 抽查) as the page shows it. */
export interface ClosureChainStep {
  key: string; label: string; unitName: string; status: 'done' | 'current' | 'pending' | 'returned';
  actorName: string | null; at: string | null; opinion: string | null; comment: string | null; evidence: { id: number; sha256: string; name: string }[];
}
export interface ClosureView {
  closure: Closure;
  subject: { type: string; id: number; label: string; orgUnitId: number; isLongTerm: boolean };
  acceptingUnit: { id: number; name: string; kind: string };
  steps: { id: number; step: string; actorId: number | null; actorName: string | null; at: string; decision: string | null; comment: string | null; evidence: { id: number; sha256: string; name: string }[] }[];
  objections: { id: number; receivedAt: string; content: string; answer: string | null; answeredAt: string | null; upheld: boolean | null }[];
  chain: ClosureChainStep[];
  reopenedBy: number[];
  mayDecide: boolean;
  /** The reader's unit is the level above: it receives the filing (备案). */
  mayFile: boolean;
  /** The reader may sample (抽查) and send back. */
  maySample: boolean;
}

export interface ManagedUser {
  id: number; username: string; displayName: string; isActive: boolean; locked: boolean; version: number;
  /** Where password reset links go; null when none is set. */
  email: string | null;
  memberships: { orgUnitId: number; orgName: string; role: string; roleLabel: string; complainantDetails: boolean }[];
  hasOtherMemberships: boolean;
}
