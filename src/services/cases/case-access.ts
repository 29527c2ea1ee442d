/** Loading a case for someone: outside their read scope it does not exist for them (404, as if absent). */
import { AppError } from '../../core/errors.js';
import { inScope } from '../../core/scope.js';
import type { Conn } from '../../db/database.js';
import { findCase, type ComplaintCase } from '../../db/cases.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import type { OrgUnit } from '../../core/api/org-units.js';
import { pathsFor, type Access } from '../access.js';

export const caseNotFound = (id: number) => new AppError('CASE_NOT_FOUND', `找不到编号为 ${id} 的信访件`);

/** The case and its unit when the unit is in the reader's scope; else CASE_NOT_FOUND. */
export async function getCaseInScope(db: Conn, access: Access, id: number): Promise<{ complaint: ComplaintCase; unit: OrgUnit }> {
  const complaint = await findCase(db, id);
  if (!complaint) throw caseNotFound(id);
  const unit = await getOrgUnitById(db, complaint.orgUnitId);
  if (!inScope(pathsFor(access, 'read'), unit.path)) throw caseNotFound(id);
  return { complaint, unit };
}
