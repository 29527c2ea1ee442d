/**
 * Removing complainants' personal data from case texts before they leave the system (public table, exports, audit
 * events, readers without readPersonalData). Two nets: the patterns of export/personal-data.ts (phone numbers,
 * ID-card numbers, "举报人：…"), and the case's own complainant name and contact, decrypted, wherever they appear.
 */
import type { AppContext } from '../context.js';
import type { Conn } from '../../db/database.js';
import { listSealedComplainants } from '../../db/cases.repository.js';
import { maskPersonalData } from '../../export/personal-data.js';
import { openPersonal } from './personal-data.js';

const MASK = '＊＊＊';

/** Masks the patterns and every occurrence of the known personal strings (longest first, so 13904130001 goes whole). */
export function redactText(text: string, known: readonly (string | null)[]): string;
export function redactText(text: string | null, known: readonly (string | null)[]): string | null;
export function redactText(text: string | null, known: readonly (string | null)[]): string | null {
  if (text === null) return null;
  let out = text;
  const strings = known.filter((k): k is string => !!k && k.trim().length >= 2).sort((a, b) => b.length - a.length);
  for (const k of strings) out = out.split(k.trim()).join(MASK);
  return maskPersonalData(out);
}

export type Redactor = (caseId: number, text: string | null) => string | null;

/** A redactor for these cases: loads and opens their sealed details once. Without a key nothing personal is stored. */
export async function redactorFor(ctx: Pick<AppContext, 'config'>, db: Conn, caseIds: readonly number[]): Promise<Redactor> {
  const sealed = await listSealedComplainants(db, caseIds);
  const known = new Map<number, (string | null)[]>();
  for (const [id, s] of sealed) {
    known.set(id, [openPersonal(ctx.config, 'complainant_name', s.name), openPersonal(ctx.config, 'complainant_contact', s.contact)]);
  }
  return (caseId, text) => redactText(text, known.get(caseId) ?? []);
}
