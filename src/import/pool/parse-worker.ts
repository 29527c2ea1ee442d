/**
 * The body of a parse worker thread: runs one job at a time from the pool (parse-pool.ts) and answers with the result
 * or the error. The file is checked against the job's budgets first (check-budgets.ts), so the readers only see
 * files they finish quickly; the result is refused when it is larger than its budget (it would cost the main thread
 * as much to receive as the file cost to read).
 */
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../core/errors.js';
import { over, type ParseBudgets } from './budgets.js';
import { checkBudgets } from './check-budgets.js';
import { PARSE_JOBS, type ParseJobName } from './job-kinds.js';

/** A job as the pool posts it. */
export interface JobMessage {
  id: number;
  kind: ParseJobName;
  data: Uint8Array;
  name: string;
  options: unknown;
  budgets: ParseBudgets;
  deadline: number;
}

/** The answer: a result, a refusal the user should read (AppError), or a failure of the reader itself. */
export type ReplyMessage =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { code: string; message: string; details?: unknown } }
  | { id: number; ok: false; failure: { message: string; stack?: string } };

async function runJob(job: JobMessage): Promise<ReplyMessage> {
  try {
    checkBudgets(job.data, job.name, job.budgets);
    const kind = PARSE_JOBS[job.kind] as { run(input: unknown, options: unknown, ctx: unknown): Promise<unknown> };
    const result = await kind.run({ data: job.data, name: job.name }, job.options ?? {}, { budgets: job.budgets, deadline: job.deadline });
    if (JSON.stringify(result).length > job.budgets.resultBytes) throw over.result(job.name, job.budgets);
    return { id: job.id, ok: true, result };
  } catch (e) {
    if (isAppError(e)) return { id: job.id, ok: false, error: { code: e.code, message: e.message, details: e.details } };
    const error = e instanceof Error ? e : new Error(String(e));
    return { id: job.id, ok: false, failure: { message: error.message, stack: error.stack } };
  }
}

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs only as a worker thread (see parse-pool.ts)');
port.on('message', (job: JobMessage) => {
  void runJob(job).then((reply) => {
    try {
      port.postMessage(reply);
    } catch (e) {
      // A result that cannot be cloned is the reader's fault, not the user's file.
      port.postMessage({ id: job.id, ok: false, failure: { message: `result not transferable: ${e instanceof Error ? e.message : String(e)}` } });
    }
  });
});
port.postMessage({ ready: true });
