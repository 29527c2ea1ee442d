/** The signed-in user's name, role and unit, always visible, with sign-out; a sign-in button for visitors. */
import { Button, Tooltip, App } from 'antd';
import { LoginOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';
import { roleLabel } from './labels';
import { errorMessage } from './ErrorAlert';

export function UserBox() {
  const { principal, signOut } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (principal === undefined) return null;
  if (principal === null) {
    return <Link to="/sign-in"><Button type="primary" icon={<LoginOutlined />}>{t('auth.signIn')}</Button></Link>;
  }
  const roles = principal.memberships.map((m) => `${roleLabel(t, m.role)} · ${m.orgName}`);
  const onSignOut = () => {
    // Leave the signed-in page first, so it does not bounce to the sign-in form when the session goes.
    void navigate('/');
    signOut().catch((e: unknown) => void message.error(errorMessage(e, t)));
  };
  return (
    <>
      <div className="app-user-name" data-testid="current-user">
        <Link to="/account" aria-label={t('account.open', { name: principal.user.displayName })}><UserOutlined aria-hidden /> <strong>{principal.user.displayName}</strong></Link>
        <span style={{ color: '#5c6661' }}>{roles.join('；')}</span>
      </div>
      <Tooltip title={t('auth.signOut')}>
        <Button icon={<LogoutOutlined />} aria-label={t('auth.signOut')} onClick={onSignOut} />
      </Tooltip>
    </>
  );
}
