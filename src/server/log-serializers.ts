/**
 * What a request looks like in the log: method, path, the query with free-text values masked, and nothing of the
 * headers (cookies, tokens) or the body (passwords, complainants' details). A search for a complainant's name or
 * phone must not end up in log files kept far longer, and read by more people, than the ledger itself.
 */
import type { FastifyRequest } from 'fastify';

// Values kept verbatim: ids, page numbers, enum words, dates. Anything else (free text, digits of phone length) is masked.
const SAFE_VALUE = /^(?:[0-9]{1,9}|[A-Za-z_.,:-]{1,40}|\d{4}-\d{2}(?:-\d{2})?)$/;

export function maskQuery(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  const masked = [...params].map(([k, v]) => `${encodeURIComponent(k)}=${k !== 'q' && SAFE_VALUE.test(v) ? encodeURIComponent(v) : '***'}`);
  return `${url.slice(0, at)}?${masked.join('&')}`;
}

export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: maskQuery(request.url), remoteAddress: request.ip };
}

// Headers that carry credentials, wherever a log line holds a request's headers: under `req` should a serializer ever
// include them, and under any other key (at trace level @fastify/multipart logs `busboyOptions`, the request's headers).
const SECRET_HEADERS = ['cookie', 'authorization', '["x-csrf-token"]', '["set-cookie"]'];
const REDACTED_PATHS = SECRET_HEADERS.flatMap((h) => {
  const key = h.startsWith('[') ? h : `.${h}`;
  return [`headers${key}`, `*.headers${key}`];
});

/**
 * The logger options `rectify serve` runs with: the level, the request serializer above, and headers that carry
 * credentials redacted wherever a line holds them. The tests log through the same options (into files a check reads
 * after the whole suite, test/helpers/log-scan.ts), so what they check is what production writes.
 */
export function productionLoggerOptions(level: string) {
  return { level, serializers: { req: serializeRequest }, redact: REDACTED_PATHS };
}
