/** The time as stored: ISO-8601 UTC text. One place, so tests and jobs agree on the format. */
export function nowIso(): string {
  return new Date().toISOString();
}
