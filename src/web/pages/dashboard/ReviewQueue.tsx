/** Progress reports awaiting the reader's review, oldest first; each opens its task page. */
import { Table } from 'antd';
import { Link } from 'react-router';
import type { ApiState } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

export interface QueueItem { reportId: number; assignmentId: number; roundId: number | null; taskCode: string; orgUnitId: number; orgUnitName: string; submittedAt: string | null; statusText: string | null; version: number }

export function ReviewQueue({ queue }: { queue: ApiState<{ items: QueueItem[] }> }) {
  const { t, formatDateTime } = useI18n();
  if (queue.error) return <ErrorAlert error={queue.error} onRetry={queue.reload} />;
  return (
    <Table<QueueItem>
      size="small"
      rowKey="reportId"
      loading={queue.loading}
      dataSource={queue.data?.items ?? []}
      pagination={{ pageSize: 5, hideOnSinglePage: true }}
      locale={{ emptyText: t('common.none') }}
      columns={[
        { title: t('ledger.col.code'), key: 'code', width: 90, render: (_, r) => <Link to={`/tasks/${r.assignmentId}`}>{t('task.codeLabel', { code: r.taskCode })}</Link> },
        { title: t('ledger.col.org'), key: 'org', render: (_, r) => r.orgUnitName },
        { title: t('task.reportedStatus'), key: 'status', render: (_, r) => r.statusText ?? '' },
        { title: t('dashboard.submittedAt'), key: 'at', width: 170, render: (_, r) => formatDateTime(r.submittedAt) },
      ]}
    />
  );
}
