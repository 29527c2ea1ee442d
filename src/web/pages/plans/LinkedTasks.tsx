/**
 * Plans linked across levels, under a plan's task: the higher plan's task it carries out ("对应省任务9"), and the
 * lower plans' tasks carrying it out (those the reader may see), each with its state, and their roll-up: how many
 * are completed and the worst warning, with where it comes from.
 */
import { Space, Table, Tag, Typography } from 'antd';
import type { LinkRollUp } from '../../../core/plan-links';
import type { WarningColor } from '../../../core/schedule';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { WarningBadge } from '../../components/WarningBadge';

interface LinkedTask {
  taskId: number; code: string; problem: string; planId: number; ownerOrgName: string; level: string; isCompleted: boolean; warning: WarningColor;
  shares: { assignmentId: number; orgUnitName: string }[];
}
interface Links {
  parent: { taskId: number; code: string; problem: string; planId: number; ownerOrgName: string; level: string } | null;
  linked: LinkedTask[];
  rollUp: LinkRollUp;
}

export function LinkedTasks({ taskId }: { taskId: number }) {
  const { t } = useI18n();
  const links = useApi<Links>(`/api/tasks/${taskId}/links`);
  if (links.error) return <ErrorAlert error={links.error} onRetry={links.reload} />;
  const d = links.data;
  if (!d || (!d.parent && d.linked.length === 0)) return null;
  return (
    <div data-testid={`links-${taskId}`} style={{ marginTop: 12 }}>
      {d.parent && (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          <Tag color="blue">{t('planLinks.parent', { level: d.parent.level, code: d.parent.code })}</Tag>
          <Typography.Text type="secondary">{d.parent.ownerOrgName}：{d.parent.problem.slice(0, 60)}</Typography.Text>
        </Typography.Paragraph>
      )}
      {d.linked.length > 0 && (
        <>
          <Space style={{ marginBottom: 8 }} wrap>
            <strong>{t('planLinks.title')}</strong>
            <Typography.Text type="secondary">{t('planLinks.rollUp', { n: d.rollUp.linkedTasks, done: d.rollUp.completedTasks })}</Typography.Text>
            <WarningBadge color={d.rollUp.warning} reason={d.rollUp.worst ? `${d.rollUp.worst.label}：${d.rollUp.worst.reason ?? ''}` : null} />
          </Space>
          <Table<LinkedTask> size="small" rowKey="taskId" pagination={false} dataSource={d.linked}
            columns={[
              { title: t('planLinks.unit'), key: 'unit', render: (_, x) => x.ownerOrgName },
              { title: t('planLinks.task'), key: 'code', render: (_, x) => `${x.level}${t('task.codeLabel', { code: x.code })}` },
              { title: t('task.problem'), key: 'problem', render: (_, x) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: x.problem }} style={{ margin: 0 }}>{x.problem}</Typography.Paragraph> },
              { title: t('plan.shares'), key: 'shares', render: (_, x) => x.shares.map((s) => s.orgUnitName).join('、') },
              { title: t('ledger.col.status'), key: 'done', render: (_, x) => <Tag color={x.isCompleted ? 'green' : 'default'}>{x.isCompleted ? t('planLinks.done') : t('planLinks.open')}</Tag> },
              { title: t('ledger.col.warning'), key: 'warning', render: (_, x) => <WarningBadge color={x.warning} /> },
            ]} />
        </>
      )}
    </div>
  );
}
