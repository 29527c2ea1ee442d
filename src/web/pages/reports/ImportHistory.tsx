/** Reports imported so far in the reader's scope (GET /api/imports), newest first. */
import { Table } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ApiState } from '../../api/use-api';
import type { ImportSummary } from './ImportPanel';

export interface ImportRecord { id: number; fileName: string; orgUnitId: number; orgUnitName: string; title: string; asOf: string | null; summary: Partial<ImportSummary> | null; createdAt: string }

export function ImportHistory({ list }: { list: ApiState<{ items: ImportRecord[] }> }) {
  const { t, formatDate, formatDateTime } = useI18n();
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  return (
    <Table<ImportRecord>
      size="small"
      rowKey="id"
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: t('imports.empty') }}
      scroll={{ x: 800 }}
      columns={[
        { title: t('imports.at'), key: 'at', width: 170, render: (_, r) => formatDateTime(r.createdAt) },
        { title: t('imports.file'), key: 'file', render: (_, r) => <>{r.title}<div style={{ color: '#8a938e', fontSize: 12 }}>{r.fileName}</div></> },
        { title: t('imports.org'), key: 'org', width: 120, render: (_, r) => r.orgUnitName },
        { title: t('imports.asOf'), key: 'asOf', width: 130, render: (_, r) => formatDate(r.asOf) },
        {
          title: t('imports.result'), key: 'result', width: 220,
          render: (_, r) => (r.summary ? t('imports.counts', { created: r.summary.created ?? 0, updated: r.summary.updated ?? 0, unchanged: r.summary.unchanged ?? 0 }) : ''),
        },
      ]}
    />
  );
}
