/**
 * The quarterly revisit draw (复查回访抽查): per unit, a random sample of its handled cases of at least the configured
 * share and at least one. Reproducible: the generator is seeded from the recorded seed text, and the population is
 * put in a fixed order first, so anyone holding the seed and the population gets the same sample.
 */

/** 32-bit hash of a string (cyrb53's mixing, folded to 32 bits): turns any seed text into a generator seed. */
export function hashSeed(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/** mulberry32: a small, well-distributed seeded generator; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many of n handled cases a unit must revisit: at least the share, at least one (none when n is 0). */
export function revisitQuota(n: number, share: number): number {
  if (n === 0) return 0;
  // The epsilon keeps 0.1 × 30 = 3.0000000000000004 from becoming 4.
  return Math.min(n, Math.max(1, Math.ceil(n * share - 1e-9)));
}

export interface RevisitUnitSample { orgUnitId: number; population: number; caseIds: number[] }

/**
 * Draws the sample. Each unit gets its own generator (seed text + unit id), so one unit's cases do not change
 * another unit's sample. Output is ordered by unit id, case ids ascending within a unit.
 */
export function drawRevisitSample(population: readonly { caseId: number; orgUnitId: number }[], share: number, seed: string): RevisitUnitSample[] {
  const byUnit = new Map<number, number[]>();
  for (const p of population) {
    const list = byUnit.get(p.orgUnitId) ?? [];
    list.push(p.caseId);
    byUnit.set(p.orgUnitId, list);
  }
  return [...byUnit.keys()].sort((a, b) => a - b).map((orgUnitId) => {
    const ids = [...new Set(byUnit.get(orgUnitId))].sort((a, b) => a - b);
    const k = revisitQuota(ids.length, share);
    const random = mulberry32(hashSeed(`${seed}|${orgUnitId}`));
    // Partial Fisher–Yates: the first k places end up a uniform sample without replacement.
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(random() * (ids.length - i));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    return { orgUnitId, population: ids.length, caseIds: ids.slice(0, k).sort((a, b) => a - b) };
  });
}

/**
 * Tops a draw up as more cases of the quarter are handled: per unit, the cases to add so that the unit's drawn cases
 * reach the quota of its population now. Each unit's cases not yet drawn are taken in the order of a key seeded by
 * the draw's seed (seed text + unit + case), so a case ranks the same in every top-up and anyone holding the seed,
 * the population at the top-up and the cases drawn before gets the same additions.
 */
export function topUpRevisitSample(
  population: readonly { caseId: number; orgUnitId: number }[], share: number, seed: string, drawn: readonly number[],
): RevisitUnitSample[] {
  const already = new Set(drawn);
  const byUnit = new Map<number, number[]>();
  for (const p of population) byUnit.set(p.orgUnitId, [...(byUnit.get(p.orgUnitId) ?? []), p.caseId]);
  const out: RevisitUnitSample[] = [];
  for (const orgUnitId of [...byUnit.keys()].sort((a, b) => a - b)) {
    const ids = [...new Set(byUnit.get(orgUnitId))];
    const have = ids.filter((id) => already.has(id)).length;
    const need = revisitQuota(ids.length, share) - have;
    if (need <= 0) continue;
    const key = (id: number) => hashSeed(`${seed}|${orgUnitId}|${id}`);
    const added = ids.filter((id) => !already.has(id)).sort((a, b) => key(a) - key(b) || a - b).slice(0, need).sort((a, b) => a - b);
    out.push({ orgUnitId, population: ids.length, caseIds: added });
  }
  return out;
}

export interface UnitQuota { orgUnitId: number; population: number; drawn: number; required: number; short: number }

/** Per unit: handled cases now, cases drawn, the quota and how many are missing. */
export function revisitQuotaStatus(population: readonly { caseId: number; orgUnitId: number }[], drawn: readonly number[], share: number): UnitQuota[] {
  const taken = new Set(drawn);
  const byUnit = new Map<number, Set<number>>();
  for (const p of population) byUnit.set(p.orgUnitId, (byUnit.get(p.orgUnitId) ?? new Set()).add(p.caseId));
  return [...byUnit.entries()].sort(([a], [b]) => a - b).map(([orgUnitId, ids]) => {
    const have = [...ids].filter((id) => taken.has(id)).length;
    const required = revisitQuota(ids.size, share);
    return { orgUnitId, population: ids.size, drawn: have, required, short: Math.max(0, required - have) };
  });
}

/** Days before the quarter's end from which a unit short of its quota is warned about. */
export const QUOTA_WARNING_DAYS = 15;

/**
 * Where the quarter's quota stands on `day`: met; short with time left; a warning in the last QUOTA_WARNING_DAYS days;
 * missed once the quarter is over.
 */
export function quotaState(units: readonly UnitQuota[], quarterEnd: string, day: string): { status: 'met' | 'short' | 'warning' | 'missed'; daysLeft: number } {
  const daysLeft = Math.round((Date.parse(`${quarterEnd}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
  if (units.every((u) => u.short === 0)) return { status: 'met', daysLeft };
  return { status: daysLeft < 0 ? 'missed' : daysLeft <= QUOTA_WARNING_DAYS ? 'warning' : 'short', daysLeft };
}
