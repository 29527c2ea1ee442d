/**
 * Shapes of the API's JSON answers as the web app reads them. The server's zod schemas and presenters are the
 * source of truth; the web app may import only from src/core, so the shapes it needs are restated here.
 */
import type { ParsedReport } from '../../core/report';
import type { DeadlineKind, ScheduleStatus, WarningColor, WarningSettings } from '../../core/schedule';
import type { StatusCode } from '../../core/status';
import type { Reason } from '../../core/reason-text';
import type { OrgKind } from '../../core/org';
import type { AcceptanceLevel } from '../../core/settings';

export interface Principal {
  user: { id: number; username: string; displayName: string };
  /** complainantDetails: this role at this unit may open complainants' details (granted by an administrator). */
  memberships: { orgUnitId: number; orgName: string; role: string; roleLabel: string; complainantDetails?: boolean }[];
  csrfToken: string | null;
  /** The password was set by someone else and must be changed before anything else (FORCE_PASSWORD_CHANGE). */
  mustChangePassword?: boolean;
}

export interface PublishedReportRecord {
  id: number;
  orgUnitName: string;
  inspectionName: string;
  title: string;
  asOf: string | null;
  publishedAt: string;
  /** 1, 2, … within the report (a unit's report on one inspection, published again as work goes on). */
  version: number;
}

/** A report on the public list: its newest version, with the earlier ones under it (newest first). */
export interface PublishedReportGroup extends PublishedReportRecord {
  earlier: PublishedReportRecord[];
}

export interface PublishedReport {
  report: PublishedReportRecord;
  content: ParsedReport;
  byStatus: Record<string, number>;
  /** The newest version of the same report (the report itself when it is the newest). */
  latest: PublishedReportRecord;
}

export interface Dashboard {
  asOf: string;
  settings: WarningSettings;
  total: number;
  byStatus: Partial<Record<ScheduleStatus, number>>;
  byWarning: Partial<Record<WarningColor | 'unknown', number>>;
  byCategory: { category: string; total: number; completed: number }[];
  byOrg: { orgUnitId: number; orgName: string; total: number; completed: number; red: number; yellow: number }[];
  completedByMonth: { month: string; completed: number }[];
  dueSoon: number;
}

export interface LedgerRow {
  id: number;
  taskId: number;
  taskCode: string;
  taskNumber: number | null;
  problem: string;
  category: string | null;
  orgUnitId: number;
  orgUnitName: string;
  inspectionId: number;
  inspectionName: string;
  statusText: string | null;
  scheduleStatus: ScheduleStatus | null;
  warning: WarningColor | null;
  warningReason: string | null;
  /** The reason as codes (core/reason-text.ts); null on rows from before them. */
  warningReasonCode?: Reason | null;
  deadlineKind: DeadlineKind;
  deadlineDate: string | null;
  isCompleted: boolean;
  isClosed: boolean;
  isLongTerm: boolean;
  responsiblePerson: string | null;
  latestProgress: string | null;
  updatedAt: string;
  version: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Assignment {
  id: number;
  taskId: number;
  orgUnitId: number;
  parentId: number | null;
  statusText: string | null;
  statusCode: StatusCode | null;
  isCompleted: boolean;
  isClosed: boolean;
  isLongTerm: boolean;
  completedAt: string | null;
  closedAt: string | null;
  deadlineKind: DeadlineKind;
  deadlineDate: string | null;
  responsiblePerson: string | null;
  scheduleStatus: ScheduleStatus | null;
  warning: WarningColor | null;
  warningReason: string | null;
  warningReasonCode?: Reason | null;
  overrideStatus: ScheduleStatus | null;
  overrideReason: string | null;
  latestProgress: string | null;
  updatedAt: string;
  version: number;
}

export interface OrgUnit { id: number; parentId: number | null; code: string; name: string; kind: OrgKind; path: string; version: number }

export interface Task {
  id: number;
  planId: number;
  code: string;
  number: number | null;
  problem: string;
  goal: string | null;
  category: string | null;
  deadlineKind: DeadlineKind;
  deadlineDate: string | null;
  deadlineText: string | null;
  leadUnit: string | null;
  responsibleUnits: string[];
  responsiblePerson: string | null;
  supervisingUnit: string | null;
  acceptingUnit: string | null;
  version: number;
}

export interface Measure { id: number; ordinal: number | null; text: string; items: string[]; responsibleUnit: string | null; dueDate: string | null; doneDate: string | null; version: number }
export interface Milestone { id: number; measureId: number | null; title: string; dueDate: string; doneDate: string | null; weight: number; version: number }
export interface Indicator {
  id: number; name: string; unit: string | null; baseline: number | null; baselineDate: string | null; target: number;
  targetDate: string | null; comparator: string; version: number;
  values: { id: number; value: number; asOf: string; progressReportId: number | null }[];
}
export interface ProgressReport {
  id: number; assignmentId: number; roundId: number | null; periodLabel: string | null; asOf: string;
  progress: string | null; problems: string | null; nextSteps: string | null; statusText: string | null; statusCode: string | null;
  state: string; source: string; submittedBy: number | null; submittedAt: string | null; reviewedBy: number | null;
  reviewedAt: string | null; reviewComment: string | null; version: number;
  /** The evidence files the report cites (GET /api/assignments/:id gives them). */
  evidenceIds?: number[];
  /** The report's own steps from the audit trail: returns and their reasons stay after a later acceptance. */
  steps?: { at: string; step: 'submit' | 'resubmit' | 'return' | 'accept'; actorName: string; text: string | null }[];
}
export interface Evidence { id: number; sha256: string; size: number; mediaType: string; originalName: string; ownerType: string; ownerId: number; uploadedAt: string }
export interface DocumentRef { id: number; title: string | null; number: string | null; issuer: string | null; issuedDate: string | null }
export interface AuditEvent { id: number; at: string; actorId: number | null; actorName: string; action: string; entityType: string; entityId: string; before: unknown; after: unknown }

export interface AssignmentDetail {
  assignment: Assignment;
  org: OrgUnit;
  task: Task;
  inspection: { id: number; name: string; round: string; kind: string };
  plan: { title: string };
  measures: Measure[];
  milestones: Milestone[];
  indicators: Indicator[];
  progressReports: ProgressReport[];
  documents: DocumentRef[];
  evidence: Evidence[];
  hierarchy: (Assignment & { orgUnitName: string; orgKind: OrgKind })[];
  history: AuditEvent[];
}

export interface Inspection {
  id: number; name: string; round: string; kind: 'central' | 'provincial'; targetOrgId: number | null;
  stationedFrom: string | null; stationedTo: string | null; feedbackDate: string | null;
  /** The levels that accept in turn; null: the setting. */
  acceptanceChain: AcceptanceLevel[] | null; version: number;
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
