/**
 * Repeat detection against the database: for each new or edited case, the earlier case it most resembles (same
 * target anywhere, across batches and inspections; or similar text within the same unit), including earlier rows
 * of the same import, which have no id yet.
 */
import type { Conn } from '../../db/database.js';
import { bigrams, findRepeat, normalizeTarget, type RepeatReason, type SimilarityInput } from '../../core/case-similarity.js';
import type { CaseSettings } from '../../core/case-settings.js';
import { listRepeatCandidates } from '../../db/cases.repository.js';

export interface RepeatItem { caseNo: string; orgUnitId: number; targetName: string | null; content: string }
/** An earlier case (caseId set) or an earlier item of the same list (index set), with why and how strongly. */
export interface RepeatLink { caseId: number | null; index: number | null; caseNo: string; reason: RepeatReason; score: number }

export async function detectRepeats(
  db: Conn, items: readonly RepeatItem[], settings: Pick<CaseSettings, 'repeatThreshold' | 'repeatCandidatesPerUnit'>, opts: { beforeCaseId?: number } = {},
): Promise<{ targetKey: string | null; link: RepeatLink | null }[]> {
  const keys = items.map((i) => normalizeTarget(i.targetName));
  const stored = await listRepeatCandidates(db, [...new Set(keys.filter((k): k is string => k !== null))],
    [...new Set(items.map((i) => i.orgUnitId))], settings.repeatCandidatesPerUnit);
  const earlier = stored.filter((c) => opts.beforeCaseId === undefined || c.id < opts.beforeCaseId);
  const caseNoOf = new Map(earlier.map((c) => [c.id, c.caseNo]));
  // Indexed so each item is compared with at most one same-target case and its unit's latest cases, not with all.
  const latestByKey = new Map<string, SimilarityInput>();
  const byUnit = new Map<number, SimilarityInput[]>();
  const remember = (s: SimilarityInput) => {
    if (s.targetKey !== null) latestByKey.set(s.targetKey, s);
    const list = byUnit.get(s.orgUnitId) ?? [];
    list.push(s);
    if (list.length > settings.repeatCandidatesPerUnit) list.shift();
    byUnit.set(s.orgUnitId, list);
  };
  for (const c of earlier) remember({ ref: { caseId: c.id }, orgUnitId: c.orgUnitId, targetKey: c.targetKey, grams: bigrams(c.content) });
  return items.map((item, index) => {
    const candidate = { orgUnitId: item.orgUnitId, targetKey: keys[index]!, grams: bigrams(item.content) };
    const sameTarget = candidate.targetKey === null ? undefined : latestByKey.get(candidate.targetKey);
    const match = findRepeat(candidate, [...(sameTarget ? [sameTarget] : []), ...(byUnit.get(item.orgUnitId) ?? [])], settings.repeatThreshold);
    // Later items of the list compare with this one too, as the newest earlier case.
    remember({ ref: { row: index }, ...candidate });
    if (!match) return { targetKey: candidate.targetKey, link: null };
    const link: RepeatLink = 'caseId' in match.ref
      ? { caseId: match.ref.caseId, index: null, caseNo: caseNoOf.get(match.ref.caseId) ?? '', reason: match.reason, score: match.score }
      : { caseId: null, index: match.ref.row, caseNo: items[match.ref.row]!.caseNo, reason: match.reason, score: match.score };
    return { targetKey: candidate.targetKey, link };
  });
}
