/**
 * Status words as written in reports, and the normalized codes beside them (domain.md, "Status words").
 * Keep the words as written; store the code next to them. Completion, closure and "long-term" are separate facts.
 */
export const STATUS_CODES = [
  'completed',
  'basically_completed',
  'on_schedule',
  'ahead_of_schedule',
  'behind_schedule',
  'in_progress',
  'long_term',
  'not_started',
  'closed',
] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/** Chinese labels used when a status is written out (reports, the web app). */
export const STATUS_LABELS: Record<StatusCode, string> = {
  completed: '已完成整改',
  basically_completed: '基本完成整改',
  on_schedule: '达到序时进度',
  ahead_of_schedule: '超过序时进度',
  behind_schedule: '未达到序时进度',
  in_progress: '正在推进',
  long_term: '长期坚持',
  not_started: '尚未启动',
  closed: '已销号',
};

/** Facts a written status carries; one phrase may carry several ("已经完成，长期坚持"). */
export interface StatusFacts {
  code: StatusCode | null;
  isCompleted: boolean;
  isClosed: boolean;
  isLongTerm: boolean;
}

// Order matters: negatives and more specific phrases are tested before the phrases they contain.
const RULES: ReadonlyArray<readonly [RegExp, StatusCode]> = [
  [/(已|完成交账)?销号/, 'closed'],
  [/未完成但(已)?达到?序时进度/, 'on_schedule'],
  [/未达到?(序时|时序)进度|严重滞后|滞后/, 'behind_schedule'],
  [/超过?(序时|时序)进度/, 'ahead_of_schedule'],
  [/基本完成/, 'basically_completed'],
  [/(尚)?未启动/, 'not_started'],
  // "未完成整改" says the opposite of the completed rule below, which it contains.
  [/(尚|仍|暂)?未完成|没有完成|未能完成/, 'in_progress'],
  // A stage or this year's target done is progress on schedule, not the task done.
  [/完成(阶段性|年度|当年|本年度|序时)(目标|任务)|序时推进|按序时/, 'on_schedule'],
  [/(已经?|全面)?完成(整改)?|整改完成|整改到位|通过[^，,。；]{0,8}验收|已办结/, 'completed'],
  [/达到?(序时|时序)进度|(按照?|符合)(序时|时序)进度/, 'on_schedule'],
  [/正在(推进|整改|实施)|持续推进|阶段性进展|推进中|整改中/, 'in_progress'],
  [/长期(坚持|持续)|需长期/, 'long_term'],
  [/持续整改|正在办理/, 'in_progress'],
];

/** Reads a status as written into its normalized code and the separate facts it states. */
export function normalizeStatus(written: string | null | undefined): StatusFacts {
  const text = (written ?? '').replace(/\s+/g, '');
  const isLongTerm = /长期(坚持|持续)|需长期/.test(text);
  if (!text) return { code: null, isCompleted: false, isClosed: false, isLongTerm: false };
  for (const [pattern, code] of RULES) {
    if (!pattern.test(text)) continue;
    const isClosed = code === 'closed';
    const isCompleted = isClosed || code === 'completed' || (code === 'long_term' && /完成/.test(text));
    // "已经完成，长期坚持": completed and ongoing — keep both facts, the code says completed.
    return { code, isCompleted, isClosed, isLongTerm };
  }
  return { code: null, isCompleted: false, isClosed: false, isLongTerm };
}

export function isStatusCode(value: unknown): value is StatusCode {
  return typeof value === 'string' && (STATUS_CODES as readonly string[]).includes(value);
}
