/**
 * A notification in the reader's language: notices made since migration 021 carry the values they were composed of
 * (`params`), and their `kind` names the wording (`notice.<kind>.title` / `.body`; closure steps share
 * `notice.closure_step.*`). Older notices, and kinds the dictionary does not know, show their text as written.
 */
import type { I18n, Vars } from '../i18n/i18n';

type Wording = Pick<I18n, 't' | 'has' | 'formatDate' | 'locale'>;
export interface NoticeLike { kind: string; title: string; body: string; params?: Readonly<Record<string, string | number>> | null }

const DATES = new Set(['due', 'start', 'end', 'deadline', 'noticeEnd', 'submittedAt', 'periodStart', 'periodEnd']);
const CLOSING = /[。．.!！？?；;，,\s]+$/;

function varsOf(i18n: Wording, n: NoticeLike, closure: boolean): Vars {
  const vars: Vars = {};
  for (const [name, value] of Object.entries(n.params ?? {})) {
    if (DATES.has(name)) vars[name] = i18n.formatDate(String(value));
    else if (name === 'comment') vars[name] = String(value).replace(CLOSING, '');
    else vars[name] = value;
  }
  if (!closure && 'comment' in vars && !vars.comment) vars.comment = i18n.t('notice.none');
  if (closure) {
    const step = `closure.action.${n.params?.step}`;
    const state = `closure.state.${n.params?.state}`;
    vars.step = i18n.has(step) ? i18n.t(step) : String(n.params?.step ?? '');
    vars.state = i18n.has(state) ? i18n.t(state) : String(n.params?.state ?? '');
    vars.comment = vars.comment ? (i18n.locale === 'zh' ? `（${vars.comment}）` : ` (${vars.comment})`) : '';
  }
  return vars;
}

/** Title and body in the reader's language, or as the server wrote them. */
export function noticeText(i18n: Wording, n: NoticeLike): { title: string; body: string } {
  if (!n.params) return { title: n.title, body: n.body };
  const closure = n.kind.startsWith('closure_') && n.kind !== 'closure_ready';
  const base = closure ? 'notice.closure_step' : `notice.${n.kind}`;
  const title = `${base}.title`;
  const body = `${base}.body`;
  if (!i18n.has(title) || !i18n.has(body)) return { title: n.title, body: n.body };
  const vars = varsOf(i18n, n, closure);
  return { title: i18n.t(title, vars), body: i18n.t(body, vars) };
}
