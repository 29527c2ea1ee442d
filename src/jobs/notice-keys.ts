/**
 * Dedupe keys of notifications raised from more than one place (an event job and the daily sweep), so the same
 * reminder is created once whichever gets there first.
 */
export const reviewNoticeKey = (reportId: number, version: number) => `review-pending:${reportId}:v${version}`;
