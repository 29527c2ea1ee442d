/** What a database error means, the same on SQLite (better-sqlite3 codes) and PostgreSQL (SQLSTATE). */

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/** A unique index refused the row: another request created the same thing first. */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The lock wait ran out, or PostgreSQL gave up a serialization or deadlock: retrying shortly succeeds. */
export function isBusy(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === '40001' || code === '40P01';
}
