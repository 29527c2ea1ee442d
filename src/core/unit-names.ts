/**
 * Matching the responsible units a plan table names (市生态环境局, 新宾县人民政府, 市发展和改革委员会) to org units.
 * Tables write names loosely: with or without the region in front (抚顺市生态环境局 / 市生态环境局), a county by its
 * short name (新宾县 for 新宾满族自治县), a department by its usual abbreviation (市发改委 for 市发展和改革委员会).
 * A name matches a unit exactly, else through an alias chosen in an earlier import, else through these short forms
 * when exactly one unit has them; anything else is left for a person to decide. Pure functions, no I/O.
 */
import { shortPlaceName } from './region-match.js';

/** A unit a name may match, with the names of its ancestors from the root down (辽宁省, 抚顺市). */
export interface UnitCandidate { id: number; name: string; kind: string; ancestors: readonly string[] }

export type UnitMatch =
  | { kind: 'exact'; unitId: number }
  | { kind: 'alias'; unitId: number }
  | { kind: 'short'; unitId: number }
  | { kind: 'ambiguous'; candidates: number[] }
  | { kind: 'none' };

/** Full forms and the abbreviation offices write; applied longest first so every name is written one way. */
const ABBREVIATIONS: readonly [string, string][] = [
  ['发展和改革', '发改'], ['发展改革', '发改'], ['住房和城乡建设', '住建'], ['住房城乡建设', '住建'], ['工业和信息化', '工信'],
  ['市场监督管理', '市场监管'], ['交通运输', '交通'], ['生态环境保护', '生态环境'], ['城市管理综合行政执法', '城管执法'],
  ['城市管理', '城管'], ['自然资源和规划', '自然资源'], ['人力资源和社会保障', '人社'], ['应急管理', '应急'],
  ['委员会', '委'], ['办公室', '办'], ['人民政府', '政府'],
];

/** Full-width letters, digits and brackets as half-width; no spaces or trailing punctuation. */
export function normalizeUnitName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').replace(/[。，,、;；:：.]+$/u, '');
}

/** The one written form of a name: normalized, the usual abbreviations applied (市发展和改革委员会 → 市发改委). */
export function compactUnitName(name: string): string {
  let out = normalizeUnitName(name);
  for (const [full, short] of ABBREVIATIONS) out = out.split(full).join(short);
  return out;
}

/** The level word a place is referred to by inside its own tables: 抚顺市 → 市, 新宾满族自治县 → 县, 望花区 → 区. */
function levelWord(place: string): string | null {
  const m = /(省|自治区|市|州|盟|县|区|旗)$/u.exec(place);
  if (!m) return null;
  return m[1] === '自治区' ? '区' : m[1]!;
}

/** The forms a place's name takes at the start of a unit name: 新宾满族自治县, 新宾县, 新宾. */
function placeForms(place: string): string[] {
  const short = shortPlaceName(place);
  const level = levelWord(place);
  return [...new Set([place, ...(short ? [short + (level ?? ''), short] : [])])].filter(Boolean);
}

/** The short forms a unit is known by: its compact name, with the region written fully, briefly, or as 市/县. */
export function unitKeys(unit: Pick<UnitCandidate, 'name' | 'kind' | 'ancestors'>): Set<string> {
  const name = compactUnitName(unit.name);
  const keys = new Set<string>([name]);
  const regions = [...unit.ancestors].reverse();
  if (unit.kind !== 'department') {
    for (const form of placeForms(name)) keys.add(form);
    for (const form of placeForms(name)) keys.add(`${form}政府`);
    return keys;
  }
  for (const region of regions) {
    const level = levelWord(region);
    for (const form of placeForms(compactUnitName(region))) {
      if (!name.startsWith(form) || name.length === form.length) continue;
      const rest = name.slice(form.length).replace(/^(省|市|县|区|旗)(?=.)/u, '');
      for (const f of placeForms(compactUnitName(region))) keys.add(f + rest);
      if (level) keys.add(level + rest);
    }
  }
  // A unit recorded as "市生态环境局" under 抚顺市 is also 抚顺市生态环境局.
  const nearest = regions[0];
  const leading = /^(省|市|县|区|旗)(.+)$/u.exec(name);
  if (nearest && leading && levelWord(nearest) === leading[1]) {
    const [, level, rest] = leading as unknown as [string, string, string];
    for (const form of placeForms(compactUnitName(nearest))) {
      keys.add(form + rest);
      keys.add(form.endsWith(level) ? form + rest : form + level + rest);
    }
  }
  return keys;
}

/** The forms a name read from a table is compared by: its compact form, and a government named by its place. */
export function nameKeys(written: string): Set<string> {
  const name = compactUnitName(written);
  const keys = new Set<string>([name]);
  const government = /^(.+?)(?:党委和政府|党委政府|政府)$/u.exec(name);
  if (government) keys.add(government[1]!);
  return keys;
}

/**
 * Matches one written name among candidate units: exact name, then an alias (name → unit chosen before), then the
 * short forms when they point at exactly one unit. Several units sharing a short form are ambiguous, never guessed.
 */
export function matchUnitName(written: string, candidates: readonly UnitCandidate[], aliases: ReadonlyMap<string, number> = new Map()): UnitMatch {
  const normalized = normalizeUnitName(written);
  if (!normalized) return { kind: 'none' };
  const exact = candidates.filter((c) => normalizeUnitName(c.name) === normalized);
  if (exact.length === 1) return { kind: 'exact', unitId: exact[0]!.id };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact.map((c) => c.id) };
  const alias = aliases.get(aliasKey(written));
  if (alias !== undefined && candidates.some((c) => c.id === alias)) return { kind: 'alias', unitId: alias };
  const keys = nameKeys(written);
  const hits = candidates.filter((c) => [...unitKeys(c)].some((k) => keys.has(k)));
  if (hits.length === 1) return { kind: 'short', unitId: hits[0]!.id };
  if (hits.length > 1) return { kind: 'ambiguous', candidates: hits.map((c) => c.id) };
  return { kind: 'none' };
}

/** How a remembered alias is keyed: the name as normalized, so 全角 and spacing differences do not matter. */
export function aliasKey(written: string): string {
  return normalizeUnitName(written);
}

/**
 * The responsible-unit cell as separate names: 、，,；; and line breaks separate; "牵头：" labels and brackets around
 * a whole name are dropped. (The plan reader already splits cells; this keeps names typed in the preview alike.)
 */
export function splitUnitNames(cell: string): string[] {
  return cell.split(/[、，,；;\n\r]+/u).map((s) => s.replace(/^(牵头|配合|责任)(单位)?[:：]/u, '').trim()).filter(Boolean);
}
