/**
 * Create a user (a one-time password is returned when none is set), or change an existing user's roles and the e-mail
 * address password reset links go to (account-wide: only when all of the user's roles are in the administrator's units).
 */
import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { api } from '../../api/client';
import type { ManagedUser } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MembershipsField, type MembershipInput } from './MembershipsField';

interface Values { username: string; displayName: string; password?: string; email?: string; memberships: MembershipInput[] }

export function UserDialog({ user, onSaved, onClose }: { user?: ManagedUser; onSaved: (oneTime: { user: string; password: string } | null) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const memberships = v.memberships.filter((m) => m.orgUnitId).map((m) => ({ orgUnitId: m.orgUnitId!, role: m.role, complainantDetails: m.complainantDetails === true }));
      const email = v.email?.trim() ? v.email.trim() : null;
      if (user) {
        if (!user.hasOtherMemberships && email !== user.email) await api.patch(`/api/users/${user.id}`, { email, version: user.version });
        await api.put(`/api/users/${user.id}/memberships`, { memberships });
        onSaved(null);
      } else {
        const res = await api.post<{ password: string | null }>('/api/users', { username: v.username, displayName: v.displayName, password: v.password || undefined, email, memberships });
        onSaved(res.password ? { user: v.username, password: res.password } : null);
      }
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Modal open title={user ? t('users.editRoles', { name: user.displayName }) : t('users.create')} okText={t('common.save')} cancelText={t('common.cancel')}
      onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} width={640} destroyOnHidden>
      {error !== null && <ErrorAlert error={error} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)}
        initialValues={{ email: user?.email ?? '', memberships: user ? user.memberships.map((m) => ({ orgUnitId: m.orgUnitId, role: m.role as MembershipInput['role'], complainantDetails: m.complainantDetails })) : [{ role: 'reporter' }] }}>
        {!user && (
          <>
            <Form.Item name="username" label={t('users.username')} rules={[{ required: true, pattern: /^[\w.@-]{2,64}$/, message: t('users.usernameRule') }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHint')} rules={[{ min: 10, message: t('users.passwordRule') }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        <Form.Item name="email" label={t('users.email')} extra={user?.hasOtherMemberships ? t('users.emailLocked') : t('users.emailHint')}
          rules={[{ type: 'email', message: t('users.emailRule') }, { max: 254, message: t('users.emailRule') }]}>
          <Input type="email" autoComplete="off" disabled={user?.hasOtherMemberships} />
        </Form.Item>
        <Form.Item name="memberships" label={t('users.roles')} extra={[user?.hasOtherMemberships ? t('users.otherRoles') : '', t('users.complainantDetailsHint')].filter(Boolean).join(' ')}>
          <MembershipsField />
        </Form.Item>
      </Form>
    </Modal>
  );
}
