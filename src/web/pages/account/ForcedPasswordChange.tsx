/**
 * Shown instead of any signed-in page while the password must be changed (set by an administrator or at first start,
 * with FORCE_PASSWORD_CHANGE): nothing else works until the user has chosen their own.
 */
import { Alert, Button, Card, Typography } from 'antd';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ForcedPasswordChange() {
  const { t } = useI18n();
  const { principal, signOut } = useAuth();
  return (
    <Card style={{ maxWidth: 520, margin: '48px auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('password.forcedTitle')}</Typography.Title>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('password.forcedText', { name: principal?.user.displayName ?? '' })} />
      <ChangePasswordForm />
      <Button type="link" style={{ padding: 0 }} onClick={() => void signOut()}>{t('password.signOutInstead')}</Button>
    </Card>
  );
}
