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
import { deadlineReminders, followUpReminders } from './task-reminders.js';
import { endedNoticeReminders, reviewReminders, roundReminders } from './round-reminders.js';
import { runSweepPart } from './sweep.js';
import { noticeClosureEvent, noticeReportEvent, noticeRoundOpened } from './event-notices.js';

export type JobHandler =
  | { inTransaction: true; run(ctx: AppContext, tx: Tx, payload: unknown, now: Date): Promise<unknown> }
  | { inTransaction: false; run(ctx: AppContext, payload: unknown, now: Date): Promise<unknown> };

const AsOf = z.object({ asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() });
const dateOf = (payload: unknown, now: Date) => AsOf.parse(payload).asOf ?? chinaDate(now);

export const JOB_HANDLERS: Record<string, JobHandler> = {
  // Many small transactions of its own, the event loop free between them: a national ledger is too big for one. The
  // daily pass (its payload names the day) recomputes what the date can move; one after a change of the settings
  // (its payload gives the reason) recomputes every open assignment.
  [JOB_KINDS.scheduleRefresh]: {
    inTransaction: false,
    run: (ctx, payload, now) => refreshAllSchedules(ctx, dateOf(payload, now), { only: AsOf.parse(payload).asOf ? 'date' : 'all' }),
  },
  // Part by part, each in transactions of a few milliseconds with the event loop free between them (a national sweep
  // must neither hold SQLite's single writer nor the server's answers for long); the dedupe keys make a retried sweep
  // create only what the failed part had not.
  [JOB_KINDS.remindersSweep]: {
    inTransaction: false,
    async run(ctx, payload, now) {
      const asOf = dateOf(payload, now);
      return {
        deadlines: await runSweepPart(ctx, deadlineReminders(ctx, asOf)), followUps: await runSweepPart(ctx, followUpReminders(ctx, asOf)),
        rounds: await runSweepPart(ctx, roundReminders(ctx, asOf)), reviews: await runSweepPart(ctx, reviewReminders(ctx)),
        notices: await runSweepPart(ctx, endedNoticeReminders(ctx, asOf)),
      };
    },
  },
  [JOB_KINDS.reportEvent]: { inTransaction: true, run: (ctx, tx, payload) => noticeReportEvent(ctx, tx, payload) },
  [JOB_KINDS.roundOpened]: { inTransaction: true, run: (ctx, tx, payload) => noticeRoundOpened(ctx, tx, payload) },
  [JOB_KINDS.closureEvent]: { inTransaction: true, run: (ctx, tx, payload) => noticeClosureEvent(ctx, tx, payload) },
};
