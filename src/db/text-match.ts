/** Portable "contains" matching for filters: case-insensitive on both dialects, LIKE wildcards in the text escaped. */
import { sql, type RawBuilder } from 'kysely';

/** `column` contains `text` (a plain substring, not a pattern). */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`LOWER(${sql.ref(column)}) LIKE ${pattern} ESCAPE '\\'`;
}

/** Most terms a search takes (the rest of a longer query is ignored). */
export const MAX_SEARCH_TERMS = 8;

/**
 * The terms of a search box's text: separated by whitespace, each to be found in the text (all of them, in any
 * order). `污水 处理厂` finds texts that contain both 污水 and 处理厂.
 */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(q.trim().split(/\s+/u).filter((t) => t.length > 0))].slice(0, MAX_SEARCH_TERMS);
}

/** Characters a trigram index cannot find a term of: shorter terms are found through the character index (migration 024). */
export const TRIGRAM = 3;
export const charCount = (term: string): number => [...term].length;
