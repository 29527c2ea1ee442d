/**
 * What the schedule refresh reads, for many assignments at once (a few queries per 500): the assignments, their
 * milestones, their indicators with the latest value on or before a day, and their children's computed state. The
 * set-based refresh (services/schedule-set.ts) computes from these what `refreshSchedule` computes one by one.
 */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import { toAssignment } from './assignments.repository.js';
import type { Assignment } from '../core/api/assignments.js';
import type { IndicatorState, MilestoneState } from '../core/schedule.js';
import type { ChildScheduleState } from './schedule.repository.js';
import type { ScheduleStatus, WarningColor } from '../core/schedule.js';
import { parseReason, type Reason } from '../core/reason-text.js';

const CHUNK = 500;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const l = map.get(key);
  if (l) l.push(value); else map.set(key, [value]);
}

export interface ScheduleInputs {
  assignment: Assignment;
  milestones: MilestoneState[];
  indicators: IndicatorState[];
  children: ChildScheduleState[];
}

/** The inputs of each assignment's schedule as of a day; ids that do not exist are left out. */
export async function listScheduleInputs(db: Conn, ids: readonly number[], asOf: string): Promise<ScheduleInputs[]> {
  const out: ScheduleInputs[] = [];
  for (const part of chunks([...new Set(ids)])) {
    const assignments = (await db.selectFrom('assignments').selectAll().where('id', 'in', part).execute()).map(toAssignment);
    const milestones = new Map<number, MilestoneState[]>();
    for (const m of await db.selectFrom('milestones').select(['assignment_id', 'due_date', 'done_date', 'weight']).where('assignment_id', 'in', part).orderBy('id').execute()) {
      push(milestones, m.assignment_id, { dueDate: m.due_date, doneDate: m.done_date, weight: m.weight });
    }
    const indicatorRows = await db.selectFrom('indicators').selectAll().where('assignment_id', 'in', part).orderBy('id').execute();
    const latest = new Map<number, number>();
    for (const ip of chunks(indicatorRows.map((i) => i.id))) {
      // Oldest first, so the last value kept per indicator is the latest on or before the day.
      const values = await db.selectFrom('indicator_values').select(['indicator_id', 'value']).where('indicator_id', 'in', ip).where('as_of', '<=', asOf)
        .orderBy('as_of').orderBy('id').execute();
      for (const v of values) latest.set(v.indicator_id, v.value);
    }
    const indicators = new Map<number, IndicatorState[]>();
    for (const i of indicatorRows) {
      push(indicators, i.assignment_id, {
        baseline: i.baseline, baselineDate: i.baseline_date, target: i.target, targetDate: i.target_date,
        comparator: i.comparator as IndicatorState['comparator'], actual: latest.get(i.id) ?? null,
      });
    }
    const children = new Map<number, ChildScheduleState[]>();
    const childRows = await db.selectFrom('assignments as a').innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
      .select(['a.id', 'a.parent_id', 'o.name', 'a.schedule_status', 'a.warning', 'a.warning_reason', 'a.warning_reason_code']).where('a.parent_id', 'in', part)
      .orderBy('o.path').orderBy('a.id').execute();
    for (const r of childRows) {
      push(children, r.parent_id!, {
        id: r.id, orgName: r.name, status: (r.schedule_status ?? 'unknown') as ScheduleStatus, warning: (r.warning ?? 'green') as WarningColor, reason: r.warning_reason, why: parseReason(r.warning_reason_code),
      });
    }
    for (const a of assignments) {
      out.push({ assignment: a, milestones: milestones.get(a.id) ?? [], indicators: indicators.get(a.id) ?? [], children: children.get(a.id) ?? [] });
    }
  }
  return out;
}

/** Fields a batch (a returned sheet's rows) changes on an assignment, written with its recomputed state. */
export interface AssignmentChange {
  statusText?: string; statusCode?: string | null; latestProgress?: string; isLongTerm?: boolean; isCompleted?: boolean; completedAt?: string | null;
  deadlineKind?: string; deadlineDate?: string | null;
}

/**
 * Writes one assignment's computed state, with any change of the batch beside it in the same statement (so the
 * roll-up triggers run once for the row), at the version it was read at; false when it changed since.
 */
export async function writeAssignmentState(db: Conn, id: number, version: number, s: AssignmentChange & { scheduleStatus: ScheduleStatus; warning: WarningColor | null; warningReason: string | null; warningReasonCode: Reason | null }): Promise<boolean> {
  const bool = (b: boolean | undefined) => (b === undefined ? undefined : b ? 1 : 0);
  const res = await db.updateTable('assignments').set((eb) => ({
    status_text: s.statusText, status_code: s.statusCode, latest_progress: s.latestProgress, is_long_term: bool(s.isLongTerm), is_completed: bool(s.isCompleted),
    completed_at: s.completedAt, deadline_kind: s.deadlineKind, deadline_date: s.deadlineDate,
    schedule_status: s.scheduleStatus, warning: s.warning, warning_reason: s.warningReason, warning_reason_code: s.warningReasonCode && JSON.stringify(s.warningReasonCode), updated_at: nowIso(), version: eb('version', '+', 1),
  })).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
