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
  [/(已|完成交账|同意|予以|准予|批准|已经)?销号/, 'closed'],
  [/未完成但(已)?达到?序时进度/, 'on_schedule'],
  [/未达到?(序时|时序)进度|严重滞后|滞后|未(按期|如期|按时)完成|逾期未完成/, 'behind_schedule'],
  [/超过?(序时|时序)进度|超序时/, 'ahead_of_schedule'],
  [/基本完成/, 'basically_completed'],
  [/(尚)?未(启动|开工|开展)/, 'not_started'],
  // "未完成整改" says the opposite of the completed rule below, which it contains.
  [/(尚|仍|暂)?未完成|没有完成|未能完成|尚未整改到位|未整改到位/, 'in_progress'],
  // A stage or this year's target done is progress on schedule, not the task done.
  [/完成(阶段性|年度|当年|本年度|序时|阶段)(目标|任务)|序时推进|按序时/, 'on_schedule'],
  [/(已经?|全面|全部)?完成(整改)?(?!情况)|整改完成(?!情况)|整改完毕|达到验收(?:标准|要求)|整改到位|达到(了)?整改(目标|要求)|通过[^，,。；]{0,8}验收|已办结/, 'completed'],
  [/达到?(序时|时序)进度|(按照?|符合)(序时|时序)进度/, 'on_schedule'],
  [/正在[^，,。；]{0,6}(推进|整改|实施|办理)|(持续|有序|稳步|扎实|加快|积极|全力|加紧|顺利|正常|加速)推进|阶段性(进展|成效|成果)|推进中|整改中|进行中|实施中/, 'in_progress'],
  [/长期(坚持|持续)|需长期/, 'long_term'],
  [/持续整改|正在办理/, 'in_progress'],
];

// Closure not (yet) given: what remains is read without it, and says completed (pending sign-off) or in progress.
// 拟按程序实施销号 / 申请验收销号 / 进入销号程序 / 待省级验收后销号: a few words may stand between the verb and 销号.
const PENDING_CLOSURE =
  /(?:达到|具备|符合|满足)了?(?:验收)?销号(?:条件|标准|要求)|(?:拟|申请|待|拟予|提请|报请|将)[^，,。；;、已]{0,8}?销号|进入(?:验收)?销号程序|(?:按|按照)程序[^，,。；;、已]{0,6}?销号/g;
const NOT_CLOSED = /(?:未|尚未|没有|暂未|不予|不能|不具备)(?:予以|申请|验收|达到)?销号(?:条件)?/g;

// The name of a closure notice (…整改任务销号的公示, 整改验收销号公示表) says what the document is, not that the
// task is closed: the notice is published before closure.
const NOTICE_NAME = /(?:整改)?(?:验收)?销号(?:情况)?(?:的)?公示(?:表)?/g;

/** Reads a status as written into its normalized code and the separate facts it states. */
export function normalizeStatus(written: string | null | undefined): StatusFacts {
  const raw = (written ?? '').replace(/\s+/g, '').replace(NOTICE_NAME, '，');
  if (!raw) return { code: null, isCompleted: false, isClosed: false, isLongTerm: false };
  const notClosed = raw.replace(NOT_CLOSED, '，');
  const text = notClosed.replace(PENDING_CLOSURE, '，');
  const isLongTerm = /长期(坚持|持续)|需长期/.test(text);
  for (const [pattern, code] of RULES) {
    if (!pattern.test(text)) continue;
    const isClosed = code === 'closed';
    const isCompleted = isClosed || code === 'completed' || (code === 'long_term' && /完成/.test(text));
    // "已经完成，长期坚持": completed and ongoing — keep both facts, the code says completed.
    return { code, isCompleted, isClosed, isLongTerm };
  }
  if (text !== notClosed) return { code: 'completed', isCompleted: true, isClosed: false, isLongTerm };
  if (notClosed !== raw) return { code: 'in_progress', isCompleted: false, isClosed: false, isLongTerm };
  return { code: null, isCompleted: false, isClosed: false, isLongTerm };
}

export function isStatusCode(value: unknown): value is StatusCode {
  return typeof value === 'string' && (STATUS_CODES as readonly string[]).includes(value);
}
