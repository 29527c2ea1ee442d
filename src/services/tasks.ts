/**
 * Tasks of a plan (整改任务). Administrators of the plan owner's subtree create and edit them; a task's code is unique
 * in its plan. Editing the wording refreshes the search text of every assignment of the task.
 */
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import { assertNotClosed } from '../core/closure.js';
import { listAssignmentsOfTask } from '../db/assignments.repository.js';
import { appendAuditEvent } from '../db/audit.repository.js';
import { findTaskIdByCode, getTaskById, insertTask, updateTask, type TaskInput } from '../db/tasks.repository.js';
import type { Task } from '../core/api/tasks.js';
import { findTaskPage, isTaskVisible, type TaskFilter } from '../db/task-list.repository.js';
import { getPlanById } from '../db/plans.repository.js';
import { assignmentIdsOfTask, rebuildSearchText } from '../db/assignment-admin.repository.js';
import { assertMay, pathsFor, type Access } from './access.js';
import { getPlanInScope } from './plans.js';

export const taskNotFound = (id: number) => new AppError('TASK_NOT_FOUND', `找不到编号为 ${id} 的整改任务`);

export async function getTaskInScope(ctx: AppContext, access: Access, id: number): Promise<Task> {
  if (!(await isTaskVisible(ctx.db, id, pathsFor(access, 'read')))) throw taskNotFound(id);
  return getTaskById(ctx.db, id);
}

export async function listTaskPage(ctx: AppContext, access: Access, f: Omit<TaskFilter, 'scopePaths'>) {
  return findTaskPage(ctx.db, { ...f, scopePaths: pathsFor(access, 'read') });
}

function checkDeadline(t: Pick<TaskInput, 'deadlineKind' | 'deadlineDate'>): void {
  if (t.deadlineKind === 'by_date' && !t.deadlineDate) {
    throw new AppError('VALIDATION_FAILED', '整改时限为具体日期时须填写 deadlineDate', [{ field: 'deadlineDate', message: '必填' }]);
  }
}

async function assertCodeFree(ctx: AppContext, planId: number, code: string, exceptId?: number): Promise<void> {
  const same = await findTaskIdByCode(ctx.db, planId, code);
  if (same !== undefined && same !== exceptId) throw new AppError('ALREADY_EXISTS', `该方案中已有编号为“${code}”的任务`, [{ field: 'code' }]);
}

export async function createTask(ctx: AppContext, access: Access, input: TaskInput): Promise<Task> {
  const plan = await getPlanInScope(ctx, access, input.planId);
  assertMay(access, 'writeLedger', plan.ownerOrgPath);
  checkDeadline(input);
  await assertCodeFree(ctx, plan.id, input.code);
  return ctx.db.transaction().execute(async (tx) => {
    const task = await insertTask(tx, input);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'task.create', entityType: 'task', entityId: task.id, orgUnitId: plan.ownerOrgId, after: task });
    return task;
  });
}

export async function updateTaskFields(ctx: AppContext, access: Access, id: number, patch: Partial<Omit<TaskInput, 'planId'>> & { version: number }): Promise<Task> {
  const before = await getTaskInScope(ctx, access, id);
  const plan = await getPlanById(ctx.db, before.planId);
  assertMay(access, 'writeLedger', plan.ownerOrgPath);
  // The task as the plan states it is part of what its closure approved: once every top-level share is closed, it is locked.
  const tops = (await listAssignmentsOfTask(ctx.db, id)).filter((a) => a.parentId === null);
  if (tops.length > 0 && tops.every((a) => a.isClosed)) assertNotClosed(tops[0]!);
  const { version, ...fields } = patch;
  checkDeadline({ deadlineKind: fields.deadlineKind ?? before.deadlineKind, deadlineDate: fields.deadlineDate === undefined ? before.deadlineDate : fields.deadlineDate });
  if (fields.code) await assertCodeFree(ctx, plan.id, fields.code, id);
  return ctx.db.transaction().execute(async (tx) => {
    const after = await updateTask(tx, id, version, fields);
    if (after.code !== before.code || after.problem !== before.problem || after.goal !== before.goal) {
      for (const assignmentId of await assignmentIdsOfTask(tx, id)) await rebuildSearchText(tx, assignmentId);
    }
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'task.update', entityType: 'task', entityId: id, orgUnitId: plan.ownerOrgId, before, after });
    return after;
  });
}
