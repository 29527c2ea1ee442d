/**
 * The environment, parsed once into a frozen, typed object. Nothing else reads process.env.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const optionalInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** postgres://… switches to PostgreSQL; otherwise the embedded SQLite file below. */
  DATABASE_URL: z.string().optional(),
  SQLITE_PATH: z.string().default('./data/rectify.db'),
  /** Where evidence files are kept, content-addressed; outside the web root. */
  STORAGE_DIR: z.string().default('./data/files'),
  /** Key for complainants' personal details at rest (32+ chars). A deployment must set its own. */
  SECRET_KEY: z.string().min(16).optional(),
  /**
   * Whom to believe about the client's address (X-Forwarded-For), on which the sign-in rate limit is counted:
   * "false" (default) when clients connect to the app directly, so the header is ignored; otherwise the number of
   * proxies in front of the app ("1" behind one nginx), each trusted to append the address it saw. Never "true":
   * that would take the leftmost entry, which the client writes itself.
   */
  TRUST_PROXY: z.string().trim()
    .regex(/^(false|\d{1,2})$/, 'must be "false" (clients connect directly) or the number of proxies in front, e.g. 1 behind one nginx')
    .default('false'),
  /** Cookies get the Secure flag when the app is served over HTTPS (behind a proxy). */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set to "false" to start with an empty database instead of the bundled sample. */
  LOAD_SAMPLE: z.enum(['true', 'false']).default('true'),
  SMTP_URL: z.string().optional(),
  /** The Chromium that prints PDFs (reports, approval forms). */
  RECTIFY_CHROMIUM: z.string().min(1).default('/usr/bin/chromium'),
  WEBHOOK_URL: z.string().optional(),
  /** Where people reach the web app (https://rectify.example.gov.cn): the base of links sent by e-mail. */
  PUBLIC_URL: z.string().url().optional(),
  /** How often the job worker beside the server looks for due jobs, in milliseconds. */
  JOB_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
  /**
   * Key of the audit chain's hashes (HMAC-SHA256; 32+ characters), kept out of the database so whoever can write to
   * the database cannot recompute the chain. Unset: a key derived from SECRET_KEY; neither: plain sha256.
   */
  AUDIT_KEY: z.string().min(32, 'must be at least 32 characters (a long random string)').optional(),
  /** Earlier AUDIT_KEY values, comma-separated, so events hashed with them still verify after a key change. */
  AUDIT_PREVIOUS_KEYS: z.string().optional(),
  /** Where audit checkpoints (sequence number + head hash) are written, outside the database. */
  AUDIT_CHECKPOINT_DIR: z.string().optional(),
  /** How often the server writes a checkpoint when the chain has grown, in minutes (0: only on demand). */
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  /** Also send each checkpoint to WEBHOOK_URL, an anchor out of reach of whoever controls this machine. */
  AUDIT_CHECKPOINT_WEBHOOK: z.enum(['true', 'false']).default('false'),
  /** Make people whose password an administrator set (new accounts, resets, the first administrator) choose their own at sign-in. */
  FORCE_PASSWORD_CHANGE: z.enum(['true', 'false']).default('false'),
  /** Worker threads reading uploaded files (reports, case sheets, plan tables, ledgers); default min(2, cores − 1), at least 1. */
  PARSE_WORKERS: optionalInt(1, 64),
  /** Uploads that may wait for a free reader; beyond that the server answers 503 BUSY with Retry-After. */
  PARSE_QUEUE: z.coerce.number().int().min(0).max(10_000).default(16),
  /** How long an upload may wait for a free reader before it is answered 503 BUSY, in seconds. */
  PARSE_QUEUE_WAIT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** Heap limit of each reader thread, in MB: a file that needs more is refused (422 FILE_TOO_COMPLEX). */
  PARSE_HEAP_MB: z.coerce.number().int().min(64).max(16_384).default(768),
  /** Wall time one file may take to read, LibreOffice conversion included (default 60 for reports, 90 for sheets). */
  PARSE_TIME_LIMIT_SECONDS: optionalInt(1, 3600),
  /** What a ZIP container (DOCX, XLSX) may inflate to, in MB (default 200). */
  PARSE_MAX_INFLATED_MB: optionalInt(1, 4096),
  /** XML elements in a container's parts together (default 250,000 for reports, 3,000,000 for sheets). */
  PARSE_MAX_XML_ELEMENTS: optionalInt(1000, 100_000_000),
  /** Cells a workbook may hold or name by its ranges (default 1,000,000 for sheets). */
  PARSE_MAX_SHEET_CELLS: optionalInt(100, 100_000_000),
  /** Pages of a PDF (default 2,000). */
  PARSE_MAX_PDF_PAGES: optionalInt(1, 100_000),
});

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly database: { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };
  readonly storageDir: string;
  readonly secretKey: string | null;
  /** false: the connection's address is the client's; n: X-Forwarded-For's entries added by the n proxies in front are believed. */
  readonly trustProxy: false | number;
  readonly cookieSecure: boolean;
  readonly logLevel: string;
  readonly loadSample: boolean;
  readonly smtpUrl: string | null;
  /** The Chromium executable the PDF writer launches (export/pdf.ts). */
  readonly chromiumPath: string;
  readonly webhookUrl: string | null;
  /** Base of links in e-mails, without a trailing slash; never taken from a request's Host header. */
  readonly publicUrl: string;
  readonly jobPollMs: number;
  readonly audit: {
    /** The key new events are hashed with; null: derived from SECRET_KEY, or none at all. */
    readonly key: string | null;
    readonly previousKeys: readonly string[];
    readonly checkpointDir: string;
    /** 0: checkpoints only on demand. */
    readonly checkpointMinutes: number;
    readonly checkpointWebhook: boolean;
  };
  readonly forcePasswordChange: boolean;
  /** The pool reading uploaded files off the main thread, and the budgets that override each job kind's own. */
  readonly parse: {
    readonly workers: number;
    readonly queue: number;
    readonly maxWaitMs: number;
    readonly heapMb: number;
    readonly budgets: {
      readonly timeMs?: number;
      readonly inflatedBytes?: number;
      readonly xmlElements?: number;
      readonly sheetCells?: number;
      readonly pdfPages?: number;
    };
  };
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new Error(`Invalid configuration: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim());
  }
  const e = result.data;
  const url = e.DATABASE_URL;
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database:
      url && /^postgres(ql)?:\/\//.test(url)
        ? { kind: 'postgres' as const, url }
        : { kind: 'sqlite' as const, path: path.resolve(url?.replace(/^sqlite:/, '') ?? e.SQLITE_PATH) },
    storageDir: path.resolve(e.STORAGE_DIR),
    secretKey: e.SECRET_KEY ?? null,
    trustProxy: e.TRUST_PROXY === 'false' || Number(e.TRUST_PROXY) === 0 ? false : Number(e.TRUST_PROXY),
    cookieSecure: e.COOKIE_SECURE === 'true',
    logLevel: e.LOG_LEVEL,
    loadSample: e.LOAD_SAMPLE === 'true',
    smtpUrl: e.SMTP_URL ?? null,
    chromiumPath: e.RECTIFY_CHROMIUM,
    webhookUrl: e.WEBHOOK_URL ?? null,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    jobPollMs: e.JOB_POLL_MS,
    audit: Object.freeze({
      key: e.AUDIT_KEY ?? null,
      previousKeys: Object.freeze((e.AUDIT_PREVIOUS_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean)),
      // Beside the evidence directory by default (./data/audit-checkpoints): outside the database, on the shared volume.
      checkpointDir: path.resolve(e.AUDIT_CHECKPOINT_DIR ?? path.join(path.dirname(path.resolve(e.STORAGE_DIR)), 'audit-checkpoints')),
      checkpointMinutes: e.AUDIT_CHECKPOINT_MINUTES,
      checkpointWebhook: e.AUDIT_CHECKPOINT_WEBHOOK === 'true',
    }),
    forcePasswordChange: e.FORCE_PASSWORD_CHANGE === 'true',
    parse: Object.freeze({
      workers: e.PARSE_WORKERS ?? Math.max(1, Math.min(2, os.availableParallelism() - 1)),
      queue: e.PARSE_QUEUE,
      maxWaitMs: e.PARSE_QUEUE_WAIT_SECONDS * 1000,
      heapMb: e.PARSE_HEAP_MB,
      budgets: Object.freeze({
        timeMs: e.PARSE_TIME_LIMIT_SECONDS === undefined ? undefined : e.PARSE_TIME_LIMIT_SECONDS * 1000,
        inflatedBytes: e.PARSE_MAX_INFLATED_MB === undefined ? undefined : e.PARSE_MAX_INFLATED_MB * 1024 * 1024,
        xmlElements: e.PARSE_MAX_XML_ELEMENTS,
        sheetCells: e.PARSE_MAX_SHEET_CELLS,
        pdfPages: e.PARSE_MAX_PDF_PAGES,
      }),
    }),
  });
}

let cached: Config | undefined;
/** The process's configuration, read from process.env on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
