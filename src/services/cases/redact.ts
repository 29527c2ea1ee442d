/**
 * Removing complainants' personal data from case texts before they leave the system (public table, exports, audit
 * events, readers without readPersonalData). Two nets: the patterns of export/personal-data.ts (phone numbers,
 * ID-card numbers, "举报人：…"), and the case's own complainant name and contact, decrypted, wherever they appear.
 */
import type { AppContext } from '../context.js';
import type { Conn } from '../../db/database.js';
import { listSealedComplainants, type ComplaintCase } from '../../db/cases.repository.js';
import { AppError, isAppError } from '../../core/errors.js';
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

/**
 * A text sent back exactly as the reader was shown it (redacted) is unchanged: the stored text stays as written, so
 * an edit form filled with the masked text never overwrites the details with ＊＊＊. Any other text is taken as sent.
 */
export function keepIfUnchanged(redact: Redactor, caseId: number, stored: string | null, sent: string | null | undefined): string | null | undefined {
  if (sent === undefined || sent === null || stored === null || sent === stored) return sent;
  return sent === redact(caseId, stored) ? stored : sent;
}

/** The case's free texts as every reader gets them in an API answer: redacted (the details open only through a recorded view). */
export async function redactCase<C extends { id: number; content: string; targetName: string | null; handling: string | null; stagePlan: string | null }>(
  ctx: Pick<AppContext, 'config'>, db: Conn, c: C,
): Promise<C> {
  const redact = await redactorFor(ctx, db, [c.id]);
  return { ...c, content: redact(c.id, c.content)!, targetName: redact(c.id, c.targetName), handling: redact(c.id, c.handling), stagePlan: redact(c.id, c.stagePlan) };
}

/** Runs a write whose VERSION_CONFLICT carries the current case: the case in the error is redacted like any answer. */
export async function withRedactedConflict<T>(ctx: Pick<AppContext, 'config' | 'db'>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isAppError(error) || error.code !== 'VERSION_CONFLICT') throw error;
    const current = (error.details as { current?: unknown } | undefined)?.current;
    if (current && typeof current === 'object' && 'content' in current && 'id' in current) {
      const redacted = await redactCase(ctx, ctx.db, current as ComplaintCase);
      throw new AppError('VERSION_CONFLICT', error.message, { current: redacted });
    }
    throw error;
  }
}
