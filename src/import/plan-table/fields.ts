/**
 * Reading the cells of a plan row: task numbers with the higher plan's number inside ("8(市序号9)", "省1-3"),
 * responsible units split into 牵头/配合, leaders, and deadline cells (text, date cells, bare Excel serials).
 */
import { normalizeChars, squeezeSpaces } from '../chars.js';
import { readNumeral } from '../numerals.js';
import { splitUnits } from '../units.js';
import { serialToIso } from './xlsx-sheets.js';

const NUM = '[0-9零〇一二两三四五六七八九十百]+';

/** A cell's text cleaned: compatibility forms folded, stray spaces inside Chinese removed, lines kept. */
export function cleanText(text: string): string {
  return normalizeChars(text)
    .split('\n')
    .map((line) => squeezeSpaces(line))
    .filter(Boolean)
    .join('\n');
}

export interface CodeParts {
  code: string;
  number: number | null;
  parentCode: string | null;
  parentNumber: number | null;
  /** Said when the code points at the higher plan but does not give this task's own number. */
  note: string | null;
}

/** Parenthesised reference to the higher plan: (市序号9), （对应省任务9）, (省第3项). */
const PARENT_IN_PARENS = new RegExp(
  String.raw`[(（]\s*(?:对应)?\s*(?:省|市|县|区|上级|省级|市级|县级|原)[^()（）\d]{0,8}?(${NUM}(?:\s*[-—－~～、,，.．]\s*${NUM})*)\s*(?:项|号|条)?\s*[)）]`,
);
/** A code that is itself the higher plan's number: 省1-3, 对应省9, 省第3项. */
const PARENT_ONLY = new RegExp(String.raw`^(?:对应)?(?:省|市|上级|省级|市级)(?:级)?(?:任务|问题)?(?:序号|编号|第)?(${NUM}(?:[-—－.．]${NUM})*)(?:项|号)?$`);

const numberOf = (text: string): number | null => {
  const m = new RegExp(NUM).exec(text);
  return m ? readNumeral(m[0]) : null;
};
const wholeNumber = (text: string): number | null => (new RegExp(`^${NUM}$`).test(text) ? readNumeral(text) : null);

/** Reads a task number as printed: 1, 一, （一）, 1., 第3项, "8(市序号9)", "序号8（对应省任务9）", "省1-3". */
export function readCode(written: string): CodeParts {
  const code = normalizeChars(written).replace(/\s+/g, '');
  let own = code;
  let parentCode: string | null = null;
  const inParens = PARENT_IN_PARENS.exec(code);
  if (inParens) {
    parentCode = (inParens[1] ?? '').replace(/\s+/g, '');
    own = code.slice(0, inParens.index) + code.slice(inParens.index + inParens[0].length);
  } else {
    const only = PARENT_ONLY.exec(code);
    if (only) {
      parentCode = only[1] ?? null;
      return { code, number: null, parentCode, parentNumber: parentCode ? wholeNumber(parentCode) : null, note: `序号“${code}”是上级任务的编号，本级序号未写明` };
    }
  }
  own = own.replace(/^(?:任务|问题)?(?:序号|编号)|^第|[项号、.．:：]$/g, '').replace(/^[(（]|[)）]$/g, '');
  return { code, number: numberOf(own), parentCode, parentNumber: parentCode ? wholeNumber(parentCode) : null, note: null };
}

/** Reads a 省序号/上级序号 cell: "9", "省9", "第9项". */
export function readParentCell(written: string): { parentCode: string; parentNumber: number | null } {
  const code = normalizeChars(written).replace(/\s+/g, '');
  const bare = code.replace(/^(?:对应)?(?:省|市|上级|省级|市级)?(?:级)?(?:任务|问题)?(?:序号|编号)?(?:第)?/, '').replace(/[项号]$/, '');
  return { parentCode: bare || code, parentNumber: wholeNumber(bare) };
}

