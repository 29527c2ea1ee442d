/**
 * Publishing to the public page, a deliberate act: the dialog names the report to be published (title, unit, date,
 * tasks; the full preview is on the page behind it) and which version it becomes. A report that says what its
 * latest version says cannot be published again, and the dialog says so before the click. Error flags of the checks
 * need a reason, which is kept in the audit trail; complainants' personal data (absolute flags) can never be
 * published past, so the dialog does not offer it.
 */
import { useState } from 'react';
import { Alert, Descriptions, Form, Input, Modal } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { CheckFlag } from './ChecksList';

/** What the preview answered about the report and its latest published version. */
export interface PublishPreview {
  report: { title: string; org: string; asOf: string; tasks: unknown[] };
  checks: CheckFlag[];
  published: { id: number; version: number; asOf: string | null; publishedAt: string; unchanged: boolean } | null;
}

interface Props {
  preview: PublishPreview;
  busy: boolean;
  error: unknown;
  onPublish: (confirmReason: string | undefined) => void;
  onCancel: () => void;
}

export function PublishDialog({ preview, busy, error, onPublish, onCancel }: Props) {
  const { t, formatDate } = useI18n();
  const [reason, setReason] = useState('');
  const { report, checks, published } = preview;
  const errors = checks.filter((c) => c.severity === 'error');
  const blocked = errors.some((c) => c.absolute);
  const unchanged = published?.unchanged ?? false;
  const needsReason = errors.length > 0;
  return (
    <Modal
      open
      title={t('publish.dialogTitle')}
      okText={t('generate.publish')}
      cancelText={t('common.cancel')}
      onOk={() => onPublish(needsReason ? reason.trim() : undefined)}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ disabled: blocked || unchanged || (needsReason && !reason.trim()), title: unchanged ? t('publish.unchangedShort') : undefined }}
    >
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 12 }}
        items={[
          { key: 'title', label: t('publish.what'), children: <strong>{report.title}</strong> },
          { key: 'summary', label: t('publish.version', { n: (published?.version ?? 0) + 1 }), children: t('publish.summary', { org: report.org, date: formatDate(report.asOf), tasks: report.tasks.length }) },
        ]} />
      <p>{t('generate.publishText')}</p>
      {unchanged && published ? (
        <Alert type="warning" showIcon title={t('publish.unchanged', { version: published.version, date: formatDate(published.publishedAt) })} style={{ marginBottom: 12 }} />
      ) : published ? (
        <Alert type="info" showIcon title={t('publish.nextVersion', { next: published.version + 1, version: published.version, date: formatDate(published.publishedAt) })} style={{ marginBottom: 12 }} />
      ) : (
        <Alert type="info" showIcon title={t('publish.firstVersion')} style={{ marginBottom: 12 }} />
      )}
      {error !== null && <ErrorAlert error={error} />}
      {blocked ? (
        <Alert type="error" showIcon title={t('generate.blocked')} />
      ) : needsReason && !unchanged ? (
        <Form layout="vertical">
          <Alert type="warning" showIcon title={t('generate.needsReason', { n: errors.length })} style={{ marginBottom: 12 }} />
          <Form.Item label={t('generate.reason')} htmlFor="publish-reason" required>
            <Input.TextArea id="publish-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} showCount rows={3} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
