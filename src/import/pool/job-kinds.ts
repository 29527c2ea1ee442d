/**
 * The parse jobs a worker can run, by kind: each reader with its budgets. To run another reader in the pool, add one
 * line here, e.g.
 *
 *   'plan-table': defineParseJob(SHEET_BUDGETS, (input, options: PlanTableOptions) => parsePlanTable(input, options)),
 *
 * Inputs, options and results cross the thread boundary by structured clone: plain data only (no functions,
 * no class instances other than Date, Map, Set, typed arrays).
 */
import { parseCaseBatch } from '../case-batch.js';
import { parseReport, type ParseOptions } from '../index.js';
import { detectPlanTable, parsePlanTable, type PlanTableOptions } from '../plan-table/index.js';
import { readDocument } from '../read-document.js';
import { REPORT_BUDGETS, SHEET_BUDGETS, type ParseBudgets } from './budgets.js';

export interface ParseJobInput {
  data: Uint8Array;
  /** The file name, used in messages. */
  name: string;
}

/** What the worker tells a reader about the job it runs in. */
export interface ParseJobContext {
  budgets: ParseBudgets;
  /** Epoch milliseconds at which the pool terminates the worker; child processes must end before. */
  deadline: number;
}

export interface ParseJobKind<Options, Result> {
  budgets: ParseBudgets;
  run(input: ParseJobInput, options: Options, job: ParseJobContext): Promise<Result>;
}

/** Declares a job kind; `Options` is what callers pass beside the file (plain data). */
export function defineParseJob<Result, Options = Record<string, never>>(
  budgets: ParseBudgets,
  run: (input: ParseJobInput, options: Options, job: ParseJobContext) => Promise<Result>,
): ParseJobKind<Options, Result> {
  return { budgets, run };
}

/** LibreOffice gets what is left of the job's time, less a second to clean up, so it never outlives the worker. */
const timeLeft = (job: ParseJobContext): number => Math.max(1000, job.deadline - Date.now() - 1000);

export const PARSE_JOBS = {
  report: defineParseJob(REPORT_BUDGETS, (input, options: Omit<ParseOptions, 'limits'>, job) =>
    parseReport(input, {
      ...options,
      convertTimeoutMs: timeLeft(job),
      limits: { pages: job.budgets.pdfPages, textItems: job.budgets.pdfTextItems },
    })),
  'case-batch': defineParseJob(SHEET_BUDGETS, (input) => parseCaseBatch(input.data, input.name)),
  'plan-table': defineParseJob(SHEET_BUDGETS, (input, options: PlanTableOptions) => parsePlanTable(input, options)),
  'plan-detect': defineParseJob(SHEET_BUDGETS, (input, options: PlanTableOptions) => detectPlanTable(input, options)),
  /** A plan table when the file is one, else a report: what `rectify parse` prints. */
  document: defineParseJob(SHEET_BUDGETS, (input, options: Omit<ParseOptions, 'limits'>, job) =>
    readDocument(input, {
      ...options,
      convertTimeoutMs: timeLeft(job),
      limits: { pages: job.budgets.pdfPages, textItems: job.budgets.pdfTextItems },
    })),
};

export type ParseJobKinds = typeof PARSE_JOBS;
export type ParseJobName = keyof ParseJobKinds;
export type ParseJobOptions<K extends ParseJobName> = Parameters<ParseJobKinds[K]['run']>[1];
export type ParseJobResult<K extends ParseJobName> = Awaited<ReturnType<ParseJobKinds[K]['run']>>;
