/**
 * How paragraphs begin in these reports: task headings (任务N / 第N项 / 问题N / 序号N), enumeration markers of the
 * official outline (一、 > （一） > 1. > （1） > ①) and labelled fields (整改情况：…, 责任单位：…).
 * Every pattern is anchored and free of nested quantifiers, so each runs in time linear in the paragraph.
 */
import { CIRCLED_CHARS, CN_RUN, circledToNumber, firstNumeral, readNumeral } from './numerals.js';

const CN = CN_RUN;
/** A task number as printed: Arabic, 一二三 or 大写 壹贰叁. */
const NUM = String.raw`(?:\d{1,4}|${CN}{1,6})`;

/** Level 0: an explicit task heading; 1–5: the outline levels 一、 （一） 1. （1） ①. */
export type Level = 0 | 1 | 2 | 3 | 4 | 5;

export interface Marker {
  level: Level;
  /** The code as printed: "2", "二十", "序号8(市序号9)". */
  code: string;
  number: number | null;
  /** The paragraph after the marker and its separator. */
  rest: string;
}

const SEP = String.raw`\s*[:：、.．,，]?\s*`;
const OPEN = String.raw`[{【\[(（]?\s*`;
const CLOSE = String.raw`\s*[}】\])）]?`;
const EXPLICIT: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  // 任务 2: / 任务30： / 【任务3】 / 整改任务5、 / 任务编号十二：
  [new RegExp(String.raw`^[【\[]?\s*(?:整改)?任务\s*(?:编号|序号)?\s*(${NUM})\s*[】\]]?(?![\d%])${SEP}`), (m) => m[1] ?? ''],
  // 第12项： / 第十二项问题： / 反馈意见第二十七项整改任务： / 【第3项】
  [new RegExp(String.raw`^${OPEN}(?:督察)?(?:反馈意见|反馈问题)?第\s*(${NUM})\s*项(?:整改任务|任务|问题)?${CLOSE}(?:[:：、.．,，\s]\s*|$)`), (m) => m[1] ?? ''],
  // 问题1： / 反馈问题3、 (a separator is required: 问题整改… is prose)
  [new RegExp(String.raw`^(?:反馈|督察)?问题\s*(${NUM})\s*(?:[:：、.．,，]\s*|$)`), (m) => m[1] ?? ''],
  // 序号8(市序号9)： keeps its alternate number in the code
  [/^(序号\s*\d{1,4}(?:\s*[(（][^()（）]{1,15}[)）])?)\s*[:：、.．,，]?\s*/, (m) => (m[1] ?? '').replace(/\s+/g, '')],
  // {编号364(35-11)}： — a plan's number with the local one in brackets
  [/^[{【[(（]\s*(?:问题|任务)?编号\s*(\d{1,4}\s*[(（][^()（）{}]{1,12}[)）])\s*[}】\])）]\s*[:：]?\s*/, (m) => (m[1] ?? '').replace(/\s+/g, '')],
  // 问题编号十四： / 序号十： / 【编号3】 / （序号十） — a numeral right after the label, then a separator
  [new RegExp(String.raw`^${OPEN}(?:问题|任务)?(?:编号|序号)\s*(${NUM})${CLOSE}\s*(?:[:：、.．,，]\s*|$)`), (m) => m[1] ?? ''],
];

const ENUMS: ReadonlyArray<readonly [Level, RegExp]> = [
  [1, new RegExp(String.raw`^(${CN}{1,4})、(?![一二三四五六七八九十两])\s*`)],
  [2, new RegExp(String.raw`^[(（]\s*(${CN}{1,4})\s*[)）]\s*`)],
  [3, /^(\d{1,3})\s*(?:[.．](?![\d.．])|、(?!\d))\s*/],
  [4, /^[(（]\s*(\d{1,3})\s*[)）]\s*/],
  [5, new RegExp(`^([${CIRCLED_CHARS}])\\s*`)],
];

