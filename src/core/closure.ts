/**
 * Acceptance and closure (验收销号) as a state machine, the same for rectification tasks and complaint cases:
 * application (with its evidence dossier) → acceptance at the configured level, or rejection back to rectification →
 * public notice (公示) → objections (异议) answered; an upheld one returns the task to rectification → closure (销号)
 * once the notice has ended with no open objection → filing with the level above (备案). A closed task that relapses
 * (反弹) is reopened as a new procedure linked to the closed one. No step can be skipped. Pure rules.
 */
import { AppError } from './errors.js';
import type { OrgKind } from './org.js';
import type { AcceptanceLevel } from './settings.js';
import { periodEndDate, type DayKind } from './workdays.js';
import { zhDate } from './zh-text.js';

export const CLOSURE_STATES = ['reopened', 'applied', 'accepted', 'noticed', 'closed', 'filed', 'returned'] as const;
export type ClosureState = (typeof CLOSURE_STATES)[number];
/** States of a procedure still under way: a subject has at most one. */
export const OPEN_CLOSURE_STATES = ['reopened', 'applied', 'accepted', 'noticed'] as const satisfies readonly ClosureState[];

export const CLOSURE_ACTIONS = ['apply', 'accept', 'reject', 'startNotice', 'recordObjection', 'answerObjection', 'close', 'file', 'reopen', 'sample', 'sendBack'] as const;
export type ClosureAction = (typeof CLOSURE_ACTIONS)[number];

export const CLOSURE_STATE_LABELS: Record<ClosureState, string> = {
  reopened: '反弹重新整改', applied: '已申请验收', accepted: '验收通过', noticed: '公示中', closed: '已销号', filed: '已备案', returned: '退回整改',
};
export const CLOSURE_ACTION_LABELS: Record<ClosureAction, string> = {
  apply: '申请验收销号', accept: '验收通过', reject: '验收不通过', startNotice: '公示', recordObjection: '登记异议',
  answerObjection: '答复异议', close: '销号', file: '备案', reopen: '反弹重新打开', sample: '抽查', sendBack: '抽查退回',
};

/** null stands for "no procedure under way": a first application, or one after a return. */
const FROM: Record<ClosureAction, readonly (ClosureState | null)[]> = {
  apply: [null, 'reopened'],
  accept: ['applied'],
  reject: ['applied'],
  startNotice: ['accepted'],
  recordObjection: ['noticed'],
  answerObjection: ['noticed'],
  close: ['noticed'],
  file: ['closed'],
  reopen: ['closed', 'filed'],
  sample: ['accepted', 'noticed', 'closed', 'filed'],
  sendBack: ['accepted', 'noticed', 'closed', 'filed'],
};

/** What has to happen first, said to the person who tried the step. */
const PREREQUISITE: Record<ClosureAction, string> = {
  apply: '该事项已有进行中或已完成的验收销号程序',
  accept: '只能对已提出的验收申请作出验收决定',
  reject: '只能对已提出的验收申请作出验收决定',
  startNotice: '须先验收通过才能公示',
  recordObjection: '只在公示期间受理异议',
  answerObjection: '只在公示期间答复异议',
  close: '须先验收通过并公示期满才能销号',
  file: '须先销号才能备案',
  reopen: '只有已销号的事项才能因反弹重新打开',
  sample: '只能抽查已验收通过的事项',
  sendBack: '只能退回已验收通过的事项',
};

export interface CloseFacts { asOf: string; noticeEnd: string | null; openObjections: number }

/**
 * The state after an action, or INVALID_TRANSITION naming the step that is missing. `upheld` decides an objection's
 * answer; `close` needs the notice to have ended (the day after its last day) with no open objection.
 */
export function nextClosureState(state: ClosureState | null, action: ClosureAction, facts: { upheld?: boolean; close?: CloseFacts; stagesLeft?: number } = {}): ClosureState {
  if (!FROM[action].includes(state)) {
    const now = state ? `当前为“${CLOSURE_STATE_LABELS[state]}”` : '尚未申请验收';
    throw new AppError('INVALID_TRANSITION', `${now}，不能${CLOSURE_ACTION_LABELS[action]}：${PREREQUISITE[action]}`, { state, action });
  }
  switch (action) {
    case 'apply': return 'applied';
    // Each level of the chain accepts in turn; the application stays under review until the last one has.
    case 'accept': return (facts.stagesLeft ?? 0) > 0 ? 'applied' : 'accepted';
    case 'reject': return 'returned';
    case 'startNotice': return 'noticed';
    case 'recordObjection': return 'noticed';
    case 'answerObjection': return facts.upheld ? 'returned' : 'noticed';
    case 'close': {
      const c = facts.close;
      if (!c?.noticeEnd || c.asOf <= c.noticeEnd) {
        throw new AppError('INVALID_TRANSITION', `公示期至${c?.noticeEnd ? zhDate(c.noticeEnd) : '（未定）'}结束，期满后方可销号`, { state, action, noticeEnd: c?.noticeEnd ?? null });
      }
      if (c.openObjections > 0) {
        throw new AppError('INVALID_TRANSITION', `尚有${c.openObjections}件异议未答复，答复后方可销号`, { state, action, openObjections: c.openObjections });
      }
      return 'closed';
    }
    case 'file': return 'filed';
    case 'reopen': return 'reopened';
    case 'sample': return state!;
    case 'sendBack': return 'returned';
  }
}

