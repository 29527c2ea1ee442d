/**
 * Complainants' personal data (names, phone numbers, ID-card numbers) must never be published or leave the system
 * in a ledger. These patterns find it in free text so that checks can flag it and ledgers can mask it.
 */

export type PersonalDataKind = 'mobile' | 'landline' | 'idCard' | 'complainant';

export interface PersonalDataHit {
  kind: PersonalDataKind;
  /** The matched text, to show whoever must remove it. */
  text: string;
}

// Lookarounds keep numbers inside longer digit runs or case ids (D3SX202505280018) from matching.
const PATTERNS: ReadonlyArray<readonly [PersonalDataKind, RegExp]> = [
  ['idCard', /(?<![\dA-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g],
  ['mobile', /(?<![\dA-Za-z])(?:\+?86[- ]?)?1[3-9]\d{9}(?![\dA-Za-z])/g],
  ['landline', /(?<![\dA-Za-z])(?:0\d{2,3}[-－ ]\d{7,8}|[（(]0\d{2,3}[）)]\s?\d{7,8})(?![\dA-Za-z])/g],
  ['landline', /(?:联系电话|电话|手机|联系方式)[:：]\s*\d{7,12}(?!\d)/g],
  ['complainant', /(?:举报人|投诉人|信访人|来信人|来电人)(?:姓名)?[:：]\s*[^\s，,。；;：:）)]{1,20}/g],
];

/** Finds every piece of personal data in a text. */
export function findPersonalData(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const [kind, pattern] of PATTERNS) {
    for (const match of text.matchAll(pattern)) hits.push({ kind, text: match[0] });
  }
  return hits;
}

/** Masks personal data in a text: numbers become ＊＊＊, a complainant's name keeps its label (举报人：＊＊＊). */
export function maskPersonalData(text: string): string {
  let masked = text;
  for (const [kind, pattern] of PATTERNS) {
    masked = masked.replace(pattern, (m) => {
      const label = kind === 'complainant' || /^\D+[:：]/.test(m) ? (/^[^:：]+[:：]\s*/.exec(m)?.[0] ?? '') : '';
      return `${label}＊＊＊`;
    });
  }
  return masked;
}

/** A complainant's name as readers without the grant see it: the first character and two stars (张**), whatever its length. */
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const chars = [...name.trim()];
  return chars.length === 0 ? null : `${chars[0]}**`;
}

/**
 * A contact as readers without the grant see it: a number keeps its first three and last four digits (138****1234),
 * shorter numbers and anything else keep only their first character (1***, z***).
 */
export function maskContact(contact: string | null): string | null {
  if (contact === null) return null;
  const text = contact.trim();
  if (text === '') return null;
  const digits = text.replace(/[\s()（）+-]/g, '');
  if (/^\d{11,}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${[...text][0]}***`;
}
