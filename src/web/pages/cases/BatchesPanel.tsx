/** Handover batches (交办批次) with their handling counts; open one in the ledger, publish its results table, import a new one. */
import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { api, withQuery } from '../../api/client';
import type { CaseBatch } from '../../api/case-types';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert';
import { BatchImport } from './BatchImport';

export function BatchesPanel() {
  const { t, formatDate, formatDateTime } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const list = useApi<{ items: CaseBatch[] }>('/api/case-batches');
  const [importing, setImporting] = useState(false);
  const publish = (b: CaseBatch) => api.post<{ cases: number }>(`/api/case-batches/${b.id}/publish`).then(
    (r) => { void message.success(t('batches.publishedN', { n: r.cases })); list.reload(); },
    (e: unknown) => void message.error(errorMessage(e, t)),
  );
  if (importing) return <><Button onClick={() => setImporting(false)} style={{ marginBottom: 12 }}>{t('batches.backToList')}</Button><BatchImport onImported={list.reload} /></>;
  return (
    <>
      {can('writeLedger') && <Button type="primary" onClick={() => setImporting(true)} style={{ marginBottom: 12 }}>{t('batches.import')}</Button>}
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<CaseBatch>
        rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items ?? []} scroll={{ x: 900 }} locale={{ emptyText: t('batches.empty') }}
        columns={[
          { title: t('cases.batch'), key: 'no', width: 110, render: (_, b) => <Link to={withQuery('/cases', { batchId: b.id })}>{t('cases.batchNo', { no: b.batchNo })}</Link> },
          { title: t('batches.handedOverAt'), key: 'at', width: 130, render: (_, b) => formatDate(b.handedOverAt) },
          { title: t('batches.unit'), key: 'unit', render: (_, b) => b.orgUnitName },
          { title: t('batches.inspection'), key: 'insp', render: (_, b) => b.inspectionName },
          { title: t('batches.progress'), key: 'progress', width: 140, render: (_, b) => t('batches.handled', { handled: b.handled, total: b.total }) },
          { title: t('batches.published'), key: 'pub', width: 180, render: (_, b) => (b.publishedAt ? <Tag color="success">{formatDateTime(b.publishedAt)}</Tag> : <Tag>{t('batches.notPublished')}</Tag>) },
          ...(can('publish') ? [{
            title: t('common.actions'), key: 'actions', width: 130,
            render: (_: unknown, b: CaseBatch) => (
              <Space>
                <Popconfirm title={t('batches.publishConfirm')} okText={t('batches.publish')} cancelText={t('common.cancel')} onConfirm={() => publish(b)}>
                  <Button size="small">{b.publishedAt ? t('batches.republish') : t('batches.publish')}</Button>
                </Popconfirm>
              </Space>
            ),
          }] : []),
        ]}
      />
    </>
  );
}
