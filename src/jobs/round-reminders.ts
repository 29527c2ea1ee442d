/**
 * Reminders about reporting rounds and reviews: units that still owe reports when the due date is near or past (one
 * notice per unit per round for each), reports awaiting review (to the reviewers over the unit), and procedures
 * whose public notice has ended with no open objection (to the accepting unit, ready to close).
 */
import type { AppContext } from '../services/context.js';
import type { Conn, Tx } from '../db/database.js';
import type { SweepPart } from './sweep.js';
import { daysBetween } from '../core/workdays.js';
import { listOpenRounds, type Round } from '../db/rounds.repository.js';
import { owingUnits } from '../services/reporting/rounds.js';
import { listSubmittedReports, type ReviewQueueRow } from '../db/progress-reports.repository.js';
import { countOpenObjections, listNoticesEndedBefore } from '../db/closures.repository.js';
import { membersAt, notify, responsibleRecipients, reviewerRecipients } from '../services/send-notifications.js';
import { readSettings } from '../services/settings.js';
import { reviewNoticeKey } from './notice-keys.js';
import { zhDate } from '../core/zh-text.js';

/** Units owing reports to a round due soon or past: one notice per unit per round for each. */
export function roundReminders(ctx: AppContext, asOf: string): SweepPart<{ round: Round; orgUnitId: number; name: string; count: number }> {
  return {
    async list(db: Conn) {
      const { dueSoonDays } = await readSettings(db, 'reporting');
      const items: { round: Round; orgUnitId: number; name: string; count: number }[] = [];
      for (const round of await listOpenRounds(db)) {
        if (daysBetween(asOf, round.dueDate) > dueSoonDays) continue;
        for (const [orgUnitId, u] of await owingUnits(db, round, asOf)) items.push({ round, orgUnitId, ...u });
      }
      return items;
    },
    async each(tx: Tx, { round, orgUnitId, name, count }) {
      const late = daysBetween(asOf, round.dueDate) < 0;
      const params = { round: round.name, unit: name, count, due: round.dueDate };
      return notify(ctx, tx, await responsibleRecipients(tx, orgUnitId), late
        ? { kind: 'round_late', title: `${round.name}已过截止日期`, body: `${name}尚有${count}项任务未报送进展（截止日期${zhDate(round.dueDate)}），请尽快报送。`, link: `/rounds/${round.id}`, orgUnitId, params }
        : { kind: 'round_due_soon', title: `${round.name}将于${zhDate(round.dueDate)}截止`, body: `${name}尚有${count}项任务未报送进展，请在${zhDate(round.dueDate)}前报送。`, link: `/rounds/${round.id}`, orgUnitId, params },
      `${late ? 'round-late' : 'round-due'}:${round.id}:${orgUnitId}`);
    },
  };
}

/** To the reviewers over a submitted report's unit (never to its submitter). */
export async function notifyReviewers(ctx: AppContext, tx: Tx, r: ReviewQueueRow): Promise<number> {
  const reviewers = (await reviewerRecipients(tx, r.orgUnitId)).filter((u) => u.userId !== r.submittedBy);
  return notify(ctx, tx, reviewers, {
    kind: 'review_pending', title: `${r.orgUnitName}任务${r.taskCode}的进展报告待审核`, orgUnitId: r.orgUnitId, link: `/progress-reports/${r.reportId}`,
    params: { unit: r.orgUnitName, code: r.taskCode, submittedAt: (r.submittedAt ?? '').slice(0, 10), status: r.statusText ?? '' },
    body: `${r.orgUnitName}于${(r.submittedAt ?? '').slice(0, 10)}报送了任务${r.taskCode}的进展（${r.statusText ?? ''}），请审核。`,
  }, reviewNoticeKey(r.reportId, r.version));
}

/** Every report still awaiting review, in case its event notice was missed. */
export function reviewReminders(ctx: AppContext): SweepPart<ReviewQueueRow> {
  return { list: (db: Conn) => listSubmittedReports(db, ['/']), each: (tx: Tx, r: ReviewQueueRow) => notifyReviewers(ctx, tx, r) };
}

/** Procedures whose public notice has ended with no open objection: to the accepting unit, ready to close. */
export function endedNoticeReminders(ctx: AppContext, asOf: string): SweepPart<Awaited<ReturnType<typeof listNoticesEndedBefore>>[number]> {
  return {
    list: (db: Conn) => listNoticesEndedBefore(db, asOf),
    async each(tx: Tx, c) {
      if (c.acceptingOrgId === null || (await countOpenObjections(tx, c.id)) > 0) return 0;
      return notify(ctx, tx, await membersAt(tx, c.acceptingOrgId, ['reviewer', 'admin']), {
        kind: 'closure_ready', title: `公示期已满，可办理销号（验收销号 ${c.id}）`, orgUnitId: c.acceptingOrgId, link: `/closures/${c.id}`, params: { closureId: c.id, noticeEnd: c.noticeEnd ?? '' },
        body: `公示期至${zhDate(c.noticeEnd)}已满，无未答复的异议，可办理销号。`,
      }, `closure-ready:${c.id}:${c.noticeEnd}`);
    },
  };
}
