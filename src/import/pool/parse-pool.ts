/**
 * A small pool of worker threads that read uploaded files off the main thread, so no document can stall the server:
 * the main thread only queues the job and receives the result. Each worker runs one job at a time under a heap limit
 * (resourceLimits); a job over its wall time has its worker terminated and replaced, as does one that runs out of
 * memory. Workers start on the first job and do not keep the process alive while idle; a worker that a big file
 * left holding a large heap is retired once its job is done (the next job starts a fresh one), so the memory one big
 * read took is given back instead of kept by an idle thread. When every worker is busy
 * and the queue is full, a job is refused at once with BUSY (503, Retry-After) rather than left waiting; so is a
 * queued job no worker has taken within the pool's maximum wait.
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../core/errors.js';
import { over, type ParseBudgets } from './budgets.js';
import type { ParseJobInput, ParseJobName, ParseJobOptions, ParseJobResult } from './job-kinds.js';
import type { JobMessage, ReplyMessage } from './parse-worker.js';

export interface ParsePoolSettings {
  /** Worker threads (at least 1). */
  workers: number;
  /** Jobs that may wait for a worker beyond those running; one more is refused with BUSY. */
  queue: number;
  /** Heap limit of each worker (old generation), in MB. */
  heapMb: number;
  /** How long a job may wait for a worker (starting one included) before it is refused with BUSY (default 120 s). */
  maxWaitMs?: number;
  /**
   * A worker whose heap (with its external buffers) is above this many MB after a job is ended once the job is done
   * (default 48: a fresh worker holds about 25 MB, a report or case sheet leaves 35).
   */
  recycleHeapMb?: number;
  /**
   * So is one whose result was larger than this many characters as JSON (default 1,000,000, a sheet of about 2,500
   * rows): the heap that built it has mostly been collected by the end, but the process keeps the memory it took
   * (a 10,000-row sheet, 4.3 M characters, leaves the thread 60–80 MB of resident memory).
   */
  recycleResultChars?: number;
}

/** See ParsePoolSettings.recycleHeapMb and recycleResultChars. */
export const RECYCLE_HEAP_MB = 48;
export const RECYCLE_RESULT_CHARS = 1_000_000;

interface Job {
  message: JobMessage;
  resolve(result: unknown): void;
  reject(error: unknown): void;
  /** Refuses the job with BUSY if no worker has taken it within its time budget. */
  waitTimer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** The worker has loaded its readers; a job's time starts only then. */
  ready: boolean;
  /** Set once the slot is being thrown away (terminated, crashed), so its late events are ignored. */
  gone: boolean;
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

const busy = (name: string): AppError => new AppError('BUSY', `系统正在读取其他文件，请稍候再上传 ${name}`, { retryAfterSeconds: 5 });

export class ParsePool {
  private readonly slots = new Set<Slot>();
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers ended for the heap a job left them (for tests and the benchmark). */
  recycled = 0;

  constructor(readonly settings: ParsePoolSettings) {}

  /** Jobs running and waiting (for tests and the benchmark). */
  get load(): { running: number; waiting: number; workers: number } {
    const running = [...this.slots].filter((s) => s.job).length;
    return { running, waiting: this.waiting.length, workers: this.slots.size };
  }

  /**
   * Runs one parse job in a worker. Refuses at once (before any queueing) a file over the input budget
   * (FILE_TOO_LARGE) and a job that finds the queue full (BUSY); otherwise settles with the reader's result or its
   * AppError, or FILE_TOO_COMPLEX when the job ran out of time or memory.
   */
  run<K extends ParseJobName>(kind: K, input: ParseJobInput, options: ParseJobOptions<K>, budgets: ParseBudgets): Promise<ParseJobResult<K>> {
    if (this.closed) return Promise.reject(new Error('the parse pool is closed'));
    if (input.data.length > budgets.inputBytes) return Promise.reject(over.input(input.name, input.data.length, budgets));
    const { running, waiting } = this.load;
    if (running + waiting >= this.settings.workers + this.settings.queue) {
      return Promise.reject(busy(input.name));
    }
    // A copy the worker owns: the upload's Buffer may be a slice of a shared pool, which cannot be transferred.
    const data = new Uint8Array(input.data);
    return new Promise<ParseJobResult<K>>((resolve, reject) => {
      const message: JobMessage = { id: this.nextId++, kind, data, name: input.name, options, budgets, deadline: 0 };
      const job: Job = { message, resolve, reject };
      // Past its wait, the person is told to come back rather than left waiting behind others' files.
      job.waitTimer = setTimeout(() => {
        const at = this.waiting.indexOf(job);
        if (at < 0) return;
        this.waiting.splice(at, 1);
        reject(busy(input.name));
      }, this.settings.maxWaitMs ?? 120_000);
      job.waitTimer.unref();
      this.waiting.push(job);
      this.dispatch();
    });
  }

