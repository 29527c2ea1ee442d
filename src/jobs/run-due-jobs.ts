/**
 * One pass of the job runner: enqueue today's daily jobs (schedule refresh, reminder sweep; their dedupe keys carry
 * the date, so any number of runners enqueue each once), run every job due by `now`, then deliver the outbox. Tests
 * call it with the moment they mean; the worker calls it on a timer.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../services/context.js';
import { JOB_KINDS } from '../services/follow-up-jobs.js';
import { claimNextJob, enqueueJob, markJobDone, markJobFailed, requeueStaleJobs } from '../db/jobs.repository.js';
import { JOB_HANDLERS } from './handlers.js';
import { deliverOutbox, type DeliverySummary } from './delivery.js';

/** A job running longer than this is taken to have lost its worker. */
const STALE_AFTER_MS = 30 * 60_000;

export interface RunSummary { ran: number; retried: number; failed: number; delivery: DeliverySummary }

export async function runDueJobs(ctx: AppContext, now: Date = new Date(), opts: { workerId?: string; maxJobs?: number } = {}): Promise<RunSummary> {
  const workerId = opts.workerId ?? `w-${process.pid}-${randomBytes(3).toString('hex')}`;
  const at = now.toISOString();
  const asOf = at.slice(0, 10);
  await requeueStaleJobs(ctx.db, new Date(now.getTime() - STALE_AFTER_MS).toISOString());
  await enqueueJob(ctx.db, { kind: JOB_KINDS.scheduleRefresh, payload: { asOf }, runAt: at, dedupeKey: `${JOB_KINDS.scheduleRefresh}:${asOf}` });
  await enqueueJob(ctx.db, { kind: JOB_KINDS.remindersSweep, payload: { asOf }, runAt: at, dedupeKey: `${JOB_KINDS.remindersSweep}:${asOf}` });
  const summary: RunSummary = { ran: 0, retried: 0, failed: 0, delivery: { sent: 0, retry: 0, failed: 0 } };
  for (let n = 0; n < (opts.maxJobs ?? 1000); n++) {
    const job = await claimNextJob(ctx.db, ctx.dialect, workerId, at);
    if (!job) break;
    try {
      const handler = JOB_HANDLERS[job.kind];
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      if (handler.inTransaction) await ctx.db.transaction().execute((tx) => handler.run(ctx, tx, job.payload, now));
      else await handler.run(ctx, job.payload, now);
      await markJobDone(ctx.db, job.id, workerId);
      summary.ran++;
    } catch (error) {
      const outcome = await markJobFailed(ctx.db, job, workerId, error instanceof Error ? error.message : String(error), at);
      if (outcome === 'retry') summary.retried++;
      else summary.failed++;
    }
  }
  summary.delivery = await deliverOutbox(ctx);
  return summary;
}
