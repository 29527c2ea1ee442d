/**
 * One pass of the job runner: put back what dead workers had claimed (leases run out), enqueue today's daily jobs
 * (schedule refresh, reminder sweep; their dedupe keys carry the date, so any number of runners enqueue each once),
 * run every job due by `now`, then deliver the outbox. Tests call it with the moment they mean; the worker calls it
 * on a timer. Leases are kept in wall-clock time whatever `now` is (see jobs.repository.ts for the semantics).
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../services/context.js';
import { JOB_KINDS } from '../services/follow-up-jobs.js';
import { claimNextJob, enqueueJob, JOB_LEASE_MS, markJobDone, markJobFailed, renewJobLease, requeueExpiredJobs, type Job } from '../db/jobs.repository.js';
import { OUTBOX_LEASE_MS, requeueExpiredOutbox } from '../db/outbox.repository.js';
import { JOB_HANDLERS } from './handlers.js';
import { deliverOutbox, type DeliverySummary } from './delivery.js';
import { LeaseLostError, whileRenewing } from './lease.js';
import { chinaDate } from '../core/calendar-date.js';

export interface RunSummary { ran: number; retried: number; failed: number; delivery: DeliverySummary }

/** Runs one claimed job under its lease; a transactional handler's effects and the job's completion commit together. */
async function runJob(ctx: AppContext, job: Job, workerId: string, now: Date): Promise<void> {
  const handler = JOB_HANDLERS[job.kind];
  if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
  await whileRenewing(() => renewJobLease(ctx.db, job, workerId), async () => {
    if (handler.inTransaction) {
      await ctx.db.transaction().execute(async (tx) => {
        await handler.run(ctx, tx, job.payload, now);
        if (!(await markJobDone(tx, job, workerId))) throw new LeaseLostError(job.id);
      });
    } else {
      await handler.run(ctx, job.payload, now);
      // A lost lease here means another worker runs it again: handlers outside one transaction are idempotent.
      await markJobDone(ctx.db, job, workerId);
    }
  });
}

export async function runDueJobs(ctx: AppContext, now: Date = new Date(), opts: { workerId?: string; maxJobs?: number } = {}): Promise<RunSummary> {
  const workerId = opts.workerId ?? `w-${process.pid}-${randomBytes(3).toString('hex')}`;
  const at = now.toISOString();
  // The day in China: from 00:00 to 08:00 Beijing time the UTC date is still yesterday.
  const asOf = chinaDate(now);
  const clock = Date.now();
  await requeueExpiredJobs(ctx.db, new Date(clock - JOB_LEASE_MS).toISOString());
  await requeueExpiredOutbox(ctx.db, new Date(clock - OUTBOX_LEASE_MS).toISOString());
  await enqueueJob(ctx.db, { kind: JOB_KINDS.scheduleRefresh, payload: { asOf }, runAt: at, dedupeKey: `${JOB_KINDS.scheduleRefresh}:${asOf}` });
  await enqueueJob(ctx.db, { kind: JOB_KINDS.remindersSweep, payload: { asOf }, runAt: at, dedupeKey: `${JOB_KINDS.remindersSweep}:${asOf}` });
  const summary: RunSummary = { ran: 0, retried: 0, failed: 0, delivery: { sent: 0, retry: 0, failed: 0 } };
  for (let n = 0; n < (opts.maxJobs ?? 1000); n++) {
    const job = await claimNextJob(ctx.db, ctx.dialect, workerId, at);
    if (!job) break;
    try {
      await runJob(ctx, job, workerId, now);
      summary.ran++;
    } catch (error) {
      // Someone else holds it now: neither a retry nor a failure of ours.
      if (error instanceof LeaseLostError) continue;
      const outcome = await markJobFailed(ctx.db, job, workerId, error instanceof Error ? error.message : String(error), at);
      if (outcome === 'retry') summary.retried++;
      else summary.failed++;
    }
  }
  summary.delivery = await deliverOutbox(ctx);
  return summary;
}
