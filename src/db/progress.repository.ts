/** Milestones, indicators with their dated values, and progress reports of an assignment. */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import type { IndicatorState, MilestoneState } from '../core/schedule.js';

export async function milestoneStates(db: Conn, assignmentId: number): Promise<MilestoneState[]> {
  const rows = await db.selectFrom('milestones').select(['due_date', 'done_date', 'weight']).where('assignment_id', '=', assignmentId).execute();
  return rows.map((r) => ({ dueDate: r.due_date, doneDate: r.done_date, weight: r.weight }));
}

/** Each indicator with its latest value on or before asOf. */
export async function indicatorStates(db: Conn, assignmentId: number, asOf: string): Promise<IndicatorState[]> {
  const indicators = await db.selectFrom('indicators').selectAll().where('assignment_id', '=', assignmentId).execute();
  const out: IndicatorState[] = [];
  for (const i of indicators) {
    const latest = await db.selectFrom('indicator_values').select('value').where('indicator_id', '=', i.id)
      .where('as_of', '<=', asOf).orderBy('as_of', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    out.push({
      baseline: i.baseline, baselineDate: i.baseline_date, target: i.target, targetDate: i.target_date,
      comparator: i.comparator as IndicatorState['comparator'], actual: latest?.value ?? null,
    });
  }
  return out;
}

export interface NewProgressReport {
  assignmentId: number;
  roundId?: number | null;
  periodLabel?: string | null;
  asOf: string;
  progress?: string | null;
  problems?: string | null;
  nextSteps?: string | null;
  statusText?: string | null;
  statusCode?: string | null;
  measuresSnapshot?: unknown;
  state: 'draft' | 'submitted' | 'accepted' | 'returned';
  source: 'manual' | 'import';
  importId?: number | null;
  submittedBy?: number | null;
}

export async function insertProgressReport(db: Conn, r: NewProgressReport): Promise<number> {
  const now = nowIso();
  const { id } = await db.insertInto('progress_reports').values({
    assignment_id: r.assignmentId, round_id: r.roundId ?? null, period_label: r.periodLabel ?? null, as_of: r.asOf,
    progress: r.progress ?? null, problems: r.problems ?? null, next_steps: r.nextSteps ?? null,
    status_text: r.statusText ?? null, status_code: r.statusCode ?? null,
    measures_snapshot: r.measuresSnapshot === undefined ? null : JSON.stringify(r.measuresSnapshot),
    state: r.state, source: r.source, import_id: r.importId ?? null, submitted_by: r.submittedBy ?? null,
    submitted_at: r.state === 'draft' ? null : now, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}
