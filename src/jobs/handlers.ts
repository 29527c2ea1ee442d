/** What each job kind does. Handlers run inside one transaction each; a throw rolls it back and the job is retried. */
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
const dateOf = (payload: unknown, now: Date) => AsOf.parse(payload).asOf ?? now.toISOString().slice(0, 10);

export const JOB_HANDLERS: Record<string, JobHandler> = {
  // Many small transactions of its own: a national ledger is too big for one.
  [JOB_KINDS.scheduleRefresh]: { inTransaction: false, run: (ctx, payload, now) => refreshAllSchedules(ctx, dateOf(payload, now)) },
  [JOB_KINDS.remindersSweep]: {
    inTransaction: true,
    async run(ctx, tx, payload, now) {
      const asOf = dateOf(payload, now);
      return {
        deadlines: await remindDeadlines(ctx, tx, asOf), followUps: await remindLongTermFollowUps(ctx, tx, asOf),
        rounds: await remindRounds(ctx, tx, asOf), reviews: await remindReviews(ctx, tx), notices: await remindEndedNotices(ctx, tx, asOf),
      };
    },
  },
  [JOB_KINDS.reportEvent]: { inTransaction: true, run: (ctx, tx, payload) => noticeReportEvent(ctx, tx, payload) },
  [JOB_KINDS.roundOpened]: { inTransaction: true, run: (ctx, tx, payload) => noticeRoundOpened(ctx, tx, payload) },
  [JOB_KINDS.closureEvent]: { inTransaction: true, run: (ctx, tx, payload) => noticeClosureEvent(ctx, tx, payload) },
};
