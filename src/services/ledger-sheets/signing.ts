/**
 * Check codes of the round-trip sheets: an HMAC, keyed from the server's SECRET_KEY, over the metadata and over each
 * row's id, version and values as exported. An edited id or version column, a row copied from another export, or an
 * edited metadata sheet no longer matches. Without SECRET_KEY (development) a fixed key is used: edits by mistake
 * are still caught, forgery is not prevented; the README says so.
 */
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';
import { metaSigningText, rowSigningText, valuesText, type EditableValues, type LedgerSheetMeta } from '../../core/ledger-sheet.js';

const keys = new WeakMap<object, Buffer>();

function keyOf(config: Pick<Config, 'secretKey'>): Buffer {
  let key = keys.get(config);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', config.secretKey ?? 'rectify-without-secret-key', 'rectify/ledger-sheet', 'hmac-sha256/ledger-sheet', 32));
    keys.set(config, key);
  }
  return key;
}

const mac = (key: Buffer, text: string, length: number) => createHmac('sha256', key).update(text).digest('base64url').slice(0, length);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const newExportId = () => randomBytes(9).toString('base64url');

export function signMeta(config: Pick<Config, 'secretKey'>, meta: Omit<LedgerSheetMeta, 'signature'>): string {
  return mac(keyOf(config), metaSigningText(meta), 43);
}

export function verifyMeta(config: Pick<Config, 'secretKey'>, meta: LedgerSheetMeta): boolean {
  return same(signMeta(config, meta), meta.signature);
}

/** The fingerprint of a row's editable values: tells whether the file, or Rectify, changed them since the export. */
export function fingerprint(values: EditableValues): string {
  return createHash('sha256').update(valuesText(values)).digest('base64url').slice(0, 12);
}

/**
 * A row's check code, "fingerprint.mac": the fingerprint of its values as exported, and a keyed MAC (96 bits) over
 * the export, the row's id and version and that fingerprint.
 */
export function signRow(config: Pick<Config, 'secretKey'>, exportId: string, rowId: number, version: number, values: EditableValues): string {
  const fp = fingerprint(values);
  return `${fp}.${mac(keyOf(config), rowSigningText(exportId, rowId, version, fp), 16)}`;
}

/** The exported fingerprint when the check code matches the row's id and version; null when any of them was edited. */
export function verifyRow(config: Pick<Config, 'secretKey'>, exportId: string, rowId: number, version: number, check: string): string | null {
  const [fp, code] = check.split('.');
  if (!fp || !code) return null;
  return same(mac(keyOf(config), rowSigningText(exportId, rowId, version, fp), 16), code) ? fp : null;
}
