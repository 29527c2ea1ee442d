/**
 * The follow-up jobs a change enqueues in its own transaction (so a rolled-back change leaves no job behind). The
 * kinds are handled in src/jobs/; each dedupe key makes the same follow-up of the same event run once.
 */
import type { Conn } from '../db/database.js';
import { enqueueJob } from '../db/jobs.repository.js';

export const JOB_KINDS = {
  /** Daily: recompute every open assignment's schedule (dates move even when data does not). */
  scheduleRefresh: 'schedule.refresh',
  /** Daily: deadline, overdue, round, review, follow-up and closure reminders. */
  remindersSweep: 'reminders.sweep',
  /** A progress report was submitted, returned or accepted: tell the people concerned. */
  reportEvent: 'notify.report',
  /** A reporting round was opened: tell the units that owe reports. */
  roundOpened: 'notify.round_opened',
  /** A closure step was taken: tell the applicant's unit and the accepting unit. */
  closureEvent: 'notify.closure',
} as const;

export type ReportEvent = 'submitted' | 'returned' | 'accepted';

export async function enqueueReportEvent(tx: Conn, reportId: number, event: ReportEvent, version: number): Promise<void> {
  await enqueueJob(tx, { kind: JOB_KINDS.reportEvent, payload: { reportId, event, version }, dedupeKey: `report:${reportId}:${event}:v${version}` });
}

export async function enqueueRoundOpened(tx: Conn, roundId: number): Promise<void> {
  await enqueueJob(tx, { kind: JOB_KINDS.roundOpened, payload: { roundId }, dedupeKey: `round-opened:${roundId}` });
}

export async function enqueueClosureEvent(tx: Conn, closureId: number, step: string, stepId: number): Promise<void> {
  await enqueueJob(tx, { kind: JOB_KINDS.closureEvent, payload: { closureId, step, stepId }, dedupeKey: `closure:${closureId}:step:${stepId}` });
}

/** Recompute schedules now, e.g. after the warning thresholds changed. */
export async function enqueueScheduleRefresh(tx: Conn, reason: string): Promise<void> {
  await enqueueJob(tx, { kind: JOB_KINDS.scheduleRefresh, payload: { reason }, dedupeKey: `schedule.refresh:${reason}` });
}
