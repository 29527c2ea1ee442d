/**
 * API tokens as a table: purpose, scope (read / write), expiry, created, last used, and revoking. Used on my account
 * (my tokens) and in user administration (a managed user's tokens). Secrets are never listed.
 */
import { App, Button, Popconfirm, Table, Tag } from 'antd';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { ApiState } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert';

export interface ApiToken {
  id: number; name: string; scope: 'read' | 'write'; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null;
}

export function TokenTable({ tokens, revokeUrl }: { tokens: ApiState<Page<ApiToken>>; revokeUrl: (token: ApiToken) => string }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const revoke = (tk: ApiToken) => api.delete(revokeUrl(tk)).then(
    () => { void message.success(t('account.revokedDone', { name: tk.name })); tokens.reload(); },
    (e: unknown) => void message.error(errorMessage(e, t)),
  );
  const now = new Date().toISOString();
  return (
    <>
      {tokens.error ? <ErrorAlert error={tokens.error} onRetry={tokens.reload} /> : null}
      <Table<ApiToken> rowKey="id" size="small" loading={tokens.loading} dataSource={tokens.data?.items ?? []} pagination={false} scroll={{ x: 720 }}
        locale={{ emptyText: t('account.noTokens') }}
        columns={[
          { title: t('account.tokenName'), key: 'name', render: (_, tk) => tk.name },
          { title: t('account.scope'), key: 'scope', width: 100, render: (_, tk) => <Tag color={tk.scope === 'write' ? 'orange' : 'blue'}>{t(`account.scope.${tk.scope}`)}</Tag> },
          {
            title: t('account.expiresAt'), key: 'e',
            render: (_, tk) => (tk.expiresAt === null ? t('account.noExpiry') : tk.expiresAt <= now && !tk.revokedAt
              ? <Tag>{t('account.expired', { at: formatDateTime(tk.expiresAt) })}</Tag> : formatDateTime(tk.expiresAt)),
          },
          { title: t('account.createdAt'), key: 'c', render: (_, tk) => formatDateTime(tk.createdAt) },
          { title: t('account.lastUsed'), key: 'u', render: (_, tk) => formatDateTime(tk.lastUsedAt) || t('account.never') },
          {
            title: t('common.actions'), key: 'a', width: 160,
            render: (_, tk) => (tk.revokedAt ? <Tag>{t('account.revokedAt', { at: formatDateTime(tk.revokedAt) })}</Tag> : (
              <Popconfirm title={t('account.revokeConfirm', { name: tk.name })} okText={t('account.revoke')} cancelText={t('common.cancel')} onConfirm={() => revoke(tk)}>
                <Button size="small" danger aria-label={t('account.revokeNamed', { name: tk.name })}>{t('account.revoke')}</Button>
              </Popconfirm>
            )),
          },
        ]} />
    </>
  );
}
