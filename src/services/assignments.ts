/**
 * Assignments: a task's share at an org unit. The plan owner's administrators assign shares inside the owner's
 * subtree; a unit's administrators split their own share further down (a city to its counties and departments),
 * never sideways. The deadline belongs to whoever assigned the share; the responsible person to the unit holding it.
 * Every change recomputes the schedule status and warning in the same transaction.
 */
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import { assertNotClosed } from '../core/closure.js';
import { can } from '../core/roles.js';
import { inScope } from '../core/scope.js';
import type { DeadlineKind } from '../core/schedule.js';
import { appendAuditEvent } from '../db/audit.repository.js';
import type { Conn } from '../db/database.js';
import { findAssignment, getAssignmentById, insertAssignment, updateAssignment } from '../db/assignments.repository.js';
import type { Assignment } from '../core/api/assignments.js';
import { getOrgUnitById } from '../db/org-units.repository.js';
import type { OrgUnit } from '../core/api/org-units.js';
import { getTaskById } from '../db/tasks.repository.js';
import { getPlanById } from '../db/plans.repository.js';
import { findAssignmentsOfTaskPage } from '../db/assignment-list.repository.js';
import { rebuildSearchText } from '../db/assignment-admin.repository.js';
import { assertMay, forbidden, pathsFor, type Access } from './access.js';
import { refreshSchedule } from './schedule.js';
import { getTaskInScope } from './tasks.js';

export const assignmentNotFound = (id: number) => new AppError('ASSIGNMENT_NOT_FOUND', `找不到编号为 ${id} 的任务分解`);

/** The assignment and its unit, when the unit is in the reader's scope; else ASSIGNMENT_NOT_FOUND. */
export async function getAssignmentInScope(db: Conn, access: Access, id: number): Promise<{ assignment: Assignment; unit: OrgUnit }> {
  const assignment = await getAssignmentById(db, id);
  const unit = await getOrgUnitById(db, assignment.orgUnitId);
  if (!inScope(pathsFor(access, 'read'), unit.path)) throw assignmentNotFound(id);
  return { assignment, unit };
}

/** The path of whoever assigned the share: the parent share's unit, or the plan owner for a top-level share. */
async function assignerPath(db: Conn, a: Assignment): Promise<string> {
  if (a.parentId !== null) return (await getOrgUnitById(db, (await getAssignmentById(db, a.parentId)).orgUnitId)).path;
  return (await getPlanById(db, (await getTaskById(db, a.taskId)).planId)).ownerOrgPath;
}

export async function listAssignmentsOfTaskInScope(ctx: AppContext, access: Access, taskId: number, page: { page: number; pageSize: number }) {
  await getTaskInScope(ctx, access, taskId);
  return findAssignmentsOfTaskPage(ctx.db, taskId, pathsFor(access, 'read'), page);
}

export interface NewAssignment {
  taskId: number;
  orgUnitId: number;
  parentId?: number | null;
  responsiblePerson?: string | null;
  deadlineKind?: DeadlineKind;
  deadlineDate?: string | null;
}

function checkDeadline(kind: DeadlineKind, date: string | null, parent: Assignment | null): void {
  if (kind === 'by_date' && !date) throw new AppError('VALIDATION_FAILED', '整改时限为具体日期时须填写 deadlineDate', [{ field: 'deadlineDate', message: '必填' }]);
  if (parent?.deadlineKind === 'by_date' && parent.deadlineDate && kind === 'by_date' && date! > parent.deadlineDate) {
    throw new AppError('VALIDATION_FAILED', `下级时限不能晚于上级时限 ${parent.deadlineDate}`, [{ field: 'deadlineDate', message: '晚于上级时限' }]);
  }
}

