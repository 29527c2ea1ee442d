/**
 * The workbench (工作台): what waits on the signed-in person, by the roles they hold — a reporter's reports owed in
 * open rounds, returned reports, closure steps and cases due; a reviewer's reports to review, closure applications,
 * notices ending and objections; the office's units behind, red lights and each open round's return rate; a leader
 * (viewer) sees the dashboard. The notification bell counts the same to-do lists (`countTodo`), so the two agree.
 */
import type { AppContext } from '../context.js';
import type { Role } from '../../core/roles.js';
import { classifyRoundEntry } from '../../core/reporting.js';
import { addDays, daysBetween } from '../../core/workdays.js';
import { listRoundEntries, listRoundsRelatedTo, type Round } from '../../db/rounds.repository.js';
import { listSubmittedReports } from '../../db/progress-reports.repository.js';
import {
  listCasesDueBy, listClosuresWaitingOnUnits, listOpenObjectionsAt, listRedLights, listReturnedReports,
} from '../../db/workbench.repository.js';
import { pathsFor, type Access } from '../access.js';
import { listClosuresToDecide } from '../closure/read.js';
import { readSettings } from '../settings.js';
import { today } from '../schedule.js';

/** How far ahead a case's deadline or a notice's end counts as due on the workbench. */
export const CASES_DUE_WITHIN_DAYS = 7;
export const NOTICE_ENDING_WITHIN_DAYS = 3;

const rolePaths = (access: Access, role: Role) => access.memberships.filter((m) => m.role === role).map((m) => m.orgPath);
const inside = (paths: readonly string[], path: string) => paths.some((p) => path.startsWith(p));

export interface OwedRound {
  roundId: number; roundName: string; dueDate: string; daysLeft: number; isLate: boolean;
  /** Shares with nothing submitted yet in the round (returned ones are listed under returned reports). */
  missing: { assignmentId: number; taskCode: string; problem: string; orgUnitName: string }[];
}

/** The to-do lists of the person: each item is something they can act on now. */
export async function readTodo(ctx: AppContext, access: Access) {
  const asOf = today();
  const reporterPaths = rolePaths(access, 'reporter');
  const reviewPaths = pathsFor(access, 'review');
  const officePaths = pathsFor(access, 'writeLedger');
  const reviewUnits = [...new Set(access.memberships.filter((m) => m.role === 'reviewer' || m.role === 'admin').map((m) => m.orgUnitId))];

  const roundsOwed: OwedRound[] = [];
  if (reporterPaths.length > 0) {
    for (const round of await listRoundsRelatedTo(ctx.db, reporterPaths, { state: 'open' })) {
      const missing = (await listRoundEntries(ctx.db, round, reporterPaths))
        .filter((e) => classifyRoundEntry(e.report, round.dueDate, asOf).state === 'missing')
        .map((e) => ({ assignmentId: e.assignmentId, taskCode: e.taskCode, problem: e.problem, orgUnitName: e.orgUnitName }));
      if (missing.length > 0) {
        const daysLeft = daysBetween(asOf, round.dueDate);
        roundsOwed.push({ roundId: round.id, roundName: round.name, dueDate: round.dueDate, daysLeft, isLate: daysLeft < 0, missing });
      }
    }
  }
  const returnedReports = await listReturnedReports(ctx.db, reporterPaths);
  const closureSteps = await listClosuresWaitingOnUnits(ctx.db, reporterPaths);
  const casesDue = await listCasesDueBy(ctx.db, reporterPaths, addDays(asOf, CASES_DUE_WITHIN_DAYS));

  // A reviewer never reviews their own submission: it is not their work.
  const reportsToReview = (await listSubmittedReports(ctx.db, reviewPaths)).filter((r) => r.submittedBy === null || r.submittedBy !== access.actor.id)
    .map(({ orgPath: _p, submittedBy: _s, ...r }) => r);
  const toDecide = reviewUnits.length > 0 ? await listClosuresToDecide(ctx, access, ['applied', 'noticed']) : [];
  const present = (c: (typeof toDecide)[number]) => ({
    closureId: c.id, subjectType: c.subjectType, subjectId: c.subjectId, subjectLabel: c.subjectLabel, acceptingUnitName: c.acceptingUnitName,
    state: c.state, noticeEnd: c.noticeEnd, updatedAt: c.updatedAt,
  });
  const closureApplications = toDecide.filter((c) => c.state === 'applied').map(present);
  const noticeHorizon = addDays(asOf, NOTICE_ENDING_WITHIN_DAYS);
  const noticesEnding = toDecide.filter((c) => c.state === 'noticed' && c.noticeEnd !== null && c.noticeEnd <= noticeHorizon).map(present)
    .sort((a, b) => (a.noticeEnd ?? '').localeCompare(b.noticeEnd ?? ''));
  const objections = await listOpenObjectionsAt(ctx.db, reviewUnits);

  // The office: units of its open rounds that are late (past the due date with reports still owed).
  const officeRounds = officePaths.length > 0 ? (await listRoundsRelatedTo(ctx.db, officePaths, { state: 'open' })).filter((r) => inside(officePaths, r.scopePath)) : [];
  const roundStats: RoundStat[] = [];
  for (const round of officeRounds) roundStats.push(await roundStat(ctx, round, asOf));
  const unitsBehind = roundStats.flatMap((s) => s.unitsBehind.map((u) => ({ ...u, roundId: s.roundId, roundName: s.roundName, dueDate: s.dueDate })));

  return {
    asOf, roundsOwed, returnedReports, closureSteps, casesDue, reportsToReview, closureApplications, noticesEnding, objections, unitsBehind,
    roundStats, officePaths,
    roles: { reporter: reporterPaths.length > 0, reviewer: reviewPaths.length > 0, office: officePaths.length > 0, leader: rolePaths(access, 'viewer').length > 0 },
  };
}

