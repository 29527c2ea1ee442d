/**
 * Search with short terms (issue #20): terms of one or two characters (水, 污水) served by an index on both databases.
 * The trigram indexes of migration 002 (FTS5 trigram, pg_trgm) cannot answer a term shorter than three characters,
 * and a common short term matches tens of thousands of rows nationally, so it was a scan of every row's text.
 *
 * - SQLite: `assignments_chars`, an FTS5 index whose tokens are the single characters of the search text. The
 *   triggers feed it the text with a space between characters (`污水处理` → `污 水 处 理`), built from
 *   `text_positions` (1…65,536: SQLite allows no recursive query inside a trigger); a two-character term is the
 *   phrase of its two characters, which FTS5 answers from its position lists. Punctuation and symbols are made token
 *   characters (`categories`), and whitespace is written as U+E000, so tokens next to each other are characters
 *   next to each other in the text: the phrase matches exactly where the text contains the term. Contentless (the
 *   text stays in `assignments`), with deletes allowed. Characters past the 65,536th are not indexed.
 * - PostgreSQL: a GIN index over `search_grams(search_text)`, the array of the lower-cased text's distinct single
 *   characters and pairs of adjacent characters; a term of one or two characters is an element of it exactly when
 *   the text contains it (`@>`). An expression index: nothing to maintain.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

/** The highest character position indexed on SQLite. */
export const TEXT_POSITIONS = 65_536;
/** What whitespace is written as in the character index (a private-use character, never searched for). */
export const WHITESPACE_MARK = '\uE000';
/** Whitespace characters (code points) written as WHITESPACE_MARK: the rest of Unicode's separators is as rare as it is unsearched. */
const WHITESPACE = [9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8203, 8232, 8233, 8239, 8287, 12288, 65279];

/** The spaced characters of `text` (a column or NEW.x), as one SQLite expression. */
function spacedChars(text: string): string {
  const c = `substr(${text}, n, 1)`;
  return `(SELECT group_concat(CASE WHEN trim(${c}, char(${WHITESPACE.join(', ')})) = '' THEN char(${WHITESPACE_MARK.codePointAt(0)}) ELSE ${c} END, ' ' ORDER BY n)
    FROM text_positions WHERE n <= length(${text}))`;
}

export function shortSearchMigration(dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      if (dialect === 'sqlite') {
        await sql`CREATE TABLE text_positions (n INTEGER PRIMARY KEY)`.execute(db);
        await sql`WITH RECURSIVE p(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < ${TEXT_POSITIONS}) INSERT INTO text_positions SELECT n FROM p`.execute(db);
        await sql.raw(`CREATE VIRTUAL TABLE assignments_chars USING fts5(chars, content='', contentless_delete=1,
          tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'")`).execute(db);
        await sql.raw(`INSERT INTO assignments_chars(rowid, chars) SELECT id, ${spacedChars('search_text')} FROM assignments WHERE search_text <> ''`).execute(db);
        const feed = `INSERT INTO assignments_chars(rowid, chars) SELECT NEW.id, ${spacedChars('NEW.search_text')} WHERE NEW.search_text <> '';`;
        await sql.raw(`CREATE TRIGGER assignments_chars_ai AFTER INSERT ON assignments BEGIN ${feed} END`).execute(db);
        await sql.raw(`CREATE TRIGGER assignments_chars_ad AFTER DELETE ON assignments BEGIN DELETE FROM assignments_chars WHERE rowid = OLD.id; END`).execute(db);
        await sql.raw(`CREATE TRIGGER assignments_chars_au AFTER UPDATE OF search_text ON assignments BEGIN
          DELETE FROM assignments_chars WHERE rowid = OLD.id; ${feed} END`).execute(db);
      } else {
        await sql`CREATE FUNCTION search_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
            SELECT substr(lower(t), i, 1) AS g FROM generate_series(1, length(t)) AS i
            UNION ALL SELECT substr(lower(t), i, 2) FROM generate_series(1, length(t) - 1) AS i) AS grams
        $$`.execute(db);
        await sql`CREATE INDEX assignments_search_grams ON assignments USING gin (search_grams(search_text))`.execute(db);
      }
    },
    async down(db: Db): Promise<void> {
      if (dialect === 'sqlite') {
        for (const t of ['assignments_chars_ai', 'assignments_chars_ad', 'assignments_chars_au']) await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
        await sql`DROP TABLE IF EXISTS assignments_chars`.execute(db);
        await sql`DROP TABLE IF EXISTS text_positions`.execute(db);
      } else {
        await sql`DROP INDEX IF EXISTS assignments_search_grams`.execute(db);
        await sql`DROP FUNCTION IF EXISTS search_grams(text)`.execute(db);
      }
    },
  };
}
