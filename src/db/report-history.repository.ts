/**
 * Each progress report's own history, from the audit trail: submitted, resubmitted, returned (with the reason) and
 * accepted (with the comment). A report resubmitted after a return is the same row, so its earlier returns and their
 * reasons live only here; the task's timeline shows them all, also after a later acceptance.
 */
import type { Conn } from './database.js';

export type ReportStep = 'submit' | 'resubmit' | 'return' | 'accept';
export interface ReportHistoryEntry { at: string; step: ReportStep; actorName: string; text: string | null }

const STEPS: Record<string, ReportStep> = {
  'progress_report.submit': 'submit', 'progress_report.resubmit': 'resubmit', 'progress_report.return': 'return', 'progress_report.accept': 'accept',
};

/** The steps of every report of the assignment, oldest first, by report id. */
export async function listReportHistories(db: Conn, assignmentId: number): Promise<Map<number, ReportHistoryEntry[]>> {
  const rows = await db.selectFrom('audit_events').select(['entity_id', 'at', 'action', 'actor_name', 'after'])
    .where('assignment_id', '=', assignmentId).where('entity_type', '=', 'progress_report').where('action', 'in', Object.keys(STEPS))
    .orderBy('id').execute();
  const out = new Map<number, ReportHistoryEntry[]>();
  for (const r of rows) {
    const after = (r.after === null ? {} : JSON.parse(r.after)) as { reason?: string | null; comment?: string | null };
    const step = STEPS[r.action]!;
    const text = step === 'return' ? (after.reason ?? null) : step === 'accept' ? (after.comment ?? null) : null;
    const id = Number(r.entity_id);
    out.set(id, [...(out.get(id) ?? []), { at: r.at, step, actorName: r.actor_name, text }]);
  }
  return out;
}
