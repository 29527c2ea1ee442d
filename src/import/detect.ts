/**
 * What a file is, from its first bytes (a name can lie: report.docx may be a PDF, 报告.txt may be GBK).
 */

export type Sniffed = 'zip' | 'pdf' | 'ole' | 'rtf' | 'image' | 'text';

function startsWith(data: Uint8Array, bytes: readonly number[], at = 0): boolean {
  return bytes.every((b, i) => data[at + i] === b);
}

/** Reads the file type from magic bytes: ZIP (DOCX), %PDF, OLE (.doc/.wps), RTF, an image, or else text. */
export function sniff(data: Uint8Array): Sniffed {
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) || startsWith(data, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  // The PDF header may follow some junk within the first kilobyte.
  const head = new TextDecoder('latin1').decode(data.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (head.startsWith('{\\rtf')) return 'rtf';
  if (
    startsWith(data, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(data, [0xff, 0xd8, 0xff]) ||
    head.startsWith('GIF8') ||
    startsWith(data, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(data, [0x4d, 0x4d, 0x00, 0x2a])
  ) {
    return 'image';
  }
  return 'text';
}

/** True when the first MB of the file holds `needle` as UTF-16LE (OLE stream names are written so). */
export function containsUtf16(data: Uint8Array, needle: string): boolean {
  const n = Math.min(data.length, 1 << 20);
  outer: for (let i = 0; i + needle.length * 2 <= n; i++) {
    for (let k = 0; k < needle.length; k++) {
      if (data[i + k * 2] !== needle.charCodeAt(k) || data[i + k * 2 + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

/** True when an OLE file is an encrypted Office document (its stream names are UTF-16). */
export function isEncryptedOle(data: Uint8Array): boolean {
  return containsUtf16(data, 'EncryptedPackage');
}
