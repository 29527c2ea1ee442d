/**
 * Reporting rounds (调度): an administrator opens one for a unit's subtree (and optionally one inspection) for the
 * period of the configured cycle; every assignment in scope that is not closed owes a report by the due date. The
 * round's page shows who has reported, who is late and what awaits review; the administrator closes it.
 */
import type { AppContext } from '../context.js';
import type { Conn } from '../../db/database.js';
import { AppError } from '../../core/errors.js';
import { classifyRoundEntry, roundPeriod, type RoundEntryState } from '../../core/reporting.js';
import { OpenRoundSchema, type OpenRoundInput } from '../../core/reporting-inputs.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { getRelatedInspection } from '../plans.js';
import { closeRoundRow, findRoundForPeriod, getRound, insertRound, listRoundEntries, listRoundsRelatedTo, roundNotFound, type Round } from '../../db/rounds.repository.js';
import { can } from '../../core/roles.js';
import { assertAt, assertRelated, pathsFor, type Access } from '../access.js';
import { readSettings } from '../settings.js';
import { today } from '../schedule.js';
import { enqueueRoundOpened } from '../follow-up-jobs.js';
import { latestRemindersOfRound } from '../../db/round-reminders.repository.js';

export async function openRound(ctx: AppContext, access: Access, raw: OpenRoundInput): Promise<Round> {
  const input = OpenRoundSchema.parse(raw);
  const settings = await readSettings(ctx.db, 'reporting');
  const cycle = input.cycle ?? settings.cycle;
  const period = roundPeriod(cycle, input.referenceDate ?? today(), { offsetDays: settings.dueOffsetDays, kind: settings.dueDayKind });
  const dueDate = input.dueDate ?? period.dueDate;
  if (dueDate < period.end) throw new AppError('VALIDATION_FAILED', `截止日期 ${dueDate} 早于本期结束日 ${period.end}`);
  return ctx.db.transaction().execute(async (tx) => {
    const scope = await getOrgUnitById(tx, input.scopeOrgId);
    assertAt(access, 'writeLedger', scope.path, new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${input.scopeOrgId} 的单位`));
    const inspection = input.inspectionId ? await getRelatedInspection(tx, access, input.inspectionId) : null;
    const key = { scopeOrgId: scope.id, inspectionId: inspection?.id ?? null, cycle, periodStart: period.start };
    const existing = await findRoundForPeriod(tx, key);
    if (existing) throw new AppError('ALREADY_EXISTS', `${scope.name}${period.label}的调度已开启（轮次 ${existing.id}）`, { roundId: existing.id });
    const name = input.name ?? `${scope.name}${period.label}${inspection ? `${inspection.name}` : ''}整改进展调度`;
    const id = await insertRound(tx, { ...key, name, periodEnd: period.end, dueDate, openedBy: access.actor.id });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'round.open', entityType: 'reporting_round', entityId: id, orgUnitId: scope.id,
      after: { name, cycle, periodStart: period.start, periodEnd: period.end, dueDate, inspectionId: key.inspectionId },
    });
    await enqueueRoundOpened(tx, id);
    return getRound(tx, id);
  });
}

export async function closeRound(ctx: AppContext, access: Access, roundId: number, version: number): Promise<Round> {
  return ctx.db.transaction().execute(async (tx) => {
    const round = await getRound(tx, roundId);
    assertAt(access, 'writeLedger', round.scopePath, roundNotFound(roundId));
    if (round.state !== 'open') throw new AppError('INVALID_TRANSITION', `调度轮次“${round.name}”已结束`);
    const closed = await closeRoundRow(tx, roundId, version);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'round.close', entityType: 'reporting_round', entityId: roundId, orgUnitId: round.scopeOrgId, before: { state: 'open' }, after: { state: 'closed' } });
    return closed;
  });
}

export async function listRounds(ctx: AppContext, access: Access, filter: { state?: 'open' | 'closed' }): Promise<Round[]> {
  return listRoundsRelatedTo(ctx.db, pathsFor(access, 'read'), filter);
}

export type RoundEntryFilter = RoundEntryState | 'late';

export interface RoundUnitRow {
  orgUnitId: number; orgUnitName: string; owed: number; reported: number; late: number; awaitingReview: number; returned: number; accepted: number; missing: number;
  /** The unit's last 催办 in this round, and whether it was today (the once-a-day rule). */
  lastUrgedAt: string | null; urgedToday: boolean;
}

/** The round's page: counts, a summary per unit, and the entries (filtered, paginated) the reader may see. */
export async function getRoundView(ctx: AppContext, access: Access, roundId: number, opts: { status?: RoundEntryFilter; orgUnitId?: number; page: number; pageSize: number }) {
  const round = await getRound(ctx.db, roundId);
  assertRelated(access, round.scopePath, roundNotFound(roundId));
  const asOf = today();
  let entries = (await listRoundEntries(ctx.db, round, pathsFor(access, 'read'))).map((e) => ({ ...e, ...classifyRoundEntry(e.report, round.dueDate, asOf) }));
  if (opts.orgUnitId) {
    const unit = await getOrgUnitById(ctx.db, opts.orgUnitId);
    entries = entries.filter((e) => e.orgPath.startsWith(unit.path));
  }
  const count = (pred: (e: (typeof entries)[number]) => boolean) => entries.filter(pred).length;
  const counts = {
    owed: entries.length, reported: count((e) => e.state === 'awaiting_review' || e.state === 'accepted'),
    awaitingReview: count((e) => e.state === 'awaiting_review'), accepted: count((e) => e.state === 'accepted'),
    returned: count((e) => e.state === 'returned'), missing: count((e) => e.state === 'missing'), late: count((e) => e.isLate),
  };
  // The grid: each unit × owed / submitted (awaiting review) / returned / accepted / missing, and its last 催办.
  const reminders = await latestRemindersOfRound(ctx.db, round.id);
  const units = new Map<number, RoundUnitRow>();
  for (const e of entries) {
    const last = reminders.get(e.orgUnitId);
    const u = units.get(e.orgUnitId) ?? {
      orgUnitId: e.orgUnitId, orgUnitName: e.orgUnitName, owed: 0, reported: 0, late: 0, awaitingReview: 0, returned: 0, accepted: 0, missing: 0,
      lastUrgedAt: last?.sentAt ?? null, urgedToday: last?.sentOn === asOf,
    };
    u.owed++;
    if (e.state === 'awaiting_review' || e.state === 'accepted') u.reported++;
    if (e.state === 'awaiting_review') u.awaitingReview++;
    if (e.state === 'returned') u.returned++;
    if (e.state === 'accepted') u.accepted++;
    if (e.state === 'missing') u.missing++;
    if (e.isLate) u.late++;
    units.set(e.orgUnitId, u);
  }
  const shown = opts.status ? entries.filter((e) => (opts.status === 'late' ? e.isLate : e.state === opts.status)) : entries;
  const items = shown.slice((opts.page - 1) * opts.pageSize, opts.page * opts.pageSize).map(({ orgPath: _p, report, ...e }) => ({
    ...e, reportId: report?.id ?? null, reportVersion: report?.version ?? null, submittedAt: report?.submittedAt ?? null,
  }));
  const mayReview = can(access.memberships, 'review', round.scopePath);
  const mayUrge = round.state === 'open' && can(access.memberships, 'writeLedger', round.scopePath);
  return { round, mayUrge, asOf, counts, units: [...units.values()], items, total: shown.length, page: opts.page, pageSize: opts.pageSize, mayReview };
}

/** Units of the round that still owe reports as of the date, with how many each owes. */
export async function owingUnits(tx: Conn, round: Round, asOf: string): Promise<Map<number, { name: string; count: number }>> {
  const owing = new Map<number, { name: string; count: number }>();
  for (const e of await listRoundEntries(tx, round, [round.scopePath])) {
    const { state } = classifyRoundEntry(e.report, round.dueDate, asOf);
    if (state !== 'missing' && state !== 'returned') continue;
    const u = owing.get(e.orgUnitId) ?? { name: e.orgUnitName, count: 0 };
    u.count++;
    owing.set(e.orgUnitId, u);
  }
  return owing;
}
