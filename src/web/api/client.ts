/**
 * The one way the web app talks to the API: JSON over fetch with the session cookie, the CSRF token on every write,
 * and failures turned into ApiError carrying the API's own { error: { code, message } }.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  /** The message's own code (dictionary key apiError.<messageCode>) when it is more particular than `code`. */
  readonly messageCode: string | undefined;
  /** The values the message was composed of (names, YYYY-MM-DD dates, counts). */
  readonly params: Readonly<Record<string, string | number>>;

  /** `message` is the API's message, or empty when the request never reached the API (see ErrorAlert). */
  constructor(status: number, code: string, message: string, details?: unknown, text?: { messageCode?: string; params?: Record<string, string | number> }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.messageCode = text?.messageCode;
    this.params = text?.params ?? {};
  }
}

let csrfToken: string | null = null;
let onPasswordChangeRequired: (() => void) | null = null;

/** Called whenever the API answers PASSWORD_CHANGE_REQUIRED (the app then shows the change-password page first). */
export function setPasswordChangeHandler(handler: (() => void) | null): void {
  onPasswordChangeRequired = handler;
}

/** Remembered from sign-in or /api/auth/me; sent as X-CSRF-Token on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** `path?a=1&b=x,y`, leaving out empty values. */
export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** JSON body. */
  body?: unknown;
  /** Multipart body (file uploads); the browser sets the boundary. */
  form?: FormData;
  signal?: AbortSignal;
}

async function errorFrom(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown; messageCode?: string; params?: Record<string, string | number> } };
    if (body.error?.message) {
      return new ApiError(res.status, body.error.code ?? 'UNKNOWN', body.error.message, body.error.details, { messageCode: body.error.messageCode, params: body.error.params });
    }
  } catch {
    // Not JSON: a proxy or the network answered, not the API.
  }
  return new ApiError(res.status, res.status >= 500 ? 'SERVER_UNAVAILABLE' : 'HTTP_ERROR', '');
}

export async function apiRequest<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '');
  }
  if (!res.ok) {
    const error = await errorFrom(res);
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChangeRequired?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>('PATCH', path, { body }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => apiRequest<T>('POST', path, { form }),
};
