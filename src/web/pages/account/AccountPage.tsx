/**
 * My account: who I am and my roles (with the grant of complainants' details where held), changing my password, and
 * my API tokens for machine clients — created with a scope and an expiry (the secret is shown once), listed, revoked.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { roleLabel } from '../../components/labels';
import { ChangePasswordForm } from './ChangePasswordForm';
import { TokenTable, type ApiToken } from './TokenTable';

interface NewToken { name: string; scope: 'read' | 'write'; expiresInDays: number }
interface CreatedToken { name: string; scope: 'read' | 'write'; expiresAt: string; token: string }

const EXPIRY_DAYS = [30, 90, 180, 365] as const;

export default function AccountPage() {
  const { t, formatDateTime } = useI18n();
  const { principal } = useAuth();
  const { message } = App.useApp();
  const tokens = useApi<Page<ApiToken>>('/api/tokens', { includeRevoked: 'true', pageSize: 100 });
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<NewToken>();
  if (!principal) return null;
  const create = (values: NewToken) => {
    setError(null);
    api.post<CreatedToken>('/api/tokens', values).then((r) => { setCreated(r); form.resetFields(); tokens.reload(); }, setError);
  };
  return (
    <>
      <Typography.Title level={2} className="page-title">{t('account.title')}</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} items={[
          { key: 'name', label: t('users.displayName'), children: principal.user.displayName },
          { key: 'username', label: t('users.username'), children: principal.user.username },
          {
            key: 'roles', label: t('users.roles'), span: 'filled',
            children: principal.memberships.map((m, i) => (
              <Tag key={i} color={m.complainantDetails ? 'orange' : undefined}>
                {roleLabel(t, m.role)} · {m.orgName}{m.complainantDetails ? ` · ${t('users.complainantDetailsShort')}` : ''}
              </Tag>
            )),
          },
        ]} />
      </Card>
      <Card title={t('password.title')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('password.intro')}</Typography.Paragraph>
        <ChangePasswordForm onChanged={() => { void message.success(t('password.changed')); tokens.reload(); }} />
      </Card>
      <Card title={t('account.tokens')}>
        <Typography.Paragraph type="secondary">{t('account.tokensIntro')}</Typography.Paragraph>
        {created && (
          <Alert type="success" showIcon closable={{ onClose: () => setCreated(null) }} style={{ marginBottom: 12 }}
            title={t('account.tokenCreated', { name: created.name })}
            description={(
              <>
                <Typography.Text code copyable data-testid="new-token">{created.token}</Typography.Text>
                <div>{t('account.tokenCreatedScope', { scope: t(`account.scope.${created.scope}`), at: formatDateTime(created.expiresAt) })}</div>
              </>
            )} />
        )}
        {error !== null && <ErrorAlert error={error} />}
        <Form<NewToken> form={form} layout="inline" onFinish={create} style={{ marginBottom: 16, rowGap: 8 }} initialValues={{ scope: 'read', expiresInDays: 90 }}>
          <Form.Item name="name" label={t('account.tokenName')} rules={[{ required: true, whitespace: true, message: t('account.tokenNameRequired') }]}>
            <Input maxLength={100} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="scope" label={t('account.scope')}>
            <Select<'read' | 'write'> style={{ width: 150 }} options={(['read', 'write'] as const).map((s) => ({ value: s, label: t(`account.scope.${s}`) }))} />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('account.validFor')}>
            <Select<number> style={{ width: 120 }} options={EXPIRY_DAYS.map((d) => ({ value: d, label: t('account.days', { n: d }) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit">{t('account.createToken')}</Button>
        </Form>
        <TokenTable tokens={tokens} revokeUrl={(tk) => `/api/tokens/${tk.id}`} />
      </Card>
    </>
  );
}
