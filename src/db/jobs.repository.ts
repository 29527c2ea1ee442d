/**
 * The job queue kept in the jobs table, on SQLite and PostgreSQL alike. A job is enqueued inside the transaction of
 * the change that calls for it (a unique dedupe_key makes enqueuing idempotent); workers claim one due job at a time
 * atomically — PostgreSQL with FOR UPDATE SKIP LOCKED, SQLite with a conditional UPDATE of its state by id — so two
 * live workers never run the same job.
 *
 * A claim is a lease: `locked_at` is the wall-clock time the worker last said it still holds the job; it renews it
 * every JOB_LEASE_RENEW_MS while the job runs. A worker that dies (SIGKILL, power loss) stops renewing, and once
 * JOB_LEASE_MS has passed any worker's next pass puts the job back in the queue (`requeueExpiredJobs`). The claim's
 * attempt number fences the old holder: renewing, finishing or failing a job needs the same worker *and* the same
 * attempt, so a worker that lost its lease can no longer touch the job. Semantics: at-least-once. A job whose handler
 * runs in one transaction is marked done in that same transaction, so its effects and its completion commit together
 * and it is never done twice; other handlers are idempotent (their notifications have dedupe keys).
 */
import { sql } from 'kysely';
import type { Conn, Db, Dialect } from './database.js';
import { nowIso } from './clock.js';

export interface Job { id: number; kind: string; payload: unknown; runAt: string; attempts: number; dedupeKey: string | null }

export const MAX_JOB_ATTEMPTS = 5;
/** How long a claim holds without renewal: past it, the job's worker is taken to be dead. */
export const JOB_LEASE_MS = 60_000;
/** How often a worker renews the leases it holds: several renewals fit in one lease, so a slow query does not lose it. */
export const JOB_LEASE_RENEW_MS = 15_000;
/**
 * run_at of a job due at once: earlier than any moment a runner is given, so an event's follow-up never waits on
 * clocks (a runner passed an earlier `now`, or a server whose clock lags the database writer's).
 */
export const RUN_AT_ONCE = '1970-01-01T00:00:00.000Z';

