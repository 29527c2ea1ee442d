/**
 * Asks for a password reset link by username or e-mail address. The API answers every account alike, and so does
 * this page: after sending it always says "check your e-mail", never whether the account exists.
 */
import { useState } from 'react';
import { Button, Card, Form, Input, Result, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { RESET_TTL_MINUTES } from '../../../core/password-reset';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

export default function ForgotPasswordPage() {
  const { t } = useI18n();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const onFinish = ({ login }: { login: string }) => {
    setBusy(true);
    setError(null);
    api.post('/api/auth/password-reset/request', { login: login.trim() }).then(
      () => setSent(true),
      (e: unknown) => {
        setError(e);
        setBusy(false);
      },
    );
  };

  if (sent) {
    return (
      <Card style={{ maxWidth: 480, margin: '48px auto' }}>
        <Result status="success" title={t('reset.sent')} subTitle={t('reset.sentText', { minutes: RESET_TTL_MINUTES })}
          extra={<Link to="/sign-in">{t('reset.backToSignIn')}</Link>} />
      </Card>
    );
  }
  return (
    <Card style={{ maxWidth: 420, margin: '48px auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('reset.requestTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('reset.requestIntro', { minutes: RESET_TTL_MINUTES })}</Typography.Paragraph>
      {error !== null && <ErrorAlert error={error} />}
      <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item label={t('reset.login')} name="login" rules={[{ required: true, whitespace: true, message: t('reset.loginRequired') }]}>
          <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus maxLength={254} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('reset.send')}</Button>
        </Form.Item>
      </Form>
      <Link to="/sign-in">{t('reset.backToSignIn')}</Link>
    </Card>
  );
}
