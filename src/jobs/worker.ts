/**
 * The polling worker the server starts after it listens: one pass of `runDueJobs` at a time, every interval, and a
 * stop that waits for the pass under way. Several server instances may run workers on one database: claiming is atomic,
 * and a claim is a lease renewed while the job runs, so the claims of a worker that dies (SIGKILL, a lost machine) are
 * taken up by the next pass of any worker once their lease has run out (see jobs.repository.ts).
 * Every AUDIT_CHECKPOINT_MINUTES (and when it stops) it also records the audit chain's head outside the database;
 * instances doing so at once record the same head once.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../services/context.js';
import { runDueJobs } from './run-due-jobs.js';
import { writeAuditCheckpoint } from '../services/audit.js';

export interface JobWorker { stop(): Promise<void> }

export function startJobWorker(ctx: AppContext, opts: { intervalMs?: number; onError?: (error: unknown) => void } = {}): JobWorker {
  const interval = opts.intervalMs ?? 30_000;
  const workerId = `w-${process.pid}-${randomBytes(3).toString('hex')}`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> | undefined;
  const checkpointMs = ctx.config.audit.checkpointMinutes * 60_000;
  let nextCheckpoint = 0;
  const checkpointIfDue = async () => {
    if (checkpointMs === 0 || Date.now() < nextCheckpoint) return;
    nextCheckpoint = Date.now() + checkpointMs;
    await writeAuditCheckpoint(ctx);
  };
  const tick = () => {
    pass = runDueJobs(ctx, new Date(), { workerId }).then(checkpointIfDue).then(() => undefined, (error: unknown) => opts.onError?.(error)).finally(() => {
      pass = undefined;
      if (!stopped) timer = setTimeout(tick, interval);
    });
  };
  timer = setTimeout(tick, 1_000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await pass;
      if (checkpointMs > 0) await writeAuditCheckpoint(ctx).catch((error: unknown) => opts.onError?.(error));
    },
  };
}
