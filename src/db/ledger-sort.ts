/**
 * The ledger's sort by warning ranks red before yellow before green: this expression, written the same in the
 * query and in its index (migration 015), which the planner matches by its text.
 */
export const WARNING_RANK = "CASE warning WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END";
