/**
 * One assignment (a unit's share of a task): overview, measures and milestones, indicators, progress reports,
 * evidence, cited documents, the task's hierarchy of shares, and the full history.
 */
import { useState } from 'react';
import { Alert, Button, Card, Flex, Space, Tabs, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router';
import { usePageCrumb } from '../../components/breadcrumbs';
import type { AssignmentDetail, ProgressReport } from '../../api/types';
import { useAuth } from '../../auth/auth';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { StatusTag } from '../../components/StatusTag';
import { WarningBadge } from '../../components/WarningBadge';
import { TaskOverview } from './TaskOverview';
import { MeasuresSection } from './MeasuresSection';
import { IndicatorsSection } from './IndicatorsSection';
import { ProgressSection } from './ProgressSection';
import { EvidenceList } from '../../components/evidence/EvidenceList';
import { DocumentsSection } from './DocumentsSection';
import { HierarchySection } from './HierarchySection';
import { HistorySection } from './HistorySection';
import { LinkedTasks } from '../plans/LinkedTasks';
import { ClosureSection } from '../../components/closure/ClosureSection';
import { EvidenceUpload } from '../../components/evidence/EvidenceUpload';
import { TaskActions } from './TaskActions';
import { ProgressForm } from './actions/ProgressForm';

export default function TaskPage() {
  const { t, formatDate } = useI18n();
  const { assignmentId } = useParams();
  const { can } = useAuth();
  const { data, error, reload } = useApi<AssignmentDetail>(`/api/assignments/${encodeURIComponent(assignmentId ?? '')}`);
  /** The progress form: 'new' for a new report, or the report being corrected. */
  const [form, setForm] = useState<'new' | ProgressReport | null>(null);
  const [params] = useSearchParams();
  const [tab, setTab] = useState(params.get('tab') ?? 'measures');
  usePageCrumb(data ? `${t('task.codeLabel', { code: data.task.code })} · ${data.org.name}` : undefined);
  // Opened from a round (its page, the workbench): a new report counts for that round.
  const roundId = Number(params.get('round')) || undefined;

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  const { assignment, task, org } = data;
  const count = (label: string, n: number) => `${label} (${n})`;

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ margin: '12px 0 16px' }}>
        <Space align="center" wrap>
          <Typography.Title level={2} style={{ margin: 0 }}>{t('task.codeLabel', { code: task.code })} · {org.name}</Typography.Title>
          <span data-testid="task-state">
            <StatusTag status={assignment.scheduleStatus} />
            <WarningBadge color={assignment.warning} reason={assignment.warningReason} code={assignment.warningReasonCode} />
          </span>
        </Space>
        <Space wrap>
          <Button icon={<PrinterOutlined />} href={`/tasks/${assignment.id}/print`} target="_blank">{t('layout.print')}</Button>
          <TaskActions detail={data} onReport={() => setForm('new')} onChanged={reload} />
        </Space>
      </Flex>
      {assignment.isClosed && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="task-locked" title={t('task.locked', { date: formatDate(assignment.closedAt) })} />
      )}
      <Card style={{ marginBottom: 16 }}><TaskOverview detail={data} /><LinkedTasks taskId={task.id} /></Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'measures', label: count(t('task.measures'), data.measures.length), children: <MeasuresSection detail={data} onChanged={reload} /> },
            { key: 'progress', label: count(t('task.progress'), data.progressReports.length), children: <ProgressSection reports={data.progressReports} evidence={data.evidence} onEdit={setForm} onChanged={reload} /> },
            { key: 'indicators', label: count(t('task.indicators'), data.indicators.length), children: <IndicatorsSection assignmentId={assignment.id} indicators={data.indicators} onChanged={reload} locked={assignment.isClosed} /> },
            { key: 'evidence', label: count(t('task.evidence'), data.evidence.length), children: <EvidenceList evidence={data.evidence} manage={{ mayChange: can('writeProgress') && (!assignment.isClosed || assignment.isLongTerm), onChanged: reload }} upload={can('writeProgress') && (!assignment.isClosed || assignment.isLongTerm) ? <EvidenceUpload url={`/api/assignments/${assignment.id}/evidence`} onUploaded={reload} /> : undefined} /> },
            { key: 'closure', label: t('task.closure'), children: <ClosureSection subject={{ type: 'assignment', id: assignment.id, evidence: data.evidence, isLongTerm: assignment.isLongTerm, mayApply: !assignment.isClosed }} onChanged={reload} /> },
            { key: 'documents', label: count(t('task.documents'), data.documents.length), children: <DocumentsSection documents={data.documents} /> },
            { key: 'hierarchy', label: count(t('task.hierarchy'), data.hierarchy.length), children: <HierarchySection detail={data} /> },
            { key: 'history', label: count(t('task.history'), data.history.length), children: <HistorySection events={data.history} /> },
          ]}
        />
      </Card>
      {form && (
        <ProgressForm
          detail={data}
          editing={form === 'new' ? undefined : form}
          roundId={roundId}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            setTab('progress');
            reload();
          }}
        />
      )}
    </>
  );
}
