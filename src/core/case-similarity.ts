/**
 * Repeat complaints (重复信访): a new case looks like an earlier one when it names the same target (被举报对象, compared
 * after normalization), or when it is about the same place and its text is similar — character-bigram Jaccard over
 * normalized text, which suits Chinese (no word segmentation needed) and tolerates reordered or reworded sentences.
 */

/** NFKC, lower case, letters/digits/Han only: punctuation, spaces and markup do not make texts different. */
export function normalizeCaseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The set of adjacent character pairs of a normalized text (a one-character text is its own "bigram"). */
export function bigrams(text: string): Set<string> {
  const chars = [...normalizeCaseText(text)];
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const x of small) if (large.has(x)) common++;
  return common / (a.size + b.size - common);
}

const LEGAL_FORMS = /(股份有限公司|有限责任公司|有限公司|集团公司|公司|分公司)$/;
const UNKNOWN_TARGETS = /^(无|不详|未知|暂无|某|某企业|某公司|某工地|某小区|个人|\/|-+)$/;

/**
 * The comparable key of a target: without spaces, punctuation, bracketed former names and the legal form (有限公司…),
 * so that 抚顺某某化工有限公司 and 抚顺某某化工（原某某厂） match. Null when the target says nothing specific.
 */
export function normalizeTarget(target: string | null | undefined): string | null {
  if (!target) return null;
  const stripped = target.normalize('NFKC').replace(/[(（][^)）]*[)）]/g, '').replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();
  const key = stripped.replace(LEGAL_FORMS, '');
  return key.length >= 2 && !UNKNOWN_TARGETS.test(key) ? key : null;
}

/** Jaccard never exceeds the smaller set's size over the larger's: a cheap test that skips most pairs. */
function mayReach(a: ReadonlySet<string>, b: ReadonlySet<string>, threshold: number): boolean {
  return Math.min(a.size, b.size) >= threshold * Math.max(a.size, b.size);
}

export interface SimilarityInput {
  /** Earlier cases carry their id; cases of the same import not yet written carry their row number instead. */
  ref: { caseId: number } | { row: number };
  orgUnitId: number;
  targetKey: string | null;
  grams: ReadonlySet<string>;
}

export type RepeatReason = 'same_target' | 'similar_text';
export interface RepeatMatch { ref: SimilarityInput['ref']; reason: RepeatReason; score: number }

/**
 * The earlier case this one most resembles, or null. Same target wins (score 1); otherwise the most similar text
 * within the same unit, if at or above the threshold. Among equals the latest earlier case wins, so repeats form a
 * chain from the newest back to the first complaint.
 */
export function findRepeat(candidate: Omit<SimilarityInput, 'ref'>, earlier: readonly SimilarityInput[], threshold: number): RepeatMatch | null {
  let best: RepeatMatch | null = null;
  for (const e of earlier) {
    let match: RepeatMatch | null = null;
    if (candidate.targetKey !== null && e.targetKey === candidate.targetKey) match = { ref: e.ref, reason: 'same_target', score: 1 };
    else if (e.orgUnitId === candidate.orgUnitId && mayReach(candidate.grams, e.grams, threshold)) {
      const score = jaccard(candidate.grams, e.grams);
      if (score >= threshold) match = { ref: e.ref, reason: 'similar_text', score: Math.round(score * 1000) / 1000 };
    }
    // `earlier` is ordered oldest first, so >= lets a later equal match replace an earlier one.
    if (match && (!best || match.score >= best.score)) best = match;
  }
  return best;
}
