/**
 * Sets a new password with the token from the e-mailed link (/reset-password?token=…). The token is taken from the
 * address once and removed from it, so it stays out of the browser's history; an unknown, expired or used link gets
 * one answer and a way to ask for a new one. Afterwards every session of the account has ended: sign in again.
 */
import { useEffect, useState } from 'react';
import { Button, Card, Form, Input, Result, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Values { password: string; repeat: string }

export default function ResetPasswordPage() {
  const { t } = useI18n();
  const { principal, signOut } = useAuth();
  const [params, setParams] = useSearchParams();
  const [token] = useState(() => params.get('token'));
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (params.has('token')) setParams({}, { replace: true });
  }, [params, setParams]);

  const onFinish = ({ password }: Values) => {
    setBusy(true);
    setError(null);
    api.post('/api/auth/password-reset/confirm', { token, password }).then(
      () => {
        setDone(true);
        // Every session of the account has ended on the server; if this browser held one, forget it here too.
        if (principal) void signOut();
      },
      (e: unknown) => {
        setError(e);
        setBusy(false);
      },
    );
  };

  const card = { maxWidth: 480, margin: '48px auto' };
  if (done) {
    return <Card style={card}><Result status="success" title={t('reset.done')} subTitle={t('reset.doneText')} extra={<Link to="/sign-in">{t('auth.signIn')}</Link>} /></Card>;
  }
  if (!token) {
    return <Card style={card}><Result status="warning" title={t('reset.missing')} subTitle={t('reset.missingText')} extra={<Link to="/forgot-password">{t('reset.requestAgain')}</Link>} /></Card>;
  }
  const invalidLink = error instanceof ApiError && error.code === 'RESET_LINK_INVALID';
  return (
    <Card style={{ maxWidth: 420, margin: '48px auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('reset.title')}</Typography.Title>
      {invalidLink ? (
        <Result status="warning" title={t('reset.invalid')} extra={<Link to="/forgot-password">{t('reset.requestAgain')}</Link>} />
      ) : (
        <>
          {error !== null && <ErrorAlert error={error} />}
          <Form<Values> layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item label={t('reset.newPassword')} name="password" rules={[{ required: true, min: 10, message: t('reset.passwordRule') }]}>
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="new-password" autoFocus maxLength={200} />
            </Form.Item>
            <Form.Item label={t('reset.repeatPassword')} name="repeat" dependencies={['password']} rules={[
              { required: true, message: t('reset.mismatch') },
              ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('reset.mismatch')))) }),
            ]}>
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="new-password" maxLength={200} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>{t('reset.submit')}</Button>
            </Form.Item>
          </Form>
        </>
      )}
    </Card>
  );
}