/** The last day of a notice that starts on `start`, counted as the deployment says. */
export function noticeEndDate(start: string, settings: { noticeDays: number; noticeDayKind: DayKind }): string {
  return periodEndDate(start, settings.noticeDays, settings.noticeDayKind);
}

const LEVEL_RANK: Record<OrgKind, number> = { department: 0, county: 1, city: 2, province: 3 };

/**
 * The unit that accepts a subject held at the first unit of `chain` (the unit, its parent, … up to the root): the
 * nearest one whose level is at least the configured level. Departments are not a level; a city department's task
 * accepted "at county level" is accepted by its city. Without such a unit, the root accepts.
 */
export function acceptingUnitOf<T extends { kind: OrgKind }>(chain: readonly T[], level: AcceptanceLevel): T {
  if (chain.length === 0) throw new RangeError('An org chain has at least the unit itself');
  return chain.find((u) => LEVEL_RANK[u.kind] >= LEVEL_RANK[level]) ?? chain[chain.length - 1]!;
}

/**
 * One acceptance stage of a chain (县级验收 → 市级验收 → 省级审核): the level asked for and the unit that accepts at it.
 */
export interface AcceptanceStage { level: AcceptanceLevel; orgUnitId: number }

/** How a stage is named after the kind of the unit that accepts. */
export const STAGE_LABELS: Record<OrgKind, string> = { county: '县级验收', city: '市级验收', province: '省级审核', department: '部门验收' };

/**
 * The stages of acceptance of a subject held at the first unit of `chain` (the unit, its parent, … up to the root),
 * for the levels the inspection or plan asks for. No unit accepts its own share: each level is taken by the nearest
 * unit *above* the holder at that level or higher (a county's "县级" stage falls to its city, a city's share goes to
 * the province); stages falling to the same unit are one. A unit with nothing above it cannot be accepted.
 */
export function acceptanceStagesOf<T extends { id: number; kind: OrgKind; name: string }>(chain: readonly T[], levels: readonly AcceptanceLevel[]): { level: AcceptanceLevel; unit: T }[] {
  if (chain.length === 0) throw new RangeError('An org chain has at least the unit itself');
  const above = chain.slice(1);
  if (above.length === 0) {
    throw new AppError('INVALID_TRANSITION', `${chain[0]!.name}没有上级单位，不能自行验收本单位的任务（谁验收谁负责：须由上级验收）`);
  }
  const sorted = [...new Set(levels)].sort((a, b) => LEVEL_RANK[a] - LEVEL_RANK[b]);
  const out: { level: AcceptanceLevel; unit: T }[] = [];
  for (const level of sorted.length > 0 ? sorted : (['city'] as const)) {
    const unit = acceptingUnitOf(above, level);
    if (!out.some((s) => s.unit.id === unit.id)) out.push({ level, unit });
  }
  return out;
}

/** The chain as people write it: "县级验收 → 市级验收 → 省级审核". */
export function describeChain(levels: readonly AcceptanceLevel[]): string {
  const kind: Record<AcceptanceLevel, OrgKind> = { county: 'county', city: 'city', province: 'province' };
  return [...new Set(levels)].sort((a, b) => LEVEL_RANK[a] - LEVEL_RANK[b]).map((l) => STAGE_LABELS[kind[l]]).join(' → ');
}

/**
 * Closed means locked: after 销号 a share's content (task text, measures, milestones, indicators, documents, evidence,
 * deadline, responsible person) is read-only; it changes only through 重新打开 with a reason, which starts a new
 * procedure. A long-term share keeps taking follow-up reports and their evidence.
 */
export function assertNotClosed(a: { isClosed: boolean; closedAt: string | null }, what = '任务'): void {
  if (!a.isClosed) return;
  throw new AppError('SUBJECT_CLOSED', `该${what}已于${a.closedAt ?? '（日期未记）'}销号，内容只读；如需修改，须由验收单位或其上级“重新打开”（写明理由），重新办理验收销号`, { closedAt: a.closedAt });
}
