/**
 * Uploaded file names are only metadata: never a path. Sanitizing keeps the last path segment, drops control and
 * bidirectional-override characters (which can disguise "gpj.exe" as "exe.jpg"), and bounds the length, so the name
 * is safe to show and to offer again in a download header.
 */
const MAX_NAME_LENGTH = 200;
// C0/C1 controls, DEL, bidi overrides and isolates, zero-width and BOM characters.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// Reserved on Windows, where evidence is often saved again.
const RESERVED = /[<>:"|?*]/g;

/** A safe display name for an uploaded file; `fallback` when nothing usable is left. */
export function sanitizeFileName(name: string, fallback = 'file'): string {
  const lastSegment = name.split(/[/\\]/).pop() ?? '';
  let clean = lastSegment.normalize('NFC').replace(INVISIBLE, '').replace(RESERVED, '_').trim();
  // Leading dots would make ".." or a hidden file; trailing dots and spaces are dropped by Windows anyway.
  clean = clean.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if ([...clean].length > MAX_NAME_LENGTH) {
    const ext = extensionOf(clean);
    const keep = MAX_NAME_LENGTH - (ext ? ext.length + 1 : 0);
    clean = [...clean].slice(0, keep).join('') + (ext ? `.${ext}` : '');
  }
  return clean || fallback;
}

/** The lower-case extension without the dot, or '' when there is none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/** RFC 5987 value: percent-encoded UTF-8 of everything outside attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A Content-Disposition header carrying an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
