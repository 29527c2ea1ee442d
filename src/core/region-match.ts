/**
 * Finds the org unit a handover table's 行政区域 refers to, among the units under the importing unit. Tables write
 * places loosely ("抚顺市新宾满族自治县永陵镇", "新宾县", "新宾"), so a unit matches by its full name or by its name
 * without the administrative suffix; the deepest match wins. Departments are not places and never match.
 */
import type { OrgKind } from './org.js';

export interface PlaceUnit { id: number; name: string; kind: OrgKind; path: string }

const SUFFIX = /(?:自治(?:县|旗|州|区)|特别行政区|地区|县|区|市|旗|州|盟|省)$/u;
// The peoples named before 自治县 (满族, 土家族, 拉祜族佤族…); the lazy head keeps the place name itself.
const PEOPLES = /^(.{2,}?)(?:[^族]{1,3}族)+$/u;

/** 新宾满族自治县 → 新宾, 望花区 → 望花, 抚顺市 → 抚顺; null when too little would be left to be specific. */
export function shortPlaceName(name: string): string | null {
  const short = name.replace(SUFFIX, '').replace(PEOPLES, '$1');
  return short !== name && [...short].length >= 2 ? short : null;
}

export type RegionMatch = { unit: PlaceUnit } | { ambiguous: PlaceUnit[] } | null;

export function matchRegion(regionText: string | null | undefined, units: readonly PlaceUnit[]): RegionMatch {
  const text = (regionText ?? '').normalize('NFKC').replace(/\s+/g, '');
  if (!text) return null;
  let best: { unit: PlaceUnit; depth: number; length: number }[] = [];
  for (const unit of units) {
    if (unit.kind === 'department') continue;
    const forms = [unit.name, shortPlaceName(unit.name)].filter((f): f is string => !!f && text.includes(f));
    if (forms.length === 0) continue;
    const depth = unit.path.split('/').filter(Boolean).length;
    const length = Math.max(...forms.map((f) => f.length));
    const top = best[0];
    if (!top || depth > top.depth || (depth === top.depth && length > top.length)) best = [{ unit, depth, length }];
    else if (depth === top.depth && length === top.length) best.push({ unit, depth, length });
  }
  if (best.length === 0) return null;
  return best.length === 1 ? { unit: best[0]!.unit } : { ambiguous: best.map((b) => b.unit) };
}
