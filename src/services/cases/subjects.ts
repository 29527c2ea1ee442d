/** The subject of a listing or an accountability record — a case or an assignment — with its unit, within scope. */
import type { Conn } from '../../db/database.js';
import type { SubjectType } from '../../core/case.js';
import { CASE_STATE_LABELS } from '../../core/case-state.js';
import type { OrgUnit } from '../../core/api/org-units.js';
import type { Access } from '../access.js';
import { getAssignmentInScope } from '../assignments.js';
import { getCaseInScope } from './case-access.js';

export interface Subject {
  type: SubjectType; id: number; unit: OrgUnit; label: string;
  /** 办结: a case 已办结 or 销号; a task share 完成整改 or 销号. */
  isDone: boolean;
  /** Where it stands, in words: 正在办理, 阶段性办结, 正在整改 … */
  stateText: string;
}

export async function getSubjectInScope(db: Conn, access: Access, type: SubjectType, id: number): Promise<Subject> {
  if (type === 'case') {
    const { complaint, unit } = await getCaseInScope(db, access, id);
    return { type, id, unit, label: `信访件 ${complaint.caseNo}`, isDone: complaint.state === 'done' || complaint.state === 'closed', stateText: CASE_STATE_LABELS[complaint.state] };
  }
  const { assignment: a, unit } = await getAssignmentInScope(db, access, id);
  const isDone = a.isClosed || a.isCompleted;
  return { type, id, unit, label: `任务分解 ${a.id}`, isDone, stateText: a.isClosed ? '已销号' : isDone ? '完成整改' : (a.statusText ?? '正在整改') };
}
