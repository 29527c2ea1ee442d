/**
 * The schedule refresh for a set of assignments at once: what `refreshSchedule` (schedule.ts) does for one, with the
 * inputs read a few queries per 500 assignments and only the rows whose status or warning moves written. The parents
 * of the set are then refreshed as a set in turn, so a child's new colour reaches its ancestors exactly as the
 * one-by-one refresh carries it. Used where one transaction changes many assignments (a returned sheet, a plan).
 */
import { AppError } from '../core/errors.js';
import type { Conn } from '../db/database.js';
import { listScheduleInputs, writeAssignmentState, type AssignmentChange } from '../db/schedule-set.repository.js';
import { computeScheduleFrom, readScheduleSettings, sameReason, today, type ScheduleSettings } from './schedule.js';
import { recordAssignmentStates } from '../db/state-history.repository.js';

/** Changes not yet written, by assignment id, with the version they were decided at. */
export type PendingChanges = Map<number, { version: number; change: AssignmentChange }>;

/** How many assignments are read and computed at a time (their inputs are dropped before the next part). */
const PART = 500;

/**
 * One set refresh fed in parts: `add` recomputes and writes a part of the set at once (with its pending changes),
 * keeping only the ids of their parents; `finish` then refreshes the parents level by level and records the states of
 * every assignment written or looked at. A caller that writes many rows (a returned sheet) adds each part as it
 * goes, so no more than a part's inputs are held; the result is what one `refreshSchedules` over the whole set gives
 * (a parent is computed after all its children, whichever part they came in).
 */
export class ScheduleSetRefresh {
  /** Rows written (states that moved, and every pending change). */
  written = 0;
  private readonly parents = new Set<number>();
  private readonly seen = new Set<number>();

  constructor(private readonly tx: Conn, private readonly asOf: string, private readonly settings: ScheduleSettings) {}

  /** Recomputes these assignments (and those with pending changes) now; their parents wait for `finish`. */
  async add(ids: readonly number[], pending?: PendingChanges): Promise<void> {
    await this.level([...new Set([...ids, ...(pending?.keys() ?? [])])], this.parents, pending);
  }

  /** Refreshes the parents of everything added, level by level, and records the states; returns the rows written. */
  async finish(): Promise<number> {
    let level = [...this.parents];
    this.parents.clear();
    // A parent chain is a few levels deep (province → city → county); the bound only guards against a cycle.
    for (let depth = 1; level.length > 0 && depth < 50; depth++) {
      const parents = new Set<number>();
      await this.level(level, parents);
      // Each level is the parents of the one below, read after its children were written.
      level = [...parents];
    }
    // The history as-of reads replay (state-history.repository.ts): an unchanged state is not appended again.
    await recordAssignmentStates(this.tx, [...this.seen]);
    return this.written;
  }

  private async level(ids: readonly number[], parents: Set<number>, pending?: PendingChanges): Promise<void> {
    for (let i = 0; i < ids.length; i += PART) {
      for (const read of await listScheduleInputs(this.tx, ids.slice(i, i + PART), this.asOf)) {
        const p = pending?.get(read.assignment.id);
        pending?.delete(read.assignment.id);
        const conflict = () => new AppError('VERSION_CONFLICT', '该任务已被他人修改，请刷新后查看最新内容再提交', { assignmentId: read.assignment.id });
        if (p && p.version !== read.assignment.version) throw conflict();
        const input = p ? { ...read, assignment: { ...read.assignment, ...p.change } as typeof read.assignment } : read;
        const a = input.assignment;
        this.seen.add(a.id);
        if (a.parentId !== null) parents.add(a.parentId);
        const { computed, warning } = computeScheduleFrom(input, this.asOf, this.settings);
        if (!p && a.scheduleStatus === computed.status && a.warning === warning.color && a.warningReason === warning.reason && sameReason(a.warningReasonCode, warning.why)) continue;
        if (!await writeAssignmentState(this.tx, a.id, a.version, { ...p?.change, scheduleStatus: computed.status, warning: warning.color, warningReason: warning.reason, warningReasonCode: warning.why })) {
          throw conflict();
        }
        this.written++;
      }
    }
  }
}

/**
 * Recomputes these assignments and then, level by level, their ancestors through the parent links; returns how many
 * rows were written. A parent shared by several of them is computed once more after its children. `pending` changes
 * are computed over and written in the same statement as the state (VERSION_CONFLICT if the row moved since).
 */
export async function refreshSchedules(tx: Conn, ids: readonly number[], asOf: string = today(), opts: { settings?: ScheduleSettings; pending?: PendingChanges } = {}): Promise<number> {
  const refresh = new ScheduleSetRefresh(tx, asOf, opts.settings ?? await readScheduleSettings(tx));
  await refresh.add(ids, opts.pending);
  return refresh.finish();
}
