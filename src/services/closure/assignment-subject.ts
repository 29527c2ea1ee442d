/** Closing a rectification task's assignment: ready when completed (and every lower unit's share is), audited changes. */
import type { ClosureSubjectAdapter } from './subject-adapter.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { getAssignmentById, listChildAssignments, updateAssignment, type AssignmentFields } from '../../db/assignments.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { getTaskById } from '../../db/tasks.repository.js';
import { acceptanceChainOfPlan } from '../../db/plans.repository.js';
import { listEvidenceOf, listIndicatorsWithValues, listMeasureTexts, listMilestones } from '../../db/assignment-details.repository.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../db/audit.repository.js';
import type { AppContext } from '../context.js';
import { refreshSchedule, today } from '../schedule.js';

const notFound = (id: number) => new AppError('ASSIGNMENT_NOT_FOUND', `找不到编号为 ${id} 的任务分解`);

async function change(ctx: Pick<AppContext, 'dialect'>, tx: Tx, actor: Actor, id: number, action: string, fields: AssignmentFields): Promise<void> {
  const a = await getAssignmentById(tx, id);
  const before = { isCompleted: a.isCompleted, isClosed: a.isClosed, statusText: a.statusText, closedAt: a.closedAt };
  const after = await updateAssignment(tx, id, a.version, fields);
  await appendAuditEvent(tx, ctx.dialect, actor, {
    action, entityType: 'assignment', entityId: id, assignmentId: id, orgUnitId: a.orgUnitId,
    before, after: { isCompleted: after.isCompleted, isClosed: after.isClosed, statusText: after.statusText, closedAt: after.closedAt },
  });
  await refreshSchedule(tx, id, today());
}

export const assignmentSubject: ClosureSubjectAdapter = {
  type: 'assignment',
  settingsKey: 'closure',
  notFound,
  async load(db, id) {
    const a = await getAssignmentById(db, id).catch(ifNotFound(() => { throw notFound(id); }));
    const org = await getOrgUnitById(db, a.orgUnitId);
    const task = await getTaskById(db, a.taskId);
    return { id, orgUnitId: org.id, orgPath: org.path, label: `任务${task.code}（${org.name}）`, isLongTerm: a.isLongTerm || a.deadlineKind === 'long_term', assignmentId: id };
  },
  async readiness(db, id) {
    const a = await getAssignmentById(db, id);
    if (a.isClosed) return '该任务已销号';
    // A long-term task applies once its stage goal is reached: reported completed, basically completed or long-term.
    const stageReached = a.isCompleted || ((a.isLongTerm || a.deadlineKind === 'long_term') && ['long_term', 'basically_completed'].includes(a.statusCode ?? ''));
    if (!stageReached) return '该任务尚未完成整改（以审核通过的进展报告为准），不能申请验收销号';
    const open = (await listChildAssignments(db, id)).filter((c) => !c.isCompleted && !c.isClosed);
    if (open.length > 0) {
      const names = await Promise.all(open.map(async (c) => (await getOrgUnitById(db, c.orgUnitId)).name));
      return `下级单位尚未全部完成：${names.join('、')}`;
    }
    return null;
  },
  async content(db, id) {
    const a = await getAssignmentById(db, id);
    const task = await getTaskById(db, a.taskId);
    const org = await getOrgUnitById(db, a.orgUnitId);
    const indicators = await listIndicatorsWithValues(db, id);
    return {
      subject: {
        label: `任务${task.code}（${org.name}）`, unitName: org.name, code: task.code, problem: task.problem, goal: task.goal,
        deadline: a.deadlineKind === 'long_term' ? '长期坚持' : a.deadlineKind === 'immediate' ? '立行立改' : a.deadlineDate, statusText: a.statusText,
      },
      measures: await listMeasureTexts(db, id),
      milestones: (await listMilestones(db, id)).map((m) => ({ title: m.title, dueDate: m.dueDate, doneDate: m.doneDate })),
      indicators: indicators.map((i) => {
        const last = i.values.at(-1);
        return { name: i.name, unit: i.unit, comparator: i.comparator, target: i.target, value: last?.value ?? null, asOf: last?.asOf ?? null };
      }),
    };
  },
  async acceptanceChain(db, id) {
    const a = await getAssignmentById(db, id);
    return acceptanceChainOfPlan(db, (await getTaskById(db, a.taskId)).planId);
  },
  async evidence(db, id) {
    return (await listEvidenceOf(db, id)).map((e) => ({ id: e.id, sha256: e.sha256, name: e.originalName }));
  },
  async onReturned(ctx, tx, actor, id, reason) {
    await change(ctx, tx, actor, id, 'assignment.return_to_rectification', {
      isCompleted: false, completedAt: null, statusCode: 'in_progress', statusText: `退回整改：${reason}`.slice(0, 200),
    });
  },
  async onClosed(ctx, tx, actor, id, date) {
    const a = await getAssignmentById(tx, id);
    await change(ctx, tx, actor, id, 'assignment.close', { isClosed: true, closedAt: date, isCompleted: true, completedAt: a.completedAt ?? date });
  },
  async onReopened(ctx, tx, actor, id, reason) {
    await change(ctx, tx, actor, id, 'assignment.reopen', {
      isClosed: false, closedAt: null, isCompleted: false, completedAt: null, statusCode: 'in_progress', statusText: `问题反弹，重新整改：${reason}`.slice(0, 200),
    });
  },
};
