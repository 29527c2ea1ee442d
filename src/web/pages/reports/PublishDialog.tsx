/**
 * Publishing to the public page. Error flags of the checks need a reason, which is kept in the audit trail;
 * complainants' personal data (absolute flags) can never be published past, so the dialog does not offer it.
 */
import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { CheckFlag } from './ChecksList';

interface Props {
  checks: CheckFlag[];
  busy: boolean;
  error: unknown;
  onPublish: (confirmReason: string | undefined) => void;
  onCancel: () => void;
}

export function PublishDialog({ checks, busy, error, onPublish, onCancel }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const errors = checks.filter((c) => c.severity === 'error');
  const blocked = errors.some((c) => c.absolute);
  const needsReason = errors.length > 0;
  return (
    <Modal
      open
      title={t('generate.publishConfirm')}
      okText={t('generate.publish')}
      cancelText={t('common.cancel')}
      onOk={() => onPublish(needsReason ? reason.trim() : undefined)}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ disabled: blocked || (needsReason && !reason.trim()) }}
    >
      <p>{t('generate.publishText')}</p>
      {error !== null && <ErrorAlert error={error} />}
      {blocked ? (
        <Alert type="error" showIcon title={t('generate.blocked')} />
      ) : needsReason ? (
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