export interface UnitParts {
  lead: string[];
  support: string[];
  /** True when the cell itself said who leads (牵头：…, （牵头）). */
  marked: boolean;
}

const ROLE_LABEL = /(牵头(?:单位|部门)?|主办(?:单位)?|配合(?:单位|部门)?|协办(?:单位)?|参与(?:单位)?|责任(?:单位|部门)?)\s*[:：]/g;
const isLeadLabel = (label: string): boolean => /^(牵头|主办|责任)/.test(label);

// What the name of an organisation ends with: a space after one separates two names, elsewhere it is a stray.
const ORG_END = /(?:局|委|办|政府|中心|公司|集团|厅|院|所|队|会|部|处|站|室|社|馆|校|街道|乡|镇|分局|管委会)$/;

/** "市 生态环境局 市住建局" → "市生态环境局、市住建局": spaces split names only after a complete one. */
function joinSpaced(text: string): string {
  return text.replace(/[ \t\u3000]+/g, (_m: string, at: number, all: string) => {
    const before = all.slice(0, at).trimEnd();
    const after = all.slice(at + _m.length);
    if (!before || !after || /[、，,；;/／\n:：]$/.test(before) || /^[、，,；;/／\n（(]/.test(after)) return '';
    return ORG_END.test(before) ? '、' : '';
  });
}

/**
 * Splits a unit cell: "市生态环境局、市住建局", "牵头：市生态环境局；配合：各县区政府", "市水务局（牵头）、市财政局".
 * Names carry no role words. Unmarked names go to `lead` (a 责任单位 is responsible).
 */
export function readUnits(text: string): UnitParts {
  const lead: string[] = [];
  const support: string[] = [];
  const clean = normalizeChars(text);
  const labels = [...clean.matchAll(ROLE_LABEL)];
  const segments: { role: 'lead' | 'support' | null; text: string }[] = [];
  if (labels.length) {
    const head = clean.slice(0, labels[0]?.index ?? 0);
    if (head.trim()) segments.push({ role: null, text: head });
    labels.forEach((m, i) => {
      const end = labels[i + 1]?.index ?? clean.length;
      segments.push({ role: isLeadLabel(m[1] ?? '') ? 'lead' : 'support', text: clean.slice(m.index + m[0].length, end) });
    });
  } else segments.push({ role: null, text: clean });
  const marked = labels.length > 0;
  const unmarked: string[] = [];
  let suffixLead = false;
  for (const seg of segments) {
    for (const piece of joinSpaced(seg.text).split(/[、，,；;/／\n]/)) {
      const suffix = /[(（]?\s*(牵头|主办|配合|协办|参与)\s*[)）]?\s*$/.exec(piece.trim());
      const role = suffix ? (/牵头|主办/.test(suffix[1] ?? '') ? 'lead' : 'support') : seg.role;
      if (suffix && role === 'lead') suffixLead = true;
      for (const name of splitUnits(piece)) (role === 'support' ? support : role === 'lead' ? lead : unmarked).push(name);
    }
  }
  // "X（牵头）、Y": once a name is marked as the lead, the others named with it are its support.
  (suffixLead ? support : lead).push(...unmarked);
  const leadSet = [...new Set(lead)];
  return { lead: leadSet, support: [...new Set(support)].filter((u) => !leadSet.includes(u)), marked: marked || suffixLead || support.length > 0 };
}

/** Splits a 责任领导 cell into one entry a person ("张三（副市长）", "李四 市生态环境局局长"). */
export function readLeaders(text: string): string[] {
  const names = normalizeChars(text)
    .split(/[、，,；;/／\n]/)
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter((s) => s.length >= 2 && !/^(无|暂无|—+|-+)$/.test(s));
  return [...new Set(names)];
}

/** A deadline cell's text: a bare Excel date serial (a date cell without its format) becomes an ISO date. */
export function deadlineText(text: string): string {
  const t = cleanText(text);
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    const n = Number(t);
    if (n >= 25_000 && n <= 80_000) return serialToIso(n) ?? t;
  }
  return t;
}
