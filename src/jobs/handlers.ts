/**
 * What each job kind does. Most handlers run inside one transaction (a throw rolls it back and the job is retried);
 * the daily ones manage their own, smaller transactions.
 */
import { chinaDate } from '../core/calendar-date.js';
import { z } from 'zod';
import type { AppContext } from '../services/context.js';
import type { Tx } from '../db/database.js';
import { JOB_KINDS } from '../services/follow-up-jobs.js';
import { refreshAllSchedules } from '../services/schedule.js';
import { remindDeadlines, remindLongTermFollowUps } from './task-reminders.js';
import { remindEndedNotices, remindReviews, remindRounds } from './round-reminders.js';
import { noticeClosureEvent, noticeReportEvent, noticeRoundOpened } from './event-notices.js';

export type JobHandler =
  | { inTransaction: true; run(ctx: AppContext, tx: Tx, payload: unknown, now: Date): Promise<unknown> }
  | { inTransaction: false; run(ctx: AppContext, payload: unknown, now: Date): Promise<unknown> };

const AsOf = z.object({ asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() });
const dateOf = (payload: unknown, now: Date) => AsOf.parse(payload).asOf ?? chinaDate(now);

export const JOB_HANDLERS: Record<string, JobHandler> = {
  // Many small transactions of its own: a national ledger is too big for one.
  [JOB_KINDS.scheduleRefresh]: { inTransaction: false, run: (ctx, payload, now) => refreshAllSchedules(ctx, dateOf(payload, now)) },
  // One transaction per kind of reminder: a national sweep should not hold SQLite's single writer for long, and
  // the dedupe keys make a retried sweep create only what the failed part had not.
  [JOB_KINDS.remindersSweep]: {
    inTransaction: false,
    async run(ctx, payload, now) {
      const asOf = dateOf(payload, now);
      const inTx = (part: (tx: Tx) => Promise<number>) => ctx.db.transaction().execute(part);
      return {
        deadlines: await inTx((tx) => remindDeadlines(ctx, tx, asOf)), followUps: await inTx((tx) => remindLongTermFollowUps(ctx, tx, asOf)),
        rounds: await inTx((tx) => remindRounds(ctx, tx, asOf)), reviews: await inTx((tx) => remindReviews(ctx, tx)),
        notices: await inTx((tx) => remindEndedNotices(ctx, tx, asOf)),
      };
    },
  },
  [JOB_KINDS.reportEvent]: { inTransaction: true, run: (ctx, tx, payload) => noticeReportEvent(ctx, tx, payload) },
  [JOB_KINDS.roundOpened]: { inTransaction: true, run: (ctx, tx, payload) => noticeRoundOpened(ctx, tx, payload) },
  [JOB_KINDS.closureEvent]: { inTransaction: true, run: (ctx, tx, payload) => noticeClosureEvent(ctx, tx, payload) },
};
