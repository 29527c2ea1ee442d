/**
 * The length `JSON.stringify(value)` would have, counted without building the text (a 10,000-row sheet's reading
 * would otherwise be written out as one more string of several MB just to be measured); the count stops once past
 * `limit` (the length returned is then only known to be over it). Plain data is counted exactly; anything else (a
 * Date, an object with toJSON, a Map) is measured by stringifying it.
 */
/** Characters JSON.stringify may escape (quotes, backslashes, control characters; surrogates, lone ones only): such strings are measured by it. */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

export function jsonLength(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let total = 0;
  const add = (n: number): boolean => (total += n) > limit;
  const walk = (v: unknown): boolean => {
    if (v === null) return add(4);
    switch (typeof v) {
      // Most strings need no escape: their length and the quotes.
      case 'string': return add(NEEDS_ESCAPE.test(v) ? JSON.stringify(v).length : v.length + 2);
      case 'number': return add(Number.isFinite(v) ? String(v).length : 4);
      case 'boolean': return add(v ? 4 : 5);
      case 'object': break;
      // JSON.stringify throws on these; a worker's result is structured-cloned, never one of them.
      case 'bigint': return add(String(v).length);
      // Left out of objects, null in arrays (counted by the caller).
      case 'undefined': case 'function': case 'symbol': return false;
    }
    if (Array.isArray(v)) {
      if (add(2 + Math.max(0, v.length - 1))) return true;
      for (const x of v) if (x === undefined || typeof x === 'function' || typeof x === 'symbol' ? add(4) : walk(x)) return true;
      return false;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if ((proto !== Object.prototype && proto !== null) || typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      return add(JSON.stringify(v)?.length ?? 0);
    }
    let members = 0;
    if (add(2)) return true;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      if (add((members++ > 0 ? 1 : 0) + (NEEDS_ESCAPE.test(k) ? JSON.stringify(k).length : k.length + 2) + 1) || walk(x)) return true;
    }
    return false;
  };
  walk(value);
  return total;
}