export async function createAssignment(ctx: AppContext, access: Access, input: NewAssignment): Promise<Assignment> {
  const task = await getTaskInScope(ctx, access, input.taskId);
  const unit = await getOrgUnitById(ctx.db, input.orgUnitId);
  const unitNotFound = new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${input.orgUnitId} 的单位`);
  if (!inScope(pathsFor(access, 'read'), unit.path)) throw unitNotFound;
  let parent: Assignment | null = null;
  let within: string;
  if (input.parentId) {
    const found = await getAssignmentInScope(ctx.db, access, input.parentId);
    parent = found.assignment;
    if (parent.taskId !== task.id) throw new AppError('VALIDATION_FAILED', '上级分解属于另一项任务', [{ field: 'parentId', message: '任务不符' }]);
    within = found.unit.path;
    if (unit.path === within) throw new AppError('VALIDATION_FAILED', '下级分解须落在上级单位之下的单位', [{ field: 'orgUnitId', message: '与上级同一单位' }]);
  } else {
    within = (await getPlanById(ctx.db, task.planId)).ownerOrgPath;
  }
  assertMay(access, 'writeLedger', within);
  if (!unit.path.startsWith(within)) {
    throw new AppError('VALIDATION_FAILED', `“${unit.name}”不在${parent ? '上级分解单位' : '方案所属单位'}的下级范围内`, [{ field: 'orgUnitId', message: '不在下级范围内' }]);
  }
  const deadlineKind = input.deadlineKind ?? parent?.deadlineKind ?? task.deadlineKind;
  const deadlineDate = input.deadlineDate !== undefined ? input.deadlineDate : parent?.deadlineDate ?? task.deadlineDate;
  checkDeadline(deadlineKind, deadlineDate, parent);
  return ctx.db.transaction().execute(async (tx) => {
    if (await findAssignment(tx, task.id, unit.id)) throw new AppError('ALREADY_EXISTS', `“${unit.name}”已承担该任务`, [{ field: 'orgUnitId' }]);
    const created = await insertAssignment(tx, task.id, unit.id, {
      parentId: parent?.id ?? null, deadlineKind, deadlineDate, isLongTerm: deadlineKind === 'long_term', responsiblePerson: input.responsiblePerson ?? null,
    });
    await rebuildSearchText(tx, created.id);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'assignment.create', entityType: 'assignment', entityId: created.id, assignmentId: created.id, orgUnitId: unit.id,
      after: { taskId: task.id, orgUnitId: unit.id, parentId: created.parentId, deadlineKind, deadlineDate, responsiblePerson: created.responsiblePerson },
    });
    return refreshSchedule(tx, created.id);
  });
}

export interface AssignmentPatch { version: number; responsiblePerson?: string | null; deadlineKind?: DeadlineKind; deadlineDate?: string | null }

export async function updateAssignmentFields(ctx: AppContext, access: Access, id: number, patch: AssignmentPatch): Promise<Assignment> {
  const { assignment: before, unit } = await getAssignmentInScope(ctx.db, access, id);
  if (patch.responsiblePerson !== undefined) assertMay(access, 'writeLedger', unit.path);
  assertNotClosed(before);
  const touchesDeadline = patch.deadlineKind !== undefined || patch.deadlineDate !== undefined;
  let parent: Assignment | null = null;
  if (touchesDeadline) {
    // The unit holding a share may not extend its own deadline: that is the assigner's decision.
    if (!can(access.memberships, 'writeLedger', await assignerPath(ctx.db, before))) throw forbidden();
    parent = before.parentId === null ? null : await getAssignmentById(ctx.db, before.parentId);
  }
  const deadlineKind = patch.deadlineKind ?? before.deadlineKind;
  const deadlineDate = patch.deadlineDate !== undefined ? patch.deadlineDate : before.deadlineDate;
  if (touchesDeadline) checkDeadline(deadlineKind, deadlineDate, parent);
  return ctx.db.transaction().execute(async (tx) => {
    // Long-term follows a long-term deadline; a long-term status reported by the unit (deadline not long-term) stays.
    const isLongTerm = deadlineKind === 'long_term' || (before.isLongTerm && before.deadlineKind !== 'long_term');
    const fields = touchesDeadline ? { responsiblePerson: patch.responsiblePerson, deadlineKind, deadlineDate, isLongTerm } : { responsiblePerson: patch.responsiblePerson };
    const after = await updateAssignment(tx, id, patch.version, fields);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'assignment.update', entityType: 'assignment', entityId: id, assignmentId: id, orgUnitId: unit.id,
      before: { responsiblePerson: before.responsiblePerson, deadlineKind: before.deadlineKind, deadlineDate: before.deadlineDate },
      after: { responsiblePerson: after.responsiblePerson, deadlineKind: after.deadlineKind, deadlineDate: after.deadlineDate },
    });
    return refreshSchedule(tx, id);
  });
}
