/** A short list of ledger rows (the dashboard's attention lists): task, unit, deadline, warning, each linking to its page. */
import { Table } from 'antd';
import { Link } from 'react-router';
import type { LedgerRow } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { WarningBadge } from './WarningBadge';
import { DeadlineText } from './DeadlineText';

export function AssignmentList({ rows, loading }: { rows: LedgerRow[]; loading?: boolean }) {
  const { t } = useI18n();
  return (
    <Table<LedgerRow>
      size="small"
      rowKey="id"
      loading={loading}
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: t('common.none') }}
      scroll={{ x: 560 }}
      columns={[
        { title: t('ledger.col.code'), dataIndex: 'taskCode', width: 80, render: (code: string) => t('task.codeLabel', { code }) },
        {
          title: t('ledger.col.problem'), dataIndex: 'problem',
          render: (problem: string, r) => <Link to={`/tasks/${r.id}`} className="clamp-2">{problem}</Link>,
        },
        { title: t('ledger.col.org'), dataIndex: 'orgUnitName', width: 140 },
        { title: t('ledger.col.deadline'), dataIndex: 'deadlineDate', width: 130, render: (_: unknown, r) => <DeadlineText kind={r.deadlineKind} date={r.deadlineDate} /> },
        { title: t('ledger.col.warning'), dataIndex: 'warning', width: 90, render: (_: unknown, r) => <WarningBadge color={r.warning} reason={r.warningReason} code={r.warningReasonCode} /> },
      ]}
    />
  );
}
