/**
 * Complaint cases (信访件 / 交办件): the closed vocabularies and how the words of handover tables map onto them.
 * Pure; shared by the importer, the services and the web app.
 */

/** Where a complaint came in: 来电 (phone), 来信 (letter, including e-mail and web forms), anything else. */
export const CASE_SOURCES = ['phone', 'letter', 'other'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CASE_SOURCE_LABELS: Record<CaseSource, string> = { phone: '来电', letter: '来信', other: '其他' };

/** The investigation's finding: 属实, 部分属实, 不属实. */
export const VERIFIED_VALUES = ['true', 'partly', 'false'] as const;
export type Verified = (typeof VERIFIED_VALUES)[number];
export const VERIFIED_LABELS: Record<Verified, string> = { true: '属实', partly: '部分属实', false: '不属实' };

/** Penalties and measures a case can lead to. */
export const PENALTY_KINDS = ['order_rectify', 'fine', 'investigation', 'detention', 'interview', 'accountability'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];
export const PENALTY_LABELS: Record<PenaltyKind, string> = {
  order_rectify: '责令整改', fine: '立案处罚', investigation: '立案侦查', detention: '拘留', interview: '约谈', accountability: '问责',
};

/** Listed supervision (挂牌督办): at which level, and why. */
export const LISTING_LEVELS = ['province', 'city', 'county'] as const;
export type ListingLevel = (typeof LISTING_LEVELS)[number];
export const LISTING_LEVEL_LABELS: Record<ListingLevel, string> = { province: '省级', city: '市级', county: '县级' };
export const LISTING_REASONS = ['key_case', 'repeat_complaint', 'previous_round_repeat', 'other'] as const;
export type ListingReason = (typeof LISTING_REASONS)[number];
export const LISTING_REASON_LABELS: Record<ListingReason, string> = {
  key_case: '重点信访件', repeat_complaint: '重复信访', previous_round_repeat: '上一轮督察重复举报', other: '其他',
};

/** The subjects listings and accountability records attach to. */
export const SUBJECT_TYPES = ['case', 'assignment'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

const squeeze = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** Reads 来电 / 来信 / 电话 / 网络…; with nothing written, the case id's first letter (D 电, X 信) decides. */
export function normalizeCaseSource(written: string | null | undefined, caseNo?: string): CaseSource | null {
  const w = squeeze(written ?? '');
  if (/电|热线|12369|phone/i.test(w)) return 'phone';
  if (/信|邮|函|letter|mail/i.test(w)) return 'letter';
  if (w) return 'other';
  const first = caseNo?.trim().charAt(0).toUpperCase();
  return first === 'D' ? 'phone' : first === 'X' ? 'letter' : null;
}

/** Reads 属实 / 部分属实 / 基本属实 / 不属实 / 查无实据. Order matters: 不属实 contains 属实. */
export function normalizeVerified(written: string | null | undefined): Verified | null {
  const w = squeeze(written ?? '');
  if (!w) return null;
  if (/不属实|查无实据|不实/.test(w)) return 'false';
  if (/部分属实|基本属实/.test(w)) return 'partly';
  if (/属实/.test(w) || /^(true|是)$/i.test(w)) return 'true';
  return null;
}

/** Reads a key-case flag: 是, √, 重点, 1, Y. Anything else (否, blank) is false. */
export function readFlag(written: string | null | undefined): boolean {
  return /^(是|√|✓|✔|重点|重点件|1|y|yes|true)$/i.test(squeeze(written ?? ''));
}

const POLLUTION_TYPES: ReadonlyArray<readonly [string, RegExp]> = [
  ['大气', /大气|废气|空气|扬尘|烟尘|油烟|异味|臭气|气味/],
  ['水', /水/],
  ['噪声', /噪声|噪音|振动/],
  ['土壤', /土壤/],
  ['固废', /固废|固体废物|垃圾|危废|危险废物/],
  ['生态', /生态|林地|草原|湿地|矿山|采砂|河道/],
  ['辐射', /辐射|电磁/],
];

/** Normalizes a written pollution type ("大气污染,噪声") to the canonical words joined by 、; unknown words are kept. */
export function normalizePollutionType(written: string | null | undefined): string | null {
  const parts = squeeze(written ?? '').split(/[,，、;；/]+/).filter(Boolean);
  if (parts.length === 0) return null;
  const names = parts.map((p) => POLLUTION_TYPES.find(([, re]) => re.test(p))?.[0] ?? p.replace(/污染$/, ''));
  return [...new Set(names)].join('、');
}

/** Placeholders offices write when a complainant's name or contact is withheld: nothing personal is stored. */
export function isWithheld(written: string | null | undefined): boolean {
  const w = squeeze(written ?? '');
  return w === '' || /^(匿名|保密|不公开|未留|未提供|无|不详|\/|-+|—+|\*+|＊+)$/.test(w);
}

/** A case's original id as handed over, trimmed and upper-cased (d3sx… and D3SX… are the same case). */
export function normalizeCaseNo(written: string): string {
  return squeeze(written).toUpperCase();
}

/** The handover date embedded in a central-inspection case id (D3SX202505280018 → 2025-05-28), if any. */
export function dateFromCaseNo(caseNo: string): string | null {
  const m = /(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3,5}$/.exec(caseNo);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** How a revisit (复查回访) was made, and what the complainant said of the handling. */
export const REVISIT_METHODS = ['phone', 'on_site', 'letter', 'online', 'other'] as const;
export type RevisitMethod = (typeof REVISIT_METHODS)[number];
export const REVISIT_METHOD_LABELS: Record<RevisitMethod, string> = { phone: '电话回访', on_site: '实地复查', letter: '书面回访', online: '网络回访', other: '其他' };
export const SATISFACTION_VALUES = ['satisfied', 'basically_satisfied', 'dissatisfied', 'unreachable'] as const;
export type Satisfaction = (typeof SATISFACTION_VALUES)[number];
export const SATISFACTION_LABELS: Record<Satisfaction, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意', unreachable: '未能联系' };

/** A quarter as written in a draw: 2025Q2. */
export const QUARTER_PATTERN = /^(\d{4})Q([1-4])$/;

/** First and last day (YYYY-MM-DD) of a quarter such as 2025Q2; null when it is not one. */
export function quarterRange(quarter: string): { from: string; to: string } | null {
  const m = QUARTER_PATTERN.exec(quarter);
  if (!m) return null;
  const year = Number(m[1]);
  const q = Number(m[2]);
  const last = new Date(Date.UTC(year, q * 3, 0)).getUTCDate();
  return { from: `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`, to: `${year}-${String(q * 3).padStart(2, '0')}-${last}` };
}

/** The quarter a date (YYYY-MM-DD) falls in: 2025-05-28 → 2025Q2. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}
