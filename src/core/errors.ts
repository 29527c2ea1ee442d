/**
 * The one error class of the domain, with a closed set of codes. The server maps each code to an HTTP status in
 * one table (server/errors.ts); the CLI prints the message. Messages are written for the person who must act.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  BAD_FILE: 400,
  /** A multipart upload that cannot be read: no boundary, cut short, or a file part without a file name. */
  MALFORMED_UPLOAD: 400,
  /** A new password the policy refuses (too guessable, or built from the user's name). */
  WEAK_PASSWORD: 400,
  UNSUPPORTED_FILE: 415,
  FILE_TOO_LARGE: 413,
  CONVERTER_MISSING: 422,
  /** A file over a parse budget (what it inflates to, its elements, cells, pages, the time or memory reading it takes). */
  FILE_TOO_COMPLEX: 422,
  NOTHING_RECOGNIZED: 422,
  /** A table read as a plan (整改方案) that has no plan columns: the message lists the columns found and expected. */
  NOT_A_PLAN: 422,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  /** A password reset link that is unknown, expired or used: one code and one message for all three. */
  RESET_LINK_INVALID: 400,
  CSRF_FAILED: 403,
  /** The account must set a new password (given by an administrator) before doing anything else. */
  PASSWORD_CHANGE_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ORG_UNIT_NOT_FOUND: 404,
  INSPECTION_NOT_FOUND: 404,
  PLAN_NOT_FOUND: 404,
  TASK_NOT_FOUND: 404,
  ASSIGNMENT_NOT_FOUND: 404,
  REPORT_NOT_FOUND: 404,
  EVIDENCE_NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  ROUND_NOT_FOUND: 404,
  CLOSURE_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  /** The report says exactly what its latest published version says: publishing it again would only repeat it. */
  ALREADY_PUBLISHED: 409,
  VERSION_CONFLICT: 409,
  INVALID_TRANSITION: 409,
  /** The task share was closed (销号): its content is read-only until it is reopened (重新打开) with a reason. */
  SUBJECT_CLOSED: 409,
  /** 摘牌 of a case or task share not yet 办结 (or 销号) without a reason recorded by the listing level. */
  SUBJECT_NOT_DONE: 409,
  /** A working-day period reaches a year whose official holidays nobody has entered (nor the library knows). */
  CALENDAR_UNKNOWN: 422,
  /** Restore refused: a running server (or another command) has the database open. */
  DATABASE_IN_USE: 409,
  EVIDENCE_REQUIRED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** The database stayed locked or a transaction could not be serialized; retrying shortly succeeds. */
  DATABASE_BUSY: 503,
  /** Every file reader is busy and the queue is full; the answer carries Retry-After. */
  BUSY: 503,
  /** The deployment has no SECRET_KEY, so personal data can be neither stored nor read. */
  SECRET_KEY_MISSING: 503,
  /** The audit chain was hashed with a key this deployment no longer has configured: writes are refused, not downgraded. */
  AUDIT_KEY_MISSING: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Values a message is composed of (a unit's name, a date as YYYY-MM-DD, a count), for a reader to word it in their language. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * The message as a code and its values, for clients that word it themselves: the web app looks `messageCode` up in
 * its dictionary (errors.<messageCode>) and fills in `params`; without one it words the error by its `code` when it
 * can, else shows `message` (Chinese) as written.
 */
export interface MessageText { messageCode: string; params?: MessageParams }

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly messageCode: string | undefined;
  readonly params: MessageParams;

  constructor(code: ErrorCode, message: string, details?: unknown, text?: MessageText) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.messageCode = text?.messageCode;
    this.params = text?.params ?? {};
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Whether an error says a thing is missing (or outside the reader's scope, which answers alike): any code answered 404. */
export function isNotFound(error: unknown): boolean {
  return isAppError(error) && error.httpStatus === 404;
}

/**
 * A `.catch` handler for a read whose one expected failure is "not there": a not-found error becomes `onMissing()` (a
 * more particular not-found error thrown, or a value such as null), anything else — a busy or failed database — is
 * rethrown as it was, so it answers 503 or 500 and never 404.
 */
export function ifNotFound<T>(onMissing: () => T): (error: unknown) => T {
  return (error) => {
    if (isNotFound(error)) return onMissing();
    throw error;
  };
}
