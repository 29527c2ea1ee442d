/**
 * A warning reason in the reader's language: the API serves it as codes with parameters (`warningReasonCode`, see
 * core/reason-text.ts) beside its Chinese text; the parts are worded from the dictionary (`reason.<k>`), dates in the
 * reader's form, statuses by their labels. Rows from before the codes (no parts) show their text as written.
 */
import { joinReason, REASON_DATE_PARAMS, REASON_STATUS_PARAMS, type Reason, type ReasonPart } from '../../core/reason-text';
import type { I18n, Vars } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';

type Wording = Pick<I18n, 't' | 'has' | 'formatDate'>;

/** A period as the reader writes it: 2026年第3季度 / 2026 Q3. */
export function periodText(i18n: Wording, cycle: string, year: number, n: number): string {
  const key = cycle === 'half' ? `period.half${n === 2 ? 2 : 1}` : `period.${cycle}`;
  return i18n.has(key) ? i18n.t(key, { year, n }) : i18n.t('period.yearly', { year });
}

function wordPart(i18n: Wording, part: ReasonPart, sub: string): string {
  const p = part.p ?? {};
  if (part.k === 'text') return String(p.text ?? '');
  const key = `reason.${part.k}`;
  if (!i18n.has(key)) return '';
  const vars: Vars = {};
  for (const [name, value] of Object.entries(p)) {
    if (REASON_DATE_PARAMS.includes(name)) vars[name] = i18n.formatDate(String(value));
    else if (REASON_STATUS_PARAMS.includes(name)) vars[name] = i18n.has(`schedule.${value}`) ? i18n.t(`schedule.${value}` as MessageKey) : String(value);
    else if (name === 'units') vars[name] = String(value).split('、').join(i18n.t('reason.listSeparator'));
    else vars[name] = value;
  }
  if ('cycle' in p) vars.period = periodText(i18n, String(p.cycle), Number(p.year), Number(p.n));
  if (part.k === 'override') vars.sub = sub ? `${i18n.t('reason.subSeparator')}${sub}` : '';
  if (part.k === 'child') vars.sub = sub || i18n.t('reason.childNoReason');
  return i18n.t(key, vars);
}

/** The reason's parts worded and joined in the reader's language. */
export function wordReason(i18n: Wording, parts: Reason): string {
  const text = joinReason(parts, (part, sub) => wordPart(i18n, part, sub), i18n.t('reason.separator'));
  // A sentence starts with a capital in English (a clause worded lower-case when it usually follows another).
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A row's warning reason: its codes worded when it has them, else its text; null when it has neither. */
export function warningReasonText(i18n: Wording, row: { warningReason?: string | null; warningReasonCode?: Reason | null }): string | null {
  if (row.warningReasonCode && row.warningReasonCode.length > 0) return wordReason(i18n, row.warningReasonCode);
  return row.warningReason ?? null;
}