// A compound number (a task and its part): 二十八（三）、 / 二十八(三) — the code keeps both, the number is the task's.
const COMPOUND = new RegExp(String.raw`^(${CN}{1,4})\s*[(（]\s*(${CN}{1,3}|\d{1,3})\s*[)）]\s*[、.．:：]?\s*`);

/** Reads the marker a paragraph starts with, or null. */
export function readMarker(text: string): Marker | null {
  const explicit = readExplicit(text);
  if (explicit) return explicit;
  const compound = COMPOUND.exec(text);
  const first = compound ? readNumeral(compound[1] ?? '') : null;
  if (compound && first !== null) {
    return { level: 1, code: `${compound[1] ?? ''}(${compound[2] ?? ''})`, number: first, rest: text.slice(compound[0].length) };
  }
  for (const [level, re] of ENUMS) {
    const m = re.exec(text);
    if (!m) continue;
    const c = m[1] ?? '';
    const number = level === 5 ? circledToNumber(c) : readNumeral(c);
    if (number === null) continue;
    const rest = text.slice(m[0].length);
    // A list index before a task's own number (1.编号8： / 2. 任务14：) gives way to it.
    const inner = /^[?？*\s]*/.exec(rest)?.[0].length ?? 0;
    const explicit = readExplicit(rest.slice(inner));
    if (explicit) return explicit;
    return { level, code: c, number, rest };
  }
  return null;
}

function readExplicit(text: string): Marker | null {
  for (const [re, code] of EXPLICIT) {
    const m = re.exec(text);
    if (!m) continue;
    const c = code(m);
    return { level: 0, code: c, number: firstNumeral(c.replace(/^序号/, '')), rest: text.slice(m[0].length) };
  }
  return null;
}

export type FieldKind =
  | 'status' | 'goal' | 'measures' | 'units' | 'leaders' | 'deadline' | 'problem' | 'code' | 'notice' | 'other';

// Longest labels first so that 整改进展情况 wins over 进展情况.
const LABELS: ReadonlyArray<readonly [FieldKind, readonly string[]]> = [
  ['status', ['整改主要工作及成效', '主要工作及成效', '整改进展情况', '整改完成情况', '整改落实情况', '整改推进情况', '目前整改进展', '目前进展情况', '整改进展及成效', '整改成效', '整改情况', '整改进展', '整改进度', '整改结果', '整改状态', '完成情况', '进展情况', '推进情况', '落实情况', '目前进展', '当前进展', '工作进展', '完成进度', '完成状态', '进展']],
  ['goal', ['整改目标', '目标要求', '整改要求', '整改标准', '目标任务', '目标']],
  ['measures', ['主要整改措施', '已采取措施', '已采取的措施', '整改措施', '重点措施', '主要措施', '具体措施', '工作措施', '整改举措', '采取措施', '措施']],
  ['units', ['整改责任单位', '责任单位', '牵头单位', '责任部门', '牵头部门', '主责单位', '配合单位', '协同单位', '责任主体', '整改主体', '整改单位', '实施单位', '牵头责任单位', '责任处室', '整改实施主体', '实施主体']],
  ['leaders', ['整改责任人', '责任领导', '责任人', '牵头领导', '包案领导', '牵头市领导', '责任市领导']],
  ['deadline', ['计划完成时间', '整改时限', '完成时限', '时限要求', '完成时间', '整改期限', '整改时间', '完成期限', '时限']],
  ['problem', ['督察反馈问题', '督察发现问题', '存在问题', '具体问题', '问题描述', '反馈问题', '问题内容', '问题名称', '交办问题', '主要问题', '任务内容', '整改任务内容', '整改任务', '整改问题', '整改事项', '反馈事项', '反馈意见建议', '督察反馈意见', '反馈意见', '问题']],
  ['code', ['任务编号', '问题编号', '任务序号', '编号', '序号']],
  ['notice', ['公示期限', '公示时间', '公示日期', '公示期']],
  ['other', ['联系人', '督导单位', '验收单位', '验收情况', '验收意见', '下一步工作安排', '下步工作安排', '下一步工作', '下步安排', '推进措施', '长效机制', '举一反三', '备注']],
];

