/**
 * Running a round from its page: 催办 (a reminder by hand, in-app and through the outbox by e-mail and webhook, to
 * units that have not reported: at most once a day per unit per round, recorded with its audit event) and batch
 * review (accept all selected, or return all with one reason, all or nothing in one transaction).
 */
import type { AppContext } from '../context.js';
import { AppError } from '../../core/errors.js';
import { BatchReviewSchema, UrgeRoundSchema, type BatchReviewInput, type UrgeRoundInput } from '../../core/workbench.js';
import { chinaTime, zhDate } from '../../core/zh-text.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { getRound, roundNotFound } from '../../db/rounds.repository.js';
import { owingUnits } from './rounds.js';
import { getProgressReport } from '../../db/progress-reports.repository.js';
import { insertRoundReminder, latestRemindersOfRound, setReminderRecipients } from '../../db/round-reminders.repository.js';
import { notify, responsibleRecipients } from '../send-notifications.js';
import { assertAt, type Access } from '../access.js';
import { today } from '../schedule.js';
import { acceptReportIn, returnReportIn } from './review-report.js';
import { getRoundView } from './rounds.js';
import { renderRoundStatusXlsx } from '../../export/xlsx-round-status.js';

export interface UrgeOutcome {
  sent: { orgUnitId: number; orgUnitName: string; owed: number; recipients: number }[];
  /** Units already reminded today, with when. */
  skipped: { orgUnitId: number; orgUnitName: string; lastSentAt: string }[];
}

export async function urgeRound(ctx: AppContext, access: Access, roundId: number, raw: UrgeRoundInput): Promise<UrgeOutcome> {
  const input = UrgeRoundSchema.parse(raw);
  const day = today();
  return ctx.db.transaction().execute(async (tx) => {
    const round = await getRound(tx, roundId);
    assertAt(access, 'writeLedger', round.scopePath, roundNotFound(roundId));
    if (round.state !== 'open') throw new AppError('INVALID_TRANSITION', `调度轮次“${round.name}”已结束，不能催办`);
    let owing = [...(await owingUnits(tx, round, day))];
    if (input.orgUnitId !== undefined) {
      owing = owing.filter(([id]) => id === input.orgUnitId);
      if (owing.length === 0) throw new AppError('INVALID_TRANSITION', '该单位在本轮没有未报送的任务，无需催办');
    } else if (owing.length === 0) {
      throw new AppError('INVALID_TRANSITION', '本轮所有单位均已报送，无需催办');
    }
    const latest = await latestRemindersOfRound(tx, round.id);
    const outcome: UrgeOutcome = { sent: [], skipped: [] };
    for (const [orgUnitId, u] of owing) {
      const reminderId = await insertRoundReminder(tx, { roundId: round.id, orgUnitId, sentOn: day, sentBy: access.actor.id, recipients: 0, owed: u.count });
      if (reminderId === undefined) {
        const last = latest.get(orgUnitId);
        outcome.skipped.push({ orgUnitId, orgUnitName: u.name, lastSentAt: last?.sentAt ?? day });
        continue;
      }
      const recipients = await responsibleRecipients(tx, orgUnitId);
      await notify(ctx, tx, recipients, {
        kind: 'round_urge', orgUnitId, link: `/rounds/${round.id}`, title: `催办：${round.name}`,
        params: { round: round.name, unit: u.name, count: u.count, due: round.dueDate },
        body: `${u.name}尚有${u.count}项任务未报送进展，截止日期为${zhDate(round.dueDate)}，请尽快报送。`,
      }, `round-urge:${round.id}:${orgUnitId}:${day}`);
      const reached = new Set(recipients.map((r) => r.userId)).size;
      await setReminderRecipients(tx, reminderId, reached);
      await appendAuditEvent(tx, ctx.dialect, access.actor, {
        action: 'round.urge', entityType: 'reporting_round', entityId: round.id, orgUnitId,
        after: { unit: u.name, owed: u.count, recipients: reached, date: day },
      });
      outcome.sent.push({ orgUnitId, orgUnitName: u.name, owed: u.count, recipients: reached });
    }
    // One unit asked for by name and already reminded today: say when, change nothing.
    if (input.orgUnitId !== undefined && outcome.sent.length === 0) {
      const s = outcome.skipped[0]!;
      throw new AppError('ALREADY_EXISTS', `今天${chinaTime(s.lastSentAt)}已催办过${s.orgUnitName}，每个单位每天最多催办一次`, { lastSentAt: s.lastSentAt });
    }
    return outcome;
  });
}

export interface BatchReviewOutcome { action: 'accept' | 'return'; reviewed: { id: number; version: number; state: string }[] }

/** Reports of this round only, each reviewed as one by one would; any failure rolls back the whole batch. */
export async function reviewRoundReports(ctx: AppContext, access: Access, roundId: number, raw: BatchReviewInput): Promise<BatchReviewOutcome> {
  const input = BatchReviewSchema.parse(raw);
  const ids = input.reports.map((r) => r.id);
  if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION_FAILED', '同一份报告被选择了两次');
  return ctx.db.transaction().execute(async (tx) => {
    const round = await getRound(tx, roundId);
    assertAt(access, 'review', round.scopePath, roundNotFound(roundId));
    const reviewed: BatchReviewOutcome['reviewed'] = [];
    for (const ref of input.reports) {
      const report = await getProgressReport(tx, ref.id);
      if (report.roundId !== round.id) throw new AppError('VALIDATION_FAILED', `进展报告 ${ref.id} 不属于本轮调度`, { reportId: ref.id });
      try {
        const done = input.action === 'accept'
          ? await acceptReportIn(ctx, tx, access, ref.id, { version: ref.version, comment: input.comment ?? null })
          : await returnReportIn(ctx, tx, access, ref.id, { version: ref.version, reason: input.reason });
        reviewed.push({ id: done.id, version: done.version, state: done.state });
      } catch (e) {
        // Name the report that stopped the batch; nothing of the batch is kept.
        if (e instanceof AppError) throw new AppError(e.code, `进展报告 ${ref.id}：${e.message}（本批未作任何更改）`, { reportId: ref.id, cause: e.details ?? null });
        throw e;
      }
    }
    return { action: input.action, reviewed };
  });
}

/** The round's status table as XLSX: the unit grid of the round's page, with the file name to give it. */
export async function exportRoundStatus(ctx: AppContext, access: Access, roundId: number): Promise<{ fileName: string; data: Buffer }> {
  const view = await getRoundView(ctx, access, roundId, { page: 1, pageSize: 1 });
  const rows = view.units.map((u) => ({ ...u, lastUrged: u.lastUrgedAt ? `${zhDate(u.lastUrgedAt)} ${chinaTime(u.lastUrgedAt)}` : null }));
  return { fileName: `${view.round.name}调度情况表.xlsx`, data: await renderRoundStatusXlsx('调度情况', rows) };
}
