/**
 * Reading uploaded files off the main thread, under budgets: the pool, the job kinds it runs and their budgets.
 * Callers in services go through runParseJob (src/services/parse-jobs.ts), which takes the pool settings and budget
 * overrides from the configuration.
 */
export { ParsePool, type ParsePoolSettings } from './parse-pool.js';
export { REPORT_BUDGETS, SHEET_BUDGETS, withOverrides, type BudgetOverrides, type ParseBudgets } from './budgets.js';
export type { ParseJobInput, ParseJobName, ParseJobOptions, ParseJobResult } from './job-kinds.js';
