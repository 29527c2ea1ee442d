/**
 * Changing one's own password: the current one, the new one twice. The server checks the new one against the
 * password policy (its message says why one is refused); afterwards every other session and every API token of the
 * account has ended, and this browser is signed in again with the new password.
 */
import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Values { currentPassword: string; newPassword: string; repeat: string }

export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useI18n();
  const { changePassword } = useAuth();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onFinish = ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    setError(null);
    changePassword(currentPassword, newPassword).then(
      () => { form.resetFields(); setBusy(false); onChanged?.(); },
      (e: unknown) => { setError(e); setBusy(false); },
    );
  };
  return (
    <>
      {error !== null && <ErrorAlert error={error} />}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} style={{ maxWidth: 420 }}>
        <Form.Item label={t('password.current')} name="currentPassword" rules={[{ required: true, message: t('password.currentRequired') }]}>
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" maxLength={200} />
        </Form.Item>
        <Form.Item label={t('password.new')} name="newPassword" extra={t('password.rules')} rules={[
          { required: true, min: 10, message: t('reset.passwordRule') },
          ({ getFieldValue }) => ({ validator: (_, v) => (v && v === getFieldValue('currentPassword') ? Promise.reject(new Error(t('password.same'))) : Promise.resolve()) }),
        ]}>
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item label={t('password.repeat')} name="repeat" dependencies={['newPassword']} rules={[
          { required: true, message: t('reset.mismatch') },
          ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('reset.mismatch')))) }),
        ]}>
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{t('password.submit')}</Button>
        </Form.Item>
      </Form>
    </>
  );
}
