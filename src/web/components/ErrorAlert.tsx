/**
 * An API failure in the reader's language, or a plain explanation when the API never answered. The API sends every
 * error as { code, message (Chinese), params, messageCode? }: a message code the dictionary knows is worded from it
 * and its params (dates in the reader's form); otherwise, outside Chinese, the code's general wording with the API's
 * own words after it (they carry the particulars); in Chinese the API's message as written.
 */
import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { DICTIONARIES, useI18n, type I18n, type Vars } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';

const known = (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(DICTIONARIES.zh, key);
const DATE_PARAM = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

/** `i18n` (locale and date formatting) lets the message be worded in the reader's language; without it, as the API wrote it. */
export function errorMessage(error: unknown, t: I18n['t'], i18n?: Pick<I18n, 'locale' | 'formatDate'>): string {
  if (error instanceof ApiError) {
    if (i18n && error.message) {
      const codeKey = error.messageCode && `apiError.${error.messageCode}`;
      if (codeKey && known(codeKey)) {
        const vars: Vars = {};
        for (const [k, v] of Object.entries(error.params)) vars[k] = typeof v === 'string' && DATE_PARAM.test(v) ? i18n.formatDate(v) : v;
        return t(codeKey, vars);
      }
      const general = `apiError.code.${error.code}`;
      if (i18n.locale !== 'zh' && known(general)) return `${t(general)} (${error.message})`;
    }
    if (error.message) return error.message;
    if (error.code === 'NETWORK') return t('error.network');
    return t('error.http', { status: error.status });
  }
  if (error instanceof Error && error.message) return error.message;
  return t('error.unknown');
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const unauthenticated = error instanceof ApiError && error.status === 401;
  const action = unauthenticated ? (
    <Link to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('auth.signIn')}</Link>
  ) : onRetry ? (
    <Button size="small" onClick={onRetry}>{t('common.retry')}</Button>
  ) : undefined;
  return <Alert type="error" showIcon role="alert" title={errorMessage(error, t, i18n)} action={action} style={{ marginBottom: 16 }} />;
}
