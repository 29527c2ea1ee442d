/**
 * Reading plans linked across levels: the higher task a task carries out, and the lower plans' tasks carrying out a
 * task (those whose plan belongs to the reader's subtrees), with their state rolled up along the link.
 */
import type { AppContext } from '../context.js';
import { isRelated } from '../../core/scope.js';
import { levelWordOf, rollUpLinks, type LinkRollUp } from '../../core/plan-links.js';
import { rollUp, type WarningColor } from '../../core/schedule.js';
import { findParentTask, listLinkedTasks, type LinkedTaskRow } from '../../db/plan-links.repository.js';
import { pathsFor, type Access } from '../access.js';
import { getTaskInScope } from '../tasks.js';

export interface TaskLinks {
  /** The higher plan's task this one carries out ("省任务9"), when the reader may see that plan. */
  parent: { taskId: number; code: string; problem: string; planId: number; ownerOrgName: string; level: string } | null;
  /** Lower plans' tasks carrying this one out, each with its own roll-up. */
  linked: (LinkedTaskRow & { level: string; isCompleted: boolean; warning: WarningColor })[];
  rollUp: LinkRollUp;
}

export async function getTaskLinks(ctx: AppContext, access: Access, taskId: number): Promise<TaskLinks> {
  await getTaskInScope(ctx, access, taskId);
  const readPaths = pathsFor(access, 'read');
  const parent = await findParentTask(ctx.db, taskId);
  const linked = await listLinkedTasks(ctx.db, taskId, readPaths);
  const label = (t: LinkedTaskRow) => `${t.ownerOrgName} ${levelWordOf(t.ownerOrgKind, t.ownerOrgName)}任务${t.code}`;
  return {
    parent: parent && isRelated(readPaths, parent.ownerOrgPath)
      ? { taskId: parent.taskId, code: parent.code, problem: parent.problem, planId: parent.planId, ownerOrgName: parent.ownerOrgName, level: levelWordOf(parent.ownerOrgKind, parent.ownerOrgName) }
      : null,
    linked: linked.map((t) => {
      const own = rollUp(t.shares.map((s) => ({ status: s.status, warning: s.warning, label: s.orgUnitName, reason: s.reason })));
      return { ...t, level: levelWordOf(t.ownerOrgKind, t.ownerOrgName), isCompleted: own.isCompleted, warning: own.warning };
    }),
    rollUp: rollUpLinks(linked.map((t) => ({ taskId: t.taskId, label: label(t), shares: t.shares.map((s) => ({ status: s.status, warning: s.warning, label: s.orgUnitName, reason: s.reason })) }))),
  };
}
