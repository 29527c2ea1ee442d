/**
 * The body of a parse worker thread: runs one job at a time from the pool (parse-pool.ts) and answers with the result
 * or the error. The file is checked against the job's budgets first (check-budgets.ts), so the readers only see
 * files they finish quickly; the result is refused when it is larger than its budget (it would cost the main thread
 * as much to receive as the file cost to read).
 */
import v8 from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../core/errors.js';
import { setConversionDeadline } from '../convert.js';
import { over, type ParseBudgets } from './budgets.js';
import { checkBudgets } from './check-budgets.js';
import { jsonLength } from './json-length.js';
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

/**
 * The answer: a result (with its size as JSON text), a refusal the user should read (AppError), or a failure of the
 * reader itself; with the worker's heap after the job (bytes the isolate holds, live or not), so the pool can retire
 * a worker a big file grew.
 */
export type ReplyMessage = { heapBytes?: number } & (
  | { id: number; ok: true; result: unknown; resultChars?: number }
  | { id: number; ok: false; error: { code: string; message: string; details?: unknown } }
  | { id: number; ok: false; failure: { message: string; stack?: string } });

/** What this isolate holds now: its heap (as committed, garbage included) and the buffers it keeps outside it. */
function heapBytes(): number {
  const h = v8.getHeapStatistics();
  return h.total_heap_size + h.external_memory;
}

async function runJob(job: JobMessage): Promise<ReplyMessage> {
  try {
    checkBudgets(job.data, job.name, job.budgets);
    // LibreOffice, started by whichever reader, must be killed before the pool terminates this thread.
    setConversionDeadline(job.deadline);
    const kind = PARSE_JOBS[job.kind] as { run(input: unknown, options: unknown, ctx: unknown): Promise<unknown> };
    const result = await kind.run({ data: job.data, name: job.name }, job.options ?? {}, { budgets: job.budgets, deadline: job.deadline });
    const resultChars = jsonLength(result, job.budgets.resultBytes);
    if (resultChars > job.budgets.resultBytes) throw over.result(job.name, job.budgets);
    return { id: job.id, ok: true, result, resultChars };
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
      port.postMessage({ ...reply, heapBytes: heapBytes() });
    } catch (e) {
      // A result that cannot be cloned is the reader's fault, not the user's file.
      port.postMessage({ id: job.id, ok: false, failure: { message: `result not transferable: ${e instanceof Error ? e.message : String(e)}` }, heapBytes: heapBytes() });
    }
  });
});
port.postMessage({ ready: true });
