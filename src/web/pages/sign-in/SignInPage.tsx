/** Username and password; afterwards back to the page that asked for sign-in (or the workbench, 工作台). */
import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Only paths on this site: an absolute URL in ?next= would be an open redirect. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/workbench';
}

export default function SignInPage() {
  const { t } = useI18n();
  const { principal, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (principal) return <Navigate to={next} replace />;

  const onFinish = (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    signIn(values.username, values.password).then(
      () => navigate(next, { replace: true }),
      (e: unknown) => {
        setError(e);
        setBusy(false);
      },
    );
  };

  return (
    <Card style={{ maxWidth: 420, margin: '48px auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('auth.title')}</Typography.Title>
      {error !== null && <ErrorAlert error={error} />}
      <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item label={t('auth.username')} name="username" rules={[{ required: true, message: t('auth.usernameRequired') }]}>
          <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label={t('auth.password')} name="password" rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>{t('auth.submit')}</Button>
      </Form>
      <div style={{ marginTop: 12, textAlign: 'right' }}><Link to="/forgot-password">{t('auth.forgot')}</Link></div>
    </Card>
  );
}