const LABEL_KIND = new Map<string, FieldKind>();
for (const [kind, labels] of LABELS) for (const l of labels) LABEL_KIND.set(l, kind);
const ALL_LABELS = [...LABEL_KIND.keys()].sort((a, b) => b.length - a.length).join('|');

/** 整改情况：…, 【整改进展】…, or a paragraph that is only a label (整改措施, 【整改目标】). */
// A label may carry a remark in brackets: 反馈问题（整改任务）：…
const FIELD = new RegExp(String.raw`^(?:[【\[]\s*(${ALL_LABELS})\s*[】\]]\s*[:：]?|(${ALL_LABELS})\s*(?:[(（][^()（）]{1,12}[)）])?\s*(?:[:：]|$))\s*([\s\S]*)$`);

export interface Field {
  kind: FieldKind;
  label: string;
  /** Text after the colon, '' for a label standing alone. */
  content: string;
}

/** Reads a labelled field at the start of a paragraph, or null. */
export function readField(text: string): Field | null {
  const m = FIELD.exec(text);
  if (!m) return null;
  const label = m[1] ?? m[2] ?? '';
  return { kind: LABEL_KIND.get(label) ?? 'other', label, content: (m[3] ?? '').trim() };
}

// A second field inside one paragraph (整改时限：2025年底。责任单位：…), after a sentence end or a space.
const INLINE_FIELD = new RegExp(String.raw`(?<=[。；;!！?？\s”」』"])\s*[【\[]?(${ALL_LABELS.replace(/\|(问题|目标|时限|进展|措施|编号|备注)(?=\||$)/g, '')})[】\]]?\s*[:：]`, 'g');

/** Splits a paragraph at labelled fields written inline; the first part is the text before any label. */
export function splitInlineFields(text: string): { head: string; fields: Field[] } {
  if (!text.includes('：') && !text.includes(':')) return { head: text, fields: [] };
  const cuts: { at: number; end: number; label: string }[] = [];
  for (const m of text.matchAll(INLINE_FIELD)) {
    const at = m.index;
    cuts.push({ at, end: at + m[0].length, label: m[1] ?? '' });
  }
  if (!cuts.length) return { head: text, fields: [] };
  const fields = cuts.map((c, i) => ({
    kind: LABEL_KIND.get(c.label) ?? ('other'),
    label: c.label,
    content: text.slice(c.end, cuts[i + 1]?.at ?? text.length).trim(),
  }));
  return { head: text.slice(0, cuts[0]?.at ?? 0).trim(), fields };
}

/** True when a paragraph starts a new block: a task heading, an outline marker, a field label, 附件, a date line. */
export function startsBlock(text: string): boolean {
  return readMarker(text) !== null || FIELD.test(text) || isStandaloneLine(text);
}

/** Lines that stand alone whatever surrounds them: 附件1, a bare date, a document number. */
export function isStandaloneLine(text: string): boolean {
  return (
    /^附件\s*\d*\s*[:：]?$/.test(text) ||
    /^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$/.test(text) ||
    /^[\u4e00-\u9fa5]{1,10}[〔[【(（]\d{4}[〕\]】)）]\d{1,4}号$/.test(text)
  );
}

const TAIL_LABEL = new RegExp(String.raw`(${[...LABEL_KIND.keys()].filter((l) => l.length >= 4).sort((a, b) => b.length - a.length).join('|')})$`);

/**
 * A section heading whose words end with a field label: 一、中央环境保护督察反馈意见整改任务 → the 整改任务 section.
 * Short, unpunctuated, the label at least four characters (…问题 alone is how task headings end).
 */
export function readTailLabel(text: string): Field | null {
  if (text.length > 30 || /[，,。；;：:]/.test(text)) return null;
  const m = TAIL_LABEL.exec(text);
  if (!m) return null;
  const label = m[1] ?? '';
  return { kind: LABEL_KIND.get(label) ?? 'other', label, content: '' };
}