  /** Starts the workers now and resolves once each has loaded its readers (else they start with the first jobs). */
  async warm(): Promise<void> {
    while (this.slots.size < this.settings.workers) this.spawn();
    await Promise.all([...this.slots].map((slot) => (slot.ready ? Promise.resolve() : new Promise<void>((resolve, reject) => {
      slot.worker.once('message', () => resolve());
      slot.worker.once('error', reject);
    }))));
  }

  /** Terminates every worker; jobs waiting or running are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) {
      clearTimeout(job.waitTimer);
      job.reject(new Error('the parse pool was closed'));
    }
    await Promise.all([...this.slots].map((slot) => this.discard(slot, new Error('the parse pool was closed'))));
  }

  /** Gives waiting jobs to ready idle workers, and starts workers for the jobs no starting worker will take. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.waiting.length) return;
      if (slot.ready && !slot.job && !slot.gone) this.start(slot, this.waiting.shift()!);
    }
    let starting = [...this.slots].filter((s) => !s.ready).length;
    while (this.waiting.length > starting && this.slots.size < this.settings.workers) {
      this.spawn();
      starting += 1;
    }
  }

  private start(slot: Slot, job: Job): void {
    clearTimeout(job.waitTimer);
    const budgets = job.message.budgets;
    job.message.deadline = Date.now() + budgets.timeMs;
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      void this.discard(slot, over.time(job.message.name, budgets));
    }, budgets.timeMs);
    slot.worker.postMessage(job.message, [job.message.data.buffer as ArrayBuffer]);
  }

  private spawn(): void {
    const worker = new Worker(ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: this.settings.heapMb, maxYoungGenerationSizeMb: 32 },
    });
    const slot: Slot = { worker, job: null, timer: null, ready: false, gone: false };
    this.slots.add(slot);
    worker.unref();
    worker.on('message', (reply: ReplyMessage | { ready: true }) => {
      if ('ready' in reply) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      if (slot.gone || !slot.job || reply.id !== slot.job.message.id) return;
      const job = slot.job;
      this.finish(slot);
      if (reply.ok) job.resolve(reply.result);
      else if ('error' in reply) job.reject(new AppError(reply.error.code as ErrorCode, reply.error.message, reply.error.details));
      else job.reject(Object.assign(new Error(reply.failure.message), { stack: reply.failure.stack }));
      // An idle isolate gives its heap back only slowly (if ever): a worker a big file grew is ended now, and waiting
      // jobs go to a fresh one.
      const heapGrew = (reply.heapBytes ?? 0) > (this.settings.recycleHeapMb ?? RECYCLE_HEAP_MB) * 1024 * 1024;
      if (heapGrew || (reply.ok && (reply.resultChars ?? 0) > (this.settings.recycleResultChars ?? RECYCLE_RESULT_CHARS))) {
        this.recycled++;
        void this.discard(slot, new Error('the parse worker was retired'));
        return;
      }
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const name = slot.job?.message.name ?? 'file';
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? over.heap(name, this.settings.heapMb) : error;
      void this.discard(slot, reason);
    });
    worker.on('exit', () => {
      void this.discard(slot, new Error('the parse worker stopped unexpectedly'));
    });
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    if (!slot.gone) slot.worker.unref();
  }

  /** Throws a worker away (its job, if any, fails with `reason`) and starts waiting jobs on a fresh one. */
  private async discard(slot: Slot, reason: unknown): Promise<void> {
    if (slot.gone) return;
    slot.gone = true;
    this.slots.delete(slot);
    const job = slot.job;
    this.finish(slot);
    job?.reject(reason);
    // A worker that could not even start will not start next time either: refuse the waiting jobs, don't loop.
    if (!slot.ready && !this.closed) {
      for (const waiting of this.waiting.splice(0)) {
        clearTimeout(waiting.waitTimer);
        waiting.reject(reason);
      }
    }
    await slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}
