/**
 * A task's shares (assignments) at the units the reader can see, nested under the share they were split from; each
 * links to its page in the ledger. Splitting further is offered where the user administers the plan owner or a share.
 */
import { Button, Flex, Table } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { Assignment, Page, Task } from '../../api/types';
import type { Plan } from '../../api/plan-types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusTag } from '../../components/StatusTag';
import { WarningBadge } from '../../components/WarningBadge';
import { DeadlineText } from '../../components/DeadlineText';
import type { OrgScope } from './org-scope';
import { parentChoices, SplitDialog } from './SplitDialog';
import { nestByParent, useFoldedRows, type Nested } from './tree-rows';

type Node = Nested<Assignment>;

/** Nests shares by parentId, in org-tree order; a share whose parent the reader cannot see becomes a root. */
const nest = (shares: Assignment[], rank: (orgUnitId: number) => number): Node[] =>
  nestByParent([...shares].sort((a, b) => rank(a.orgUnitId) - rank(b.orgUnitId)));

interface Props {
  task: Task;
  plan: Plan;
  scope: OrgScope;
  /** The split dialog's state lives with the plan's task list, which also opens it from the task's row. */
  splitting: boolean;
  onSplit: (open: boolean) => void;
}

export function TaskShares({ task, plan, scope, splitting, onSplit }: Props) {
  const { t } = useI18n();
  const list = useApi<Page<Assignment>>(`/api/tasks/${task.id}/assignments`, { pageSize: 200 });
  const shares = list.data?.items ?? [];
  // Every share with shares below it starts open; the user may fold some.
  const folding = useFoldedRows();
  const maySplit = list.data !== undefined && parentChoices(scope, plan.ownerOrgId, shares).length > 0;
  return (
    <div data-testid={`shares-${task.id}`}>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <strong>{t('plan.shares')}</strong>
        {maySplit && <Button size="small" icon={<ApartmentOutlined />} onClick={() => onSplit(true)}>{t('split.open')}</Button>}
      </Flex>
      <Table<Node>
        size="small"
        rowKey="id"
        pagination={false}
        loading={list.loading}
        dataSource={nest(shares, scope.rank)}
        expandable={folding.expandable(shares.map((s) => s.id))}
        locale={{ emptyText: t('plan.noShares') }}
        columns={[
          { title: t('hierarchy.unit'), key: 'unit', render: (_, a) => <Link to={`/tasks/${a.id}`}>{scope.name(a.orgUnitId) ?? `#${a.orgUnitId}`}</Link> },
          { title: t('ledger.col.status'), key: 'status', render: (_, a) => <StatusTag status={a.scheduleStatus} /> },
          { title: t('ledger.col.warning'), key: 'warning', render: (_, a) => <WarningBadge color={a.warning} reason={a.warningReason} code={a.warningReasonCode} /> },
          { title: t('ledger.col.deadline'), key: 'deadline', render: (_, a) => <DeadlineText kind={a.deadlineKind} date={a.deadlineDate} /> },
          { title: t('task.responsiblePerson'), key: 'person', render: (_, a) => a.responsiblePerson ?? '' },
        ]}
      />
      {splitting && list.data && (
        <SplitDialog task={task} ownerOrgId={plan.ownerOrgId} shares={shares} scope={scope} onChanged={list.reload} onClose={() => onSplit(false)} />
      )}
    </div>
  );
}
