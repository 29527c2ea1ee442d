/** An API failure as the API worded it ({ error: { message } }), or a plain explanation when the API never answered. */
import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useI18n, type I18n } from '../i18n/i18n';

export function errorMessage(error: unknown, t: I18n['t']): string {
  if (error instanceof ApiError) {
    if (error.message) return error.message;
    if (error.code === 'NETWORK') return t('error.network');
    return t('error.http', { status: error.status });
  }
  if (error instanceof Error && error.message) return error.message;
  return t('error.unknown');
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const unauthenticated = error instanceof ApiError && error.status === 401;
  const action = unauthenticated ? (
    <Link to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('auth.signIn')}</Link>
  ) : onRetry ? (
    <Button size="small" onClick={onRetry}>{t('common.retry')}</Button>
  ) : undefined;
  return <Alert type="error" showIcon role="alert" title={errorMessage(error, t)} action={action} style={{ marginBottom: 16 }} />;
}
