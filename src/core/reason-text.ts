/**
 * A schedule or warning reason as codes with parameters, so each reader words it in their own language: the server
 * stores and serves the parts (assignments.warning_reason_code, migration 021) beside the Chinese text derived from
 * them here (the public report, Chinese exports and search read that text). The web words the same parts from its
 * dictionary (`reason.<k>`). Parameters: dates as YYYY-MM-DD (`deadline`, `due`, `asOf`, `date`), schedule statuses
 * as their codes (`status`, `computed`), a period as `cycle` + `year` + `n`, unit names joined with 、 (`units`).
 * Pure; no I/O.
 */
import { zhDate, zhQuarter } from './zh-text.js';

export type ReasonParams = Readonly<Record<string, string | number>>;
/** One clause of a reason; `sub` is a reason nested in it (an override's computed reason, a child unit's reason). */
export interface ReasonPart { k: ReasonKey; p?: ReasonParams; sub?: readonly ReasonPart[] }
export type Reason = readonly ReasonPart[];

export const REASON_KEYS = [
  'closed', 'completed', 'overdue', 'overdueRolled', 'longTermScope', 'tally', 'tallyMissed', 'noneDue', 'aheadOfSchedule',
  'onSchedule', 'behindSchedule', 'reportedNotStarted', 'indicatorRatio', 'noItemsThisPeriod', 'noItems', 'byReported',
  'cannotJudge', 'override', 'behindMargin', 'nearDeadlineLate', 'nearMilestoneLate', 'nearDeadline', 'nearMilestone',
  'ownDoneChildrenOpen', 'childrenAllDone', 'byChildren', 'child', 'text',
] as const;
export type ReasonKey = (typeof REASON_KEYS)[number];

/** Parameters holding a YYYY-MM-DD date, a schedule status code, and the unit-name list: readers format these. */
export const REASON_DATE_PARAMS: readonly string[] = ['deadline', 'due', 'asOf', 'date'];
export const REASON_STATUS_PARAMS: readonly string[] = ['status', 'computed'];

/** The words of a schedule status in reasons (same as SCHEDULE_STATUS_LABELS; kept here to avoid an import cycle). */
const STATUS_ZH: Record<string, string> = {
  closed: '已销号', completed: '已完成', overdue: '逾期未完成', behind_schedule: '未达序时进度', on_schedule: '达到序时进度',
  ahead_of_schedule: '超过序时进度', in_progress: '正在推进', not_started: '尚未启动', unknown: '无法判断',
};

/** A period of a cycle as Chinese words: 2026年, 2026年上半年, 2026年第3季度, 2026年7月. */
export function zhPeriodOf(cycle: string, year: number, n: number): string {
  switch (cycle) {
    case 'quarterly': return zhQuarter(year, n);
    case 'half': return `${year}年${n === 1 ? '上' : '下'}半年`;
    case 'monthly': return `${year}年${n}月`;
    case 'weekly': return `${year}年第${n}周`;
    default: return `${year}年`;
  }
}

const s = (p: ReasonParams | undefined, name: string): string => String(p?.[name] ?? '');
const n = (p: ReasonParams | undefined, name: string): number => Number(p?.[name] ?? 0);
const period = (p: ReasonParams | undefined) => zhPeriodOf(s(p, 'cycle'), n(p, 'year'), n(p, 'n'));
const status = (p: ReasonParams | undefined, name: string) => STATUS_ZH[s(p, name)] ?? s(p, name);

const ZH: Record<ReasonKey, (p: ReasonParams | undefined, sub: string) => string> = {
  closed: () => '已销号',
  completed: () => '已完成整改',
  overdue: (p) => `整改时限${zhDate(s(p, 'deadline'))}已过，尚未完成`,
  overdueRolled: (p) => `整改时限${zhDate(s(p, 'deadline'))}（遇节假日顺延至${zhDate(s(p, 'due'))}）已过，尚未完成`,
  longTermScope: (p) => `长期任务按${period(p)}阶段目标：`,
  tally: (p) => `截至${zhDate(s(p, 'asOf'))}应完成节点${n(p, 'expected')}个，已完成${n(p, 'done')}个`,
  tallyMissed: (p) => `截至${zhDate(s(p, 'asOf'))}应完成节点${n(p, 'expected')}个，已完成${n(p, 'done')}个（其中${n(p, 'missed')}个到期节点未完成）`,
  noneDue: () => '尚无到期节点',
  aheadOfSchedule: () => '超过序时进度',
  onSchedule: () => '达到序时进度',
  behindSchedule: () => '未达到序时进度',
  reportedNotStarted: () => '报送为尚未启动',
  indicatorRatio: (p) => `指标实际值与计划路径之比为${n(p, 'percent')}%`,
  noItemsThisPeriod: () => '本期无阶段目标节点，且无指标',
  noItems: () => '无节点和指标',
  byReported: () => '按报送的进展状态',
  cannotJudge: () => '也无报送状态，无法判断',
  override: (p, sub) => `人工认定为${status(p, 'status')}：${s(p, 'text')}（计算结果：${status(p, 'computed')}${sub ? `，${sub}` : ''}）`,
  behindMargin: (p) => `滞后超过${n(p, 'percent')}%`,
  nearDeadlineLate: (p) => `且距整改时限${zhDate(s(p, 'deadline'))}仅剩${n(p, 'days')}天，难以按期完成`,
  nearMilestoneLate: (p) => `且距${period(p)}阶段目标节点${zhDate(s(p, 'date'))}仅剩${n(p, 'days')}天，难以按期完成`,
  nearDeadline: (p) => `距整改时限${zhDate(s(p, 'deadline'))}仅剩${n(p, 'days')}天，尚未完成`,
  nearMilestone: (p) => `距${period(p)}阶段目标节点${zhDate(s(p, 'date'))}仅剩${n(p, 'days')}天，尚未完成`,
  ownDoneChildrenOpen: (p) => `本级已完成，下级单位尚未全部完成：${s(p, 'units')}`,
  childrenAllDone: () => '本级无自身节点和指标，下级单位均已完成整改',
  byChildren: (p) => `本级无自身节点和指标，按下级单位：${s(p, 'units')}${status(p, 'status')}`,
  child: (p, sub) => `下级单位${s(p, 'unit')}：${sub || '存在预警'}`,
  text: (p) => s(p, 'text'),
};

/**
 * Clauses joined the way the reasons were always written: with ，between them, except after a clause that introduces
 * the next (ending in ：). `word` words one part with its nested reason already joined.
 */
export function joinReason<T extends string>(parts: Reason, word: (part: ReasonPart, sub: string) => T, separator = '，'): string {
  let out = '';
  for (const part of parts) {
    const text = word(part, part.sub ? joinReason(part.sub, word, separator) : '');
    if (!text) continue;
    out += out && !/[：:]\s*$/.test(out) ? `${separator}${text}` : text;
  }
  return out;
}

/** The Chinese text of a reason (what the reasons read before they were codes; unknown keys say nothing). */
export function zhReason(parts: Reason): string {
  return joinReason(parts, (part, sub) => ZH[part.k]?.(part.p, sub) ?? '');
}

/** A reason read back from storage (JSON text); null when there is none or it cannot be read (an old row: use the text). */
export function parseReason(json: string | null | undefined): Reason | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as Reason) : null;
  } catch {
    return null;
  }
}

/** A reason kept as text (a row from before the codes, or free text) as one part. */
export const textReason = (text: string): Reason => [{ k: 'text', p: { text } }];
