/** A download header safe for any file name: an ASCII fallback plus the UTF-8 name (RFC 6266 / RFC 5987). */
export function attachmentHeader(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
