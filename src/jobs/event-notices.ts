/**
 * Notifications for events enqueued by the services in their transactions: a report submitted (to the reviewers),
 * returned or accepted (to the submitter), a round opened (to every unit that owes a report), a closure step taken
 * (an application to the accepting unit; decisions to the responsible unit).
 */
import { z } from 'zod';
import type { AppContext } from '../services/context.js';
import type { Tx } from '../db/database.js';
import { CLOSURE_ACTION_LABELS, CLOSURE_STATE_LABELS, type ClosureAction } from '../core/closure.js';
import { getProgressReport, listSubmittedReports } from '../db/progress-reports.repository.js';
import { getAssignmentById } from '../db/assignments.repository.js';
import { getTaskById } from '../db/tasks.repository.js';
import { getUserById } from '../db/users.repository.js';
import { getRound } from '../db/rounds.repository.js';
import { getClosure, listClosureSteps } from '../db/closures.repository.js';
import { membersAt, notify, responsibleRecipients } from '../services/send-notifications.js';
import { closureSubjectAdapter } from '../services/closure/subjects.js';
import { notifyReviewers } from './round-reminders.js';
import { owingUnits } from '../services/reporting/rounds.js';
import { joinSentences, zhDate } from '../core/zh-text.js';

export const ReportEventPayload = z.object({ reportId: z.number(), event: z.enum(['submitted', 'returned', 'accepted']), version: z.number() });

export async function noticeReportEvent(ctx: AppContext, tx: Tx, payload: unknown): Promise<number> {
  const { reportId, event, version } = ReportEventPayload.parse(payload);
  if (event === 'submitted') {
    const [row] = await listSubmittedReports(tx, ['/'], { reportId });
    // Reviewed (or corrected) before this ran: the later event tells whoever needs to know.
    return row && row.version === version ? notifyReviewers(ctx, tx, row) : 0;
  }
  const report = await getProgressReport(tx, reportId);
  if (report.submittedBy === null) return 0;
  const submitter = await getUserById(tx, report.submittedBy);
  const a = await getAssignmentById(tx, report.assignmentId);
  const task = await getTaskById(tx, a.taskId);
  const returned = event === 'returned';
  return notify(ctx, tx, [{ userId: submitter.id, username: submitter.username }], {
    kind: returned ? 'report_returned' : 'report_accepted', orgUnitId: a.orgUnitId, link: `/progress-reports/${reportId}`,
    params: { code: task.code, comment: report.reviewComment ?? '' },
    title: returned ? `任务${task.code}的进展报告被退回` : `任务${task.code}的进展报告已审核通过`,
    // The reason may end in its own full stop (现场照片不清晰。): joined so no 。。 appears.
    body: returned ? joinSentences(`退回理由：${report.reviewComment ?? ''}`, '请修改后重新报送') : `审核意见：${report.reviewComment ?? '无'}`,
  }, `report-${event}:${reportId}:v${version}`);
}

export async function noticeRoundOpened(ctx: AppContext, tx: Tx, payload: unknown): Promise<number> {
  const { roundId } = z.object({ roundId: z.number() }).parse(payload);
  const round = await getRound(tx, roundId);
  let created = 0;
  for (const [orgUnitId, u] of await owingUnits(tx, round, round.periodStart)) {
    created += await notify(ctx, tx, await responsibleRecipients(tx, orgUnitId), {
      kind: 'round_opened', title: `${round.name}已开始`, orgUnitId, link: `/rounds/${round.id}`,
      params: { round: round.name, unit: u.name, count: u.count, due: round.dueDate, start: round.periodStart, end: round.periodEnd },
      body: `${u.name}有${u.count}项任务须在${zhDate(round.dueDate)}前报送${zhDate(round.periodStart)}至${zhDate(round.periodEnd)}的整改进展。`,
    }, `round-opened:${roundId}:${orgUnitId}`);
  }
  return created;
}

export async function noticeClosureEvent(ctx: AppContext, tx: Tx, payload: unknown): Promise<number> {
  const { closureId, step, stepId } = z.object({ closureId: z.number(), step: z.string(), stepId: z.number() }).parse(payload);
  const closure = await getClosure(tx, closureId);
  const subject = await closureSubjectAdapter(closure.subjectType).load(tx, closure.subjectId);
  const taken = (await listClosureSteps(tx, closureId)).find((s) => s.id === stepId);
  const label = CLOSURE_ACTION_LABELS[step as ClosureAction] ?? step;
  const content = {
    kind: `closure_${step}`, orgUnitId: subject.orgUnitId, link: `/closures/${closureId}`,
    params: { subject: subject.label, step, state: closure.state, comment: taken?.comment ?? '' },
    title: `${subject.label}：${label}`, body: `${taken?.decision ?? label}${taken?.comment ? `（${taken.comment}）` : ''}。当前状态：${CLOSURE_STATE_LABELS[closure.state]}。`,
  };
  // An application is for the accepting unit to decide; every decision is news for the responsible unit.
  const recipients = step === 'apply' && closure.acceptingOrgId !== null
    ? await membersAt(tx, closure.acceptingOrgId, ['reviewer', 'admin'])
    : await responsibleRecipients(tx, subject.orgUnitId);
  return notify(ctx, tx, recipients.filter((r) => r.userId !== taken?.actorId), content, `closure-step:${stepId}`);
}
