/** Progress reports over time (调度): what was done, problems met, next steps, and how each was reviewed. */
import { Button, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { ProgressReport } from '../../api/types';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ReviewButtons } from './actions/ReviewButtons';

const STATE_COLORS: Record<string, string> = { draft: 'default', submitted: 'processing', accepted: 'success', returned: 'error' };

export function ProgressStateTag({ state }: { state: string }) {
  const { t, has } = useI18n();
  const key = `progress.state.${state}`;
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{has(key) ? t(key) : state}</Tag>;
}

function Block({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return <Typography.Paragraph style={{ marginBottom: 4 }}><strong>{label}：</strong><span className="prewrap">{text}</span></Typography.Paragraph>;
}

interface Props {
  reports: ProgressReport[];
  /** Correct a report awaiting review, or resubmit a returned one. */
  onEdit: (report: ProgressReport) => void;
  onChanged: () => void;
}

export function ProgressSection({ reports, onEdit, onChanged }: Props) {
  const { t, formatDate, formatDateTime } = useI18n();
  const { can } = useAuth();
  if (!reports.length) return <Empty description={t('task.noProgress')} />;
  return (
    <Timeline
      items={reports.map((r) => ({
        key: r.id,
        color: r.state === 'returned' ? 'red' : r.state === 'accepted' ? 'green' : 'blue',
        content: (
          <div data-testid={`progress-${r.id}`}>
            <Typography.Text strong>{r.periodLabel ?? t('progress.asOf', { date: formatDate(r.asOf) })}</Typography.Text>{' '}
            <ProgressStateTag state={r.state} />
            {r.source === 'import' && <Tag>{t('progress.imported')}</Tag>}
            {r.statusText && <Tag color="blue">{r.statusText}</Tag>}
            <div style={{ marginTop: 6 }}>
              <Block label={t('progress.progress')} text={r.progress} />
              <Block label={t('progress.problems')} text={r.problems} />
              <Block label={t('progress.nextSteps')} text={r.nextSteps} />
              <Block label={t('progress.reviewComment')} text={r.reviewComment} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[r.submittedAt && t('progress.submittedAt', { at: formatDateTime(r.submittedAt) }), r.reviewedAt && t('progress.reviewedAt', { at: formatDateTime(r.reviewedAt) })].filter(Boolean).join(' · ')}
            </Typography.Text>
            {(r.state === 'submitted' || r.state === 'returned') && (
              <Space style={{ display: 'flex', marginTop: 8 }} wrap>
                {r.state === 'submitted' && can('review') && <ReviewButtons report={r} onDone={onChanged} />}
                {can('writeProgress') && (
                  <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(r)}>
                    {r.state === 'returned' ? t('progressForm.resubmit') : t('progressForm.correct')}
                  </Button>
                )}
              </Space>
            )}
          </div>
        ),
      }))}
    />
  );
}
