/**
 * The fingerprint of a published report's substance: its title, unit, inspection and tasks (status, measures,
 * documents…), not the date it speaks as of nor its summary paragraph (which only restates the date and the counts).
 * Two publications with the same fingerprint say the same thing, so the second is refused (services/report-from-ledger.ts)
 * and migration 020 folds such duplicates already published into the version they repeat. Persisted: changing what
 * goes in changes every stored hash.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so equal content hashes equally whatever order it was built in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function reportContentHash(content: unknown): string {
  const c = (content ?? {}) as { title?: unknown; region?: unknown; inspection?: unknown; tasks?: unknown };
  const substance = { title: c.title ?? null, region: c.region ?? null, inspection: c.inspection ?? null, tasks: c.tasks ?? [] };
  return createHash('sha256').update(canonical(substance)).digest('hex');
}
