/**
 * Holding a lease while work runs: the claim of a job or of an outbox message is renewed on a timer until the work
 * ends, so only a worker that has stopped (killed, frozen, cut off from the database) loses what it claimed.
 */
import { JOB_LEASE_RENEW_MS } from '../db/jobs.repository.js';

/** The work's result; `renew` runs every `everyMs` meanwhile (a failed renewal is retried at the next tick). */
export async function whileRenewing<T>(renew: () => Promise<unknown>, work: () => Promise<T>, everyMs = JOB_LEASE_RENEW_MS): Promise<T> {
  const timer = setInterval(() => { renew().catch(() => undefined); }, everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Thrown inside a job's transaction when its lease was lost meanwhile: the transaction rolls back, the new holder runs it. */
export class LeaseLostError extends Error {
  constructor(jobId: number) {
    super(`job ${jobId} was taken over by another worker after its lease ran out`);
  }
}
