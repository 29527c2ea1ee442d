/** Progress reports over time (调度): what was done, problems met, next steps, and how each was reviewed. */
import { Button, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { Evidence, ProgressReport } from '../../api/types';
import { evidenceUrl } from '../../components/evidence/evidence-format';
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

/** The report's steps, oldest first: who submitted, returned (with the reason), resubmitted and accepted, and when. */
function Steps({ report }: { report: ProgressReport }) {
  const { t, formatDateTime } = useI18n();
  const steps = report.steps ?? [];
  // A report with one submission and no review yet says all of that in its own line below.
  if (steps.length < 2 && !steps.some((s) => s.step === 'return')) return null;
  return (
    <div style={{ margin: '4px 0 6px' }} data-testid={`progress-steps-${report.id}`}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('progress.history')}</Typography.Text>
      <ul className="plain-list" style={{ margin: 0 }}>
        {steps.map((s, i) => (
          <li key={i} style={{ fontSize: 13 }}>
            <Typography.Text type={s.step === 'return' ? 'danger' : undefined}>
              {t(`progress.step.${s.step}`, { actor: s.actorName === 'system' ? t('history.system') : s.actorName, at: formatDateTime(s.at) })}
              {s.text ? `：${s.text}` : ''}
            </Typography.Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The files the report cites, each a download link. */
function Files({ ids, evidence }: { ids: number[]; evidence: Evidence[] }) {
  const { t } = useI18n();
  const files = ids.map((id) => evidence.find((e) => e.id === id)).filter((e): e is Evidence => e !== undefined);
  if (!files.length) return null;
  return (
    <Typography.Paragraph style={{ marginBottom: 4 }}>
      <strong>{t('progress.files')}：</strong>
      {files.map((f) => <Typography.Link key={f.id} href={evidenceUrl(f.id)} download={f.originalName} style={{ marginRight: 12 }}><PaperClipOutlined aria-hidden /> {f.originalName}</Typography.Link>)}
    </Typography.Paragraph>
  );
}

interface Props {
  reports: ProgressReport[];
  /** The assignment's evidence, for the files each report cites. */
  evidence: Evidence[];
  /** Correct a report awaiting review, or resubmit a returned one. */
  onEdit: (report: ProgressReport) => void;
  onChanged: () => void;
}

export function ProgressSection({ reports, evidence, onEdit, onChanged }: Props) {
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
              <Files ids={r.evidenceIds ?? []} evidence={evidence} />
            </div>
            <Steps report={r} />
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
