/**
 * Reminders about tasks, from the daily sweep: a deadline coming (each configured threshold once per deadline), a
 * task overdue (to the unit and its supervising level, once per deadline), and the follow-up of closed long-term
 * tasks (once per follow-up period). Dedupe keys make a second sweep of the same day create nothing.
 */
import type { AppContext } from '../services/context.js';
import type { Conn, Tx } from '../db/database.js';
import type { SweepPart } from './sweep.js';
import { yieldToEventLoop } from '../services/batches.js';
import { daysBetween } from '../core/workdays.js';
import { effectiveDeadline } from '../core/schedule.js';
import { periodContaining } from '../core/periods.js';
import { listClosedLongTermAssignments, listOpenAssignmentsDueBy, type ReminderTarget } from '../db/reminders.repository.js';
import { notify, responsibleRecipients, supervisorRecipients } from '../services/send-notifications.js';
import { readSettings } from '../services/settings.js';
import type { SettingValue } from '../core/settings.js';
import { addDays } from '../core/workdays.js';
import { zhDate } from '../core/zh-text.js';

/** Rows read per query by the sweep's lists. */
const LIST_CHUNK = 1000;

const short = (t: ReminderTarget) => `任务${t.taskCode}（${t.problem.length > 40 ? `${t.problem.slice(0, 40)}…` : t.problem}）`;

/** Deadlines coming and passed: the open dated assignments due by the furthest threshold, one reminder each at most. */
export function deadlineReminders(ctx: AppContext, asOf: string): SweepPart<ReminderTarget> {
  let reminders: SettingValue<'reminders'>;
  let rules: SettingValue<'schedule'>;
  let thresholds: number[] = [];
  return {
    async list(db: Conn) {
      reminders = await readSettings(db, 'reminders');
      rules = await readSettings(db, 'schedule');
      thresholds = [...reminders.daysBeforeDeadline].sort((a, b) => a - b);
      const horizon = addDays(asOf, (thresholds[thresholds.length - 1] ?? 0) + 1);
      // A chunk at a time, the event loop free between chunks: nationally this is every overdue share.
      const targets: ReminderTarget[] = [];
      for (let afterId = 0; ;) {
        const chunk = await listOpenAssignmentsDueBy(db, horizon, { afterId, limit: LIST_CHUNK });
        targets.push(...chunk);
        if (chunk.length < LIST_CHUNK) return targets;
        afterId = chunk[chunk.length - 1]!.assignmentId;
        await yieldToEventLoop();
      }
    },
    async each(tx: Tx, t: ReminderTarget) {
      const due = effectiveDeadline(t.deadlineDate!, rules);
      const left = daysBetween(asOf, due);
      const link = `/tasks/${t.assignmentId}`;
      if (left < 0) {
        if (!reminders.notifyOverdue) return 0;
        const recipients = [...await responsibleRecipients(tx, t.orgUnitId), ...await supervisorRecipients(tx, t.orgUnitId)];
        return notify(ctx, tx, recipients, {
          kind: 'overdue', title: `${t.orgName}任务${t.taskCode}已逾期`, orgUnitId: t.orgUnitId, link,
          params: { unit: t.orgName, code: t.taskCode, problem: t.problem, deadline: t.deadlineDate!, days: -left },
          body: `${t.orgName}承担的${short(t)}整改时限为${zhDate(t.deadlineDate)}，已逾期${-left}天，尚未完成整改。`,
        }, `overdue:${t.assignmentId}:${t.deadlineDate}`);
      }
      // The tightest threshold reached: a sweep that missed days sends one reminder, not one per threshold passed.
      const threshold = thresholds.find((d) => left <= d);
      if (threshold === undefined) return 0;
      return notify(ctx, tx, await responsibleRecipients(tx, t.orgUnitId), {
        kind: 'deadline_soon', title: `任务${t.taskCode}距整改时限还有${left}天`, orgUnitId: t.orgUnitId, link,
        params: { unit: t.orgName, code: t.taskCode, problem: t.problem, deadline: t.deadlineDate!, due, days: left },
        body: `${t.orgName}承担的${short(t)}整改时限为${zhDate(t.deadlineDate)}${due !== t.deadlineDate ? `（遇节假日顺延至${zhDate(due)}）` : ''}，尚未完成整改。`,
      }, `deadline-soon:${t.assignmentId}:${t.deadlineDate}:${threshold}`);
    },
  };
}

/** The follow-up of closed long-term tasks, once per follow-up period. */
export function followUpReminders(ctx: AppContext, asOf: string): SweepPart<ReminderTarget> {
  let period: ReturnType<typeof periodContaining>;
  return {
    async list(db: Conn) {
      const { followUpCycle } = await readSettings(db, 'closure');
      period = periodContaining(followUpCycle, asOf);
      // Closed during this period: the closure itself was the check for it.
      return (await listClosedLongTermAssignments(db)).filter((t) => t.closedAt && t.closedAt.slice(0, 10) < period.start);
    },
    async each(tx: Tx, t: ReminderTarget) {
      return notify(ctx, tx, await responsibleRecipients(tx, t.orgUnitId), {
        kind: 'follow_up', title: `长期坚持任务${t.taskCode}${period.label}跟踪`, orgUnitId: t.orgUnitId, link: `/tasks/${t.assignmentId}`,
        params: { unit: t.orgName, code: t.taskCode, problem: t.problem, periodStart: period.start, periodEnd: period.end },
        body: `${t.orgName}的${short(t)}已销号，属长期坚持任务，请报送${period.label}长效机制运行和巩固情况，防止问题反弹。`,
      }, `follow-up:${t.assignmentId}:${period.start}`);
    },
  };
}