interface RoundStat {
  roundId: number; roundName: string; dueDate: string; owed: number; reported: number; accepted: number; returned: number; missing: number;
  /** reported ÷ owed, 0…1; null when nothing is owed. */
  rate: number | null;
  unitsBehind: { orgUnitId: number; orgUnitName: string; late: number }[];
}

async function roundStat(ctx: AppContext, round: Round, asOf: string): Promise<RoundStat> {
  const stat: RoundStat = { roundId: round.id, roundName: round.name, dueDate: round.dueDate, owed: 0, reported: 0, accepted: 0, returned: 0, missing: 0, rate: null, unitsBehind: [] };
  const behind = new Map<number, { orgUnitId: number; orgUnitName: string; late: number }>();
  for (const e of await listRoundEntries(ctx.db, round, [round.scopePath])) {
    const { state, isLate } = classifyRoundEntry(e.report, round.dueDate, asOf);
    stat.owed++;
    if (state === 'awaiting_review' || state === 'accepted') stat.reported++;
    if (state === 'accepted') stat.accepted++;
    if (state === 'returned') stat.returned++;
    if (state === 'missing') stat.missing++;
    if (isLate) {
      const u = behind.get(e.orgUnitId) ?? { orgUnitId: e.orgUnitId, orgUnitName: e.orgUnitName, late: 0 };
      u.late++;
      behind.set(e.orgUnitId, u);
    }
  }
  stat.rate = stat.owed === 0 ? null : stat.reported / stat.owed;
  stat.unitsBehind = [...behind.values()];
  return stat;
}

export type Todo = Awaited<ReturnType<typeof readTodo>>;

export const TODO_KINDS = ['roundReports', 'returnedReports', 'closureSteps', 'casesDue', 'reportsToReview', 'closureApplications', 'noticesEnding', 'objections', 'unitsBehind'] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

/** How many items of each kind wait, and in all: the workbench's figures and the bell's badge. */
export function countsOf(todo: Todo): { total: number; byKind: Record<TodoKind, number> } {
  const byKind: Record<TodoKind, number> = {
    roundReports: todo.roundsOwed.reduce((s, r) => s + r.missing.length, 0), returnedReports: todo.returnedReports.length,
    closureSteps: todo.closureSteps.length, casesDue: todo.casesDue.length, reportsToReview: todo.reportsToReview.length,
    closureApplications: todo.closureApplications.length, noticesEnding: todo.noticesEnding.length, objections: todo.objections.length,
    unitsBehind: todo.unitsBehind.length,
  };
  return { total: TODO_KINDS.reduce((s, k) => s + byKind[k], 0), byKind };
}

/** The bell's figure: the same lists as the workbench, counted. */
export async function countTodo(ctx: AppContext, access: Access) {
  return countsOf(await readTodo(ctx, access));
}

/** The workbench: the to-do lists with their counts, the office's round figures and red lights. */
export async function getWorkbench(ctx: AppContext, access: Access) {
  const { officePaths, ...todo } = await readTodo(ctx, access);
  const { dueSoonDays } = await readSettings(ctx.db, 'reporting');
  const redLights = await listRedLights(ctx.db, officePaths);
  return { ...todo, counts: countsOf({ ...todo, officePaths }), redLights, dueSoonDays };
}