/** Adds a job (due at once unless `runAt` says otherwise) unless one with the same dedupe key exists; returns whether it was added. */
export async function enqueueJob(db: Conn, job: { kind: string; payload: unknown; runAt?: string; dedupeKey?: string | null }): Promise<boolean> {
  const res = await db.insertInto('jobs').values({
    kind: job.kind, payload: JSON.stringify(job.payload), run_at: job.runAt ?? RUN_AT_ONCE, state: 'queued', dedupe_key: job.dedupeKey ?? null,
  }).onConflict((oc) => oc.column('dedupe_key').doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

type JobRow = { id: number; kind: string; payload: string; run_at: string; attempts: number; dedupe_key: string | null };
const toJob = (r: JobRow): Job => ({ id: r.id, kind: r.kind, payload: JSON.parse(r.payload) as unknown, runAt: r.run_at, attempts: r.attempts, dedupeKey: r.dedupe_key });

/**
 * Claims the next job due by `now` (the runner's moment) for this worker, or undefined when none is due. The lease
 * starts at the wall-clock time, whatever moment the runner was given.
 */
export async function claimNextJob(db: Db, dialect: Dialect, workerId: string, now: string): Promise<Job | undefined> {
  const leasedAt = nowIso();
  if (dialect === 'postgres') {
    const r = await sql<JobRow>`UPDATE jobs SET state = 'running', locked_by = ${workerId}, locked_at = ${leasedAt}, attempts = attempts + 1
      WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= ${now} ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, payload, run_at, attempts, dedupe_key`.execute(db);
    return r.rows[0] && toJob(r.rows[0]);
  }
  // SQLite has no row locks: whoever flips the state from queued first owns the job; the loser tries the next one.
  for (;;) {
    const candidate = await db.selectFrom('jobs').select('id').where('state', '=', 'queued').where('run_at', '<=', now)
      .orderBy('run_at').orderBy('id').limit(1).executeTakeFirst();
    if (!candidate) return undefined;
    const res = await db.updateTable('jobs').set((eb) => ({ state: 'running', locked_by: workerId, locked_at: leasedAt, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', candidate.id).where('state', '=', 'queued').executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) {
      return toJob(await db.selectFrom('jobs').select(['id', 'kind', 'payload', 'run_at', 'attempts', 'dedupe_key']).where('id', '=', candidate.id).executeTakeFirstOrThrow());
    }
  }
}

/** The job as this worker's current claim: same worker, same attempt, still running. */
const heldBy = (db: Conn, job: Pick<Job, 'id' | 'attempts'>, workerId: string) => db.updateTable('jobs')
  .where('id', '=', job.id).where('locked_by', '=', workerId).where('attempts', '=', job.attempts).where('state', '=', 'running');

/**
 * Marks the job done; false when this worker no longer holds it (its lease ran out and the job was requeued). Called
 * with the handler's transaction, the job's effects and its completion commit together.
 */
export async function markJobDone(db: Conn, job: Pick<Job, 'id' | 'attempts'>, workerId: string): Promise<boolean> {
  const res = await heldBy(db, job, workerId).set({ state: 'done', finished_at: nowIso(), error: null }).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A failed attempt: back to the queue with exponential backoff, or failed for good after the last attempt. */
export async function markJobFailed(db: Conn, job: Job, workerId: string, error: string, now: string): Promise<'retry' | 'failed'> {
  const final = job.attempts >= MAX_JOB_ATTEMPTS;
  const retryAt = new Date(Date.parse(now) + 60_000 * 2 ** (job.attempts - 1)).toISOString();
  await heldBy(db, job, workerId).set(final
    ? { state: 'failed', finished_at: nowIso(), error: error.slice(0, 2000) }
    : { state: 'queued', run_at: retryAt, locked_by: null, locked_at: null, error: error.slice(0, 2000) }).execute();
  return final ? 'failed' : 'retry';
}

/** Renews this worker's lease on a job it runs; false when the lease was already lost. */
export async function renewJobLease(db: Conn, job: Pick<Job, 'id' | 'attempts'>, workerId: string): Promise<boolean> {
  const res = await heldBy(db, job, workerId).set({ locked_at: nowIso() }).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Puts back the jobs whose lease was last renewed before `expiredBefore` (their worker died mid-run): queued again,
 * or failed for good when the lost run was already the last attempt (a job that kills its worker every time must
 * not kill every worker forever). Returns how many were requeued and failed.
 */
export async function requeueExpiredJobs(db: Conn, expiredBefore: string): Promise<{ requeued: number; failed: number }> {
  const failed = await db.updateTable('jobs')
    .set({ state: 'failed', finished_at: nowIso(), locked_by: null, locked_at: null, error: 'its worker stopped during the last attempt' })
    .where('state', '=', 'running').where('locked_at', '<', expiredBefore).where('attempts', '>=', MAX_JOB_ATTEMPTS).executeTakeFirst();
  const requeued = await db.updateTable('jobs')
    .set({ state: 'queued', locked_by: null, locked_at: null, error: 'its worker stopped during the run; requeued' })
    .where('state', '=', 'running').where('locked_at', '<', expiredBefore).executeTakeFirst();
  return { requeued: Number(requeued.numUpdatedRows), failed: Number(failed.numUpdatedRows) };
}

export interface JobRecord { id: number; kind: string; state: string; attempts: number; runAt: string; error: string | null; dedupeKey: string | null }

export async function listJobs(db: Conn, filter: { kind?: string } = {}): Promise<JobRecord[]> {
  let q = db.selectFrom('jobs').select(['id', 'kind', 'state', 'attempts', 'run_at', 'error', 'dedupe_key']).orderBy('id');
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  return (await q.execute()).map((r) => ({ id: r.id, kind: r.kind, state: r.state, attempts: r.attempts, runAt: r.run_at, error: r.error, dedupeKey: r.dedupe_key }));
}
