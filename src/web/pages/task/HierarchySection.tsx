/** The task's shares: the plan owner's task and every unit's share under it, with their states; each links to its page. */
import { Table } from 'antd';
import { Link } from 'react-router';
import type { AssignmentDetail } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { StatusTag } from '../../components/StatusTag';
import { WarningBadge } from '../../components/WarningBadge';
import { DeadlineText } from '../../components/DeadlineText';
import { nestByParent, type Nested } from '../plans/tree-rows';

type Share = AssignmentDetail['hierarchy'][number];
type Node = Nested<Share>;

/** Nests shares by parentId; a share whose parent the reader cannot see becomes a root. */
export const nestShares = (shares: Share[]): Node[] => nestByParent(shares);

export function HierarchySection({ detail }: { detail: AssignmentDetail }) {
  const { t } = useI18n();
  const current = detail.assignment.id;
  return (
    <Table<Node>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={nestShares(detail.hierarchy)}
      expandable={{ defaultExpandAllRows: true }}
      rowClassName={(r) => (r.id === current ? 'ant-table-row-selected' : '')}
      columns={[
        {
          title: t('hierarchy.unit'), key: 'unit',
          render: (_, r) => (r.id === current ? <strong aria-current="page">{r.orgUnitName}</strong> : <Link to={`/tasks/${r.id}`}>{r.orgUnitName}</Link>),
        },
        { title: t('ledger.col.status'), key: 'status', render: (_, r) => <StatusTag status={r.scheduleStatus} /> },
        { title: t('ledger.col.warning'), key: 'warning', render: (_, r) => <WarningBadge color={r.warning} reason={r.warningReason} code={r.warningReasonCode} /> },
        { title: t('ledger.col.statusText'), key: 'statusText', render: (_, r) => r.statusText ?? '' },
        { title: t('ledger.col.deadline'), key: 'deadline', render: (_, r) => <DeadlineText kind={r.deadlineKind} date={r.deadlineDate} /> },
      ]}
    />
  );
}
