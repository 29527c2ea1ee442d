/** The assignment at a glance: the problem as the inspectors wrote it, the goal, deadline, units and persons, state. */
import { Descriptions, Space, Typography } from 'antd';
import { Link } from 'react-router';
import type { AssignmentDetail } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { DeadlineText } from '../../components/DeadlineText';
import { StatusTag } from '../../components/StatusTag';
import { WarningBadge } from '../../components/WarningBadge';
import { scheduleLabel } from '../../components/labels';
import { warningReasonText } from '../../components/reasonText';

export function TaskOverview({ detail }: { detail: AssignmentDetail }) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const { assignment: a, task, org, inspection, plan } = detail;
  const none = <Typography.Text type="secondary">{t('common.notGiven')}</Typography.Text>;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'problem', label: t('task.problem'), span: 'filled', children: <span className="prewrap">{task.problem}</span> },
        { key: 'goal', label: t('task.goal'), span: 'filled', children: task.goal ?? none },
        {
          key: 'state', label: t('task.state'), children: (
            <Space wrap>
              <StatusTag status={a.scheduleStatus} />
              <WarningBadge color={a.warning} />
            </Space>
          ),
        },
        { key: 'reason', label: t('task.stateReason'), children: warningReasonText(i18n, a) ?? none },
        { key: 'reported', label: t('task.reportedStatus'), children: a.statusText ?? none },
        ...(a.overrideStatus ? [{ key: 'override', label: t('task.override'), children: `${scheduleLabel(t, a.overrideStatus)}：${a.overrideReason ?? ''}` }] : []),
        { key: 'deadline', label: t('task.deadline'), children: <DeadlineText kind={a.deadlineKind} date={a.deadlineDate} text={task.deadlineText} /> },
        ...(a.completedAt ? [{ key: 'completedAt', label: t('task.completedAt'), children: formatDate(a.completedAt) }] : []),
        { key: 'org', label: t('task.org'), children: org.name },
        { key: 'lead', label: t('task.leadUnit'), children: task.leadUnit ?? none },
        { key: 'units', label: t('task.responsibleUnits'), children: task.responsibleUnits.length ? task.responsibleUnits.join('、') : none },
        { key: 'person', label: t('task.responsiblePerson'), children: a.responsiblePerson ?? task.responsiblePerson ?? none },
        ...(task.supervisingUnit ? [{ key: 'supervising', label: t('task.supervisingUnit'), children: task.supervisingUnit }] : []),
        ...(task.acceptingUnit ? [{ key: 'accepting', label: t('task.acceptingUnit'), children: task.acceptingUnit }] : []),
        { key: 'category', label: t('task.category'), children: task.category ?? none },
        { key: 'inspection', label: t('task.inspection'), children: inspection.name },
        { key: 'plan', label: t('task.plan'), children: <Link to={`/plans/${task.planId}`}>{plan.title}</Link> },
      ]}
    />
  );
}
