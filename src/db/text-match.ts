/** Portable "contains" matching for filters: case-insensitive on both dialects, LIKE wildcards in the text escaped. */
import { sql, type RawBuilder } from 'kysely';

/** `column` contains `text` (a plain substring, not a pattern). */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`LOWER(${sql.ref(column)}) LIKE ${pattern} ESCAPE '\\'`;
}
