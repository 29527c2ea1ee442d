/**
 * Measures, milestones and indicators of an assignment, written by administrators of its unit. Reporters never write
 * them here: a reporter marks a milestone done only by submitting progress, where a reviewer sees it. Milestones and
 * indicators drive 序时进度, so changing them recomputes the schedule; measures feed the search text.
 */
import type { AppContext } from './context.js';
import { AppError, ifNotFound } from '../core/errors.js';
import { assertNotClosed } from '../core/closure.js';
import { appendAuditEvent } from '../db/audit.repository.js';
import type { Tx } from '../db/database.js';
import {
  assignmentOfPart, countIndicatorValues, deletePart, findIndicatorValuePage, getPart, insertPart, partNotFound, updatePart,
  type MilestoneFields, type PartFields, type PartTable,
} from '../db/assignment-parts.repository.js';
import { rebuildSearchText } from '../db/assignment-admin.repository.js';
import { assertMay, type Access } from './access.js';
import { getAssignmentInScope } from './assignments.js';
import { refreshSchedule } from './schedule.js';

type Fields = PartFields;
const ENTITY: Record<PartTable, string> = { measures: 'measure', milestones: 'milestone', indicators: 'indicator' };

/** Search text follows measures; the schedule follows milestones and indicators. */
async function afterChange(tx: Tx, table: PartTable, assignmentId: number): Promise<void> {
  if (table === 'measures') await rebuildSearchText(tx, assignmentId);
  else await refreshSchedule(tx, assignmentId);
}

async function checkMeasure(tx: Tx, table: PartTable, assignmentId: number, f: Fields): Promise<void> {
  const measureId = table === 'milestones' ? (f as MilestoneFields).measureId : null;
  if (measureId == null) return;
  const owner = await assignmentOfPart(tx, 'measures', measureId).catch(ifNotFound(() => null));
  if (owner !== assignmentId) throw new AppError('VALIDATION_FAILED', '所选措施不属于该任务', [{ field: 'measureId', message: '不属于该任务' }]);
}

/** The assignment of a part the actor may write; a part of an assignment outside the scope answers like absent. */
async function writableAssignmentOf(ctx: AppContext, access: Access, table: PartTable, id: number) {
  const assignmentId = await assignmentOfPart(ctx.db, table, id);
  const found = await getAssignmentInScope(ctx.db, access, assignmentId).catch(ifNotFound(() => { throw partNotFound(table, id); }));
  assertMay(access, 'writeLedger', found.unit.path);
  assertNotClosed(found.assignment);
  return found;
}

export async function createPart(ctx: AppContext, access: Access, table: PartTable, assignmentId: number, fields: Fields) {
  const { assignment, unit } = await getAssignmentInScope(ctx.db, access, assignmentId);
  assertMay(access, 'writeLedger', unit.path);
  assertNotClosed(assignment);
  return ctx.db.transaction().execute(async (tx) => {
    await checkMeasure(tx, table, assignmentId, fields);
    const id = await insertPart(tx, table, assignmentId, fields);
    const after = await getPart(tx, table, id);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: `${ENTITY[table]}.create`, entityType: ENTITY[table], entityId: id, assignmentId, orgUnitId: unit.id, after });
    await afterChange(tx, table, assignmentId);
    return after;
  });
}

export async function updatePartFields(ctx: AppContext, access: Access, table: PartTable, id: number, version: number, fields: Fields) {
  const { assignment, unit } = await writableAssignmentOf(ctx, access, table, id);
  return ctx.db.transaction().execute(async (tx) => {
    await checkMeasure(tx, table, assignment.id, fields);
    const before = await getPart(tx, table, id);
    await updatePart(tx, table, id, version, fields);
    const after = await getPart(tx, table, id);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: `${ENTITY[table]}.update`, entityType: ENTITY[table], entityId: id, assignmentId: assignment.id, orgUnitId: unit.id, before, after });
    await afterChange(tx, table, assignment.id);
    return after;
  });
}

export async function deletePartAt(ctx: AppContext, access: Access, table: PartTable, id: number, version: number): Promise<void> {
  const { assignment, unit } = await writableAssignmentOf(ctx, access, table, id);
  await ctx.db.transaction().execute(async (tx) => {
    // Recorded values are the history of the indicator; deleting it would erase what units reported.
    if (table === 'indicators' && (await countIndicatorValues(tx, id)) > 0) {
      throw new AppError('INVALID_TRANSITION', '该指标已有填报数值，不能删除；如不再考核，请修改其目标或名称');
    }
    const before = await getPart(tx, table, id);
    await deletePart(tx, table, id, version);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: `${ENTITY[table]}.delete`, entityType: ENTITY[table], entityId: id, assignmentId: assignment.id, orgUnitId: unit.id, before });
    await afterChange(tx, table, assignment.id);
  });
}

export async function listIndicatorValues(
  ctx: AppContext, access: Access, indicatorId: number, f: { from?: string; to?: string; order: 'asc' | 'desc'; page: number; pageSize: number },
) {
  const assignmentId = await assignmentOfPart(ctx.db, 'indicators', indicatorId);
  await getAssignmentInScope(ctx.db, access, assignmentId).catch(ifNotFound(() => { throw partNotFound('indicators', indicatorId); }));
  return findIndicatorValuePage(ctx.db, indicatorId, f);
}
