/** My account: who I am and my roles, and my API tokens for machine clients (the secret is shown once). */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert';
import { roleLabel } from '../../components/labels';

interface Token { id: number; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

export default function AccountPage() {
  const { t, formatDateTime } = useI18n();
  const { principal } = useAuth();
  const { message } = App.useApp();
  const tokens = useApi<Page<Token>>('/api/tokens', { includeRevoked: 'true', pageSize: 100 });
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ name: string }>();
  if (!principal) return null;
  const create = ({ name }: { name: string }) => {
    setError(null);
    api.post<{ name: string; token: string }>('/api/tokens', { name }).then((r) => { setCreated(r); form.resetFields(); tokens.reload(); }, setError);
  };
  const revoke = (tk: Token) => api.delete(`/api/tokens/${tk.id}`).then(tokens.reload, (e: unknown) => void message.error(errorMessage(e, t)));
  return (
    <>
      <Typography.Title level={2} className="page-title">{t('account.title')}</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} items={[
          { key: 'name', label: t('users.displayName'), children: principal.user.displayName },
          { key: 'username', label: t('users.username'), children: principal.user.username },
          { key: 'roles', label: t('users.roles'), span: 'filled', children: principal.memberships.map((m, i) => <Tag key={i}>{roleLabel(t, m.role)} · {m.orgName}</Tag>) },
        ]} />
      </Card>
      <Card title={t('account.tokens')}>
        <Typography.Paragraph type="secondary">{t('account.tokensIntro')}</Typography.Paragraph>
        {created && (
          <Alert type="success" showIcon closable={{ onClose: () => setCreated(null) }} style={{ marginBottom: 12 }} title={t('account.tokenCreated', { name: created.name })}
            description={<Typography.Text code copyable>{created.token}</Typography.Text>} />
        )}
        {error !== null && <ErrorAlert error={error} />}
        <Form form={form} layout="inline" onFinish={create} style={{ marginBottom: 16 }}>
          <Form.Item name="name" label={t('account.tokenName')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} style={{ width: 240 }} /></Form.Item>
          <Button type="primary" htmlType="submit">{t('account.createToken')}</Button>
        </Form>
        {tokens.error ? <ErrorAlert error={tokens.error} onRetry={tokens.reload} /> : null}
        <Table<Token> rowKey="id" size="small" loading={tokens.loading} dataSource={tokens.data?.items ?? []} pagination={false} locale={{ emptyText: t('account.noTokens') }}
          columns={[
            { title: t('account.tokenName'), key: 'name', render: (_, tk) => tk.name },
            { title: t('account.createdAt'), key: 'c', render: (_, tk) => formatDateTime(tk.createdAt) },
            { title: t('account.lastUsed'), key: 'u', render: (_, tk) => formatDateTime(tk.lastUsedAt) || t('account.never') },
            {
              title: t('common.actions'), key: 'a',
              render: (_, tk) => (tk.revokedAt ? <Tag>{t('account.revokedAt', { at: formatDateTime(tk.revokedAt) })}</Tag> : (
                <Space>
                  <Popconfirm title={t('account.revokeConfirm', { name: tk.name })} okText={t('account.revoke')} cancelText={t('common.cancel')} onConfirm={() => revoke(tk)}>
                    <Button size="small" danger>{t('account.revoke')}</Button>
                  </Popconfirm>
                </Space>
              )),
            },
          ]} />
      </Card>
    </>
  );
}
