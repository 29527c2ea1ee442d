/** The subject of a listing or an accountability record — a case or an assignment — with its unit, within scope. */
import type { Conn } from '../../db/database.js';
import type { SubjectType } from '../../core/case.js';
import type { OrgUnit } from '../../db/org-units.repository.js';
import type { Access } from '../access.js';
import { getAssignmentInScope } from '../assignments.js';
import { getCaseInScope } from './case-access.js';

export interface Subject { type: SubjectType; id: number; unit: OrgUnit; label: string }

export async function getSubjectInScope(db: Conn, access: Access, type: SubjectType, id: number): Promise<Subject> {
  if (type === 'case') {
    const { complaint, unit } = await getCaseInScope(db, access, id);
    return { type, id, unit, label: complaint.caseNo };
  }
  const { assignment, unit } = await getAssignmentInScope(db, access, id);
  return { type, id, unit, label: `任务分解 ${assignment.id}` };
}
