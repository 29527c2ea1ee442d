/** GET /api/workbench as the web app reads it (server: src/server/routes/workbench.routes.ts). */
import type { Reason } from '../../../core/reason-text';
export type TodoKind = 'roundReports' | 'returnedReports' | 'closureSteps' | 'casesDue' | 'reportsToReview' | 'closureApplications' | 'noticesEnding' | 'objections' | 'unitsBehind';
export interface TodoCounts { total: number; byKind: Record<TodoKind, number> }
interface ClosureItem { closureId: number; subjectType: string; subjectId: number; subjectLabel: string; acceptingUnitName: string; state: string; noticeEnd: string | null; updatedAt: string }

export interface Workbench {
  asOf: string; dueSoonDays: number;
  roles: { reporter: boolean; reviewer: boolean; office: boolean; leader: boolean };
  counts: TodoCounts;
  roundsOwed: { roundId: number; roundName: string; dueDate: string; daysLeft: number; isLate: boolean; missing: { assignmentId: number; taskCode: string; problem: string; orgUnitName: string }[] }[];
  returnedReports: { reportId: number; assignmentId: number; roundId: number | null; taskCode: string; orgUnitName: string; reason: string | null; reviewedAt: string | null; version: number }[];
  closureSteps: { closureId: number; state: string; assignmentId: number; taskCode: string; orgUnitName: string; updatedAt: string }[];
  casesDue: { id: number; caseNo: string; orgUnitName: string; state: string; dueDate: string }[];
  reportsToReview: { reportId: number; assignmentId: number; roundId: number | null; taskCode: string; orgUnitId: number; orgUnitName: string; submittedAt: string | null; statusText: string | null; version: number }[];
  closureApplications: ClosureItem[];
  noticesEnding: ClosureItem[];
  objections: { objectionId: number; closureId: number; receivedAt: string; content: string }[];
  unitsBehind: { roundId: number; roundName: string; dueDate: string; orgUnitId: number; orgUnitName: string; late: number }[];
  roundStats: { roundId: number; roundName: string; dueDate: string; owed: number; reported: number; accepted: number; returned: number; missing: number; rate: number | null }[];
  redLights: { total: number; items: { assignmentId: number; taskCode: string; orgUnitName: string; reason: string | null; reasonCode?: Reason | null; deadlineDate: string | null }[] };
}
