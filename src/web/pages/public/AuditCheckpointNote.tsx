/**
 * The newest checkpoint of the audit chain on the public page: its sequence number and head hash, which anyone may
 * note down; `rectify audit verify` later proves the recorded history still reaches that head unchanged.
 */
import { Typography } from 'antd';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';

interface Checkpoint { seq: number; hash: string; at: string }

export function AuditCheckpointNote() {
  const { t, formatDateTime } = useI18n();
  const { data } = useApi<{ checkpoint: Checkpoint | null }>('/api/public/audit-checkpoint');
  const c = data?.checkpoint;
  if (!c) return null;
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: 24, fontSize: 12 }} data-testid="audit-checkpoint">
      {t('public.checkpoint', { seq: c.seq, at: formatDateTime(c.at) })}{' '}
      <Typography.Text code copyable={{ text: c.hash }} style={{ fontSize: 12 }}>{c.hash.slice(0, 16)}…</Typography.Text>
    </Typography.Paragraph>
  );
}
