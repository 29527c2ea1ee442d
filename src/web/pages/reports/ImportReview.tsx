/**
 * The tasks of an import preview that the reader was not sure of, put in front of a person: for each, what was read
 * and why it is doubtful, and controls to correct its number or status, or to say it is not a task (or that no
 * heading of its kind is). The corrections go back to the preview and, unchanged, to the import.
 */
import { Alert, Button, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ImportCorrection, ParsedReport, ParsedTask } from '../../../core/report';
import { REVIEW_BELOW } from '../../../core/review';
import { STATUS_CODES } from '../../../core/status';
import { useI18n } from '../../i18n/i18n';
import { statusLabel } from '../../components/labels';

export type Corrections = Record<string, ImportCorrection>;

/** The corrections worth sending: those that say something beyond naming the task. */
export function correctionList(corrections: Corrections): ImportCorrection[] {
  return Object.values(corrections).filter((c) => c.notATask || c.number || c.status || c.problem);
}

interface Props {
  parsed: ParsedReport;
  corrections: Corrections;
  /** The corrections the shown preview was read with. */
  applied: number;
  busy: boolean;
  onChange: (next: Corrections) => void;
  onApply: () => void;
  onClear: () => void;
}

export function ImportReview({ parsed, corrections, applied, busy, onChange, onApply, onClear }: Props) {
  const { t } = useI18n();
  const doubtful = parsed.tasks.filter((task) => (task.confidence ?? 1) < REVIEW_BELOW);
  if (!doubtful.length && !applied) return null;
  const set = (code: string, patch: Partial<ImportCorrection>) => {
    const next = { ...corrections[code], ...patch, task: code };
    onChange({ ...corrections, [code]: next });
  };
  const pending = correctionList(corrections).length;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="import-review">
      {applied > 0 && (
        <Alert type="success" showIcon title={t('import.review.applied', { n: applied })} action={<Button size="small" onClick={onClear} disabled={busy}>{t('import.review.clear')}</Button>} />
      )}
      {doubtful.length > 0 && (
        <>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('import.review.title', { n: doubtful.length })}</Typography.Title>
          <Typography.Text type="secondary">{t('import.review.hint')}</Typography.Text>
          <Table<ParsedTask>
            size="small"
            rowKey={(task) => task.code || task.problem}
            pagination={false}
            dataSource={doubtful}
            columns={[
              {
                title: t('import.review.code'),
                width: 120,
                render: (_, task) => (
                  <Input
                    aria-label={t('import.review.numberLabel', { code: task.code || '—' })}
                    placeholder={task.code || '—'}
                    value={corrections[task.code]?.number ?? ''}
                    disabled={!task.code}
                    onChange={(e) => set(task.code, { number: e.target.value.trim() || undefined })}
                  />
                ),
              },
              { title: t('import.review.problem'), render: (_, task) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{task.problem || '—'}</Typography.Paragraph> },
              {
                title: t('import.review.read'),
                width: 170,
                render: (_, task) => (
                  <Space orientation="vertical" size={0}>
                    <span>{task.status ?? '—'}</span>
                    <Tag>{statusLabel(t, task.statusCode)}</Tag>
                    <Typography.Text type="secondary">{t('import.review.confidence', { pct: Math.round((task.confidence ?? 1) * 100) })}</Typography.Text>
                  </Space>
                ),
              },
              { title: t('import.review.why'), render: (_, task) => (task.confidenceNotes ?? []).join('；') },
              {
                title: t('import.review.status'),
                width: 170,
                render: (_, task) => (
                  <Select
                    aria-label={t('import.review.statusLabel', { code: task.code || '—' })}
                    allowClear
                    disabled={!task.code}
                    style={{ width: '100%' }}
                    value={corrections[task.code]?.status}
                    onChange={(status) => set(task.code, { status })}
                    options={STATUS_CODES.map((code) => ({ value: code, label: statusLabel(t, code) }))}
                  />
                ),
              },
              {
                title: t('import.review.notTask'),
                width: 170,
                render: (_, task) => (
                  <Space orientation="vertical" size={0}>
                    <Checkbox disabled={!task.code} checked={corrections[task.code]?.notATask ?? false} onChange={(e) => set(task.code, { notATask: e.target.checked || undefined, family: e.target.checked ? corrections[task.code]?.family : undefined })}>
                      {t('import.review.notTask')}
                    </Checkbox>
                    <Checkbox disabled={!corrections[task.code]?.notATask} checked={corrections[task.code]?.family ?? false} onChange={(e) => set(task.code, { family: e.target.checked || undefined })}>
                      {t('import.review.family')}
                    </Checkbox>
                  </Space>
                ),
              },
            ]}
          />
          <Space>
            <Button onClick={onApply} disabled={busy || pending === 0} loading={busy}>{t('import.review.apply')}</Button>
          </Space>
        </>
      )}
    </Space>
  );
}
