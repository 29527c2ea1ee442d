/**
 * Users in the administrator's subtrees: find, create, change roles (and grant complainants' details), disable/enable,
 * reset the password, sign out everywhere, see and revoke their API tokens.
 */
import { useState } from 'react';
import { Alert, App, Button, Dropdown, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLES, type Role } from '../../../core/roles';
import { api } from '../../api/client';
import type { ManagedUser, Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert';
import { roleLabel } from '../../components/labels';
import { UserDialog } from './UserDialog';
import { UserTokensDialog } from './UserTokensDialog';

export function UsersPanel() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [page, setPage] = useState(1);
  const list = useApi<Page<ManagedUser>>('/api/users', { q, role, page, pageSize: 20 });
  const [editing, setEditing] = useState<ManagedUser | 'new' | null>(null);
  const [tokensOf, setTokensOf] = useState<ManagedUser | null>(null);
  const [oneTime, setOneTime] = useState<{ user: string; password: string } | null>(null);

  const act = (path: string, done: string) => api.post(path).then(() => { void message.success(done); list.reload(); }, (e: unknown) => void message.error(errorMessage(e, t)));
  const resetPassword = (u: ManagedUser) => modal.confirm({
    title: t('users.resetConfirm', { name: u.displayName }), okText: t('users.reset'), cancelText: t('common.cancel'),
    onOk: () => api.post<{ password: string }>(`/api/users/${u.id}/reset-password`).then(
      (r) => { setOneTime({ user: u.username, password: r.password }); list.reload(); },
      (e: unknown) => void message.error(errorMessage(e, t)),
    ),
  });

  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }} justify="space-between">
        <Flex wrap gap={8}>
          <Input.Search aria-label={t('users.search')} placeholder={t('users.search')} allowClear onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 240 }} />
          <Select<Role> aria-label={t('users.role')} placeholder={t('users.role')} allowClear value={role} onChange={(v) => { setRole(v); setPage(1); }}
            options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} style={{ width: 200 }} />
        </Flex>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('users.create')}</Button>
      </Flex>
      {oneTime && (
        <Alert type="success" showIcon closable={{ onClose: () => setOneTime(null) }} style={{ marginBottom: 12 }} title={t('users.oneTime', { user: oneTime.user })}
          description={<Typography.Text code copyable>{oneTime.password}</Typography.Text>} />
      )}
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<ManagedUser>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { title: t('users.username'), key: 'username', render: (_, u) => u.username },
          { title: t('users.displayName'), key: 'name', render: (_, u) => u.displayName },
          { title: t('users.email'), key: 'email', render: (_, u) => u.email ?? '' },
          { title: t('users.roles'), key: 'roles', render: (_, u) => u.memberships.map((m, i) => <Tag key={i} color={m.complainantDetails ? 'orange' : undefined}>{roleLabel(t, m.role)} · {m.orgName}{m.complainantDetails ? ` · ${t('users.complainantDetailsShort')}` : ''}</Tag>) },
          {
            title: t('users.state'), key: 'state', width: 120,
            render: (_, u) => (!u.isActive ? <Tag color="default">{t('users.disabled')}</Tag> : u.locked ? <Tag color="warning">{t('users.locked')}</Tag> : <Tag color="success">{t('users.active')}</Tag>),
          },
          {
            title: t('common.actions'), key: 'actions', width: 90,
            render: (_, u) => (
              <Dropdown trigger={['click']} menu={{
                items: [
                  { key: 'roles', label: t('users.editRolesShort'), onClick: () => setEditing(u) },
                  { key: 'reset', label: t('users.reset'), onClick: () => void resetPassword(u) },
                  { key: 'revoke', label: t('users.revoke'), onClick: () => void act(`/api/users/${u.id}/revoke-sessions`, t('users.revoked')) },
                  { key: 'tokens', label: t('users.tokens'), onClick: () => setTokensOf(u) },
                  u.isActive
                    ? { key: 'disable', label: t('users.disable'), danger: true, onClick: () => void act(`/api/users/${u.id}/disable`, t('users.disabledDone')) }
                    : { key: 'enable', label: t('users.enable'), onClick: () => void act(`/api/users/${u.id}/enable`, t('users.enabledDone')) },
                ],
              }}>
                <Button icon={<MoreOutlined />} aria-label={t('users.actionsFor', { name: u.username })} />
              </Dropdown>
            ),
          },
        ]}
      />
      {tokensOf && <UserTokensDialog user={tokensOf} onClose={() => setTokensOf(null)} />}
      {editing && (
        <UserDialog
          user={editing === 'new' ? undefined : editing}
          onSaved={(created) => {
            if (created) setOneTime(created);
            setEditing(null);
            list.reload();
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
