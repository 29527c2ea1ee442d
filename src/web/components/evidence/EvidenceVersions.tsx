/**
 * A task file's versions and the changes its unit may make: replace it with a new version (every version is kept),
 * withdraw it with a reason (soft), and see each version with who, when, hash, size and the closures that pinned it.
 */
import { useState } from 'react';
import { App, Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../ErrorAlert';
import { TextDialog } from '../TextDialog';
import { uploadEvidence } from './upload-evidence';
import { evidenceUrl, formatBytes } from './evidence-format';

interface Version {
  id: number; version: number; name: string; sha256: string; size: number; uploadedAt: string; uploadedBy: string | null;
  withdrawnAt: string | null; withdrawReason: string | null; current: boolean; pinnedBy: number[];
}

function VersionsDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { data, loading } = useApi<{ versions: Version[] }>(`/api/evidence/${id}/versions`);
  return (
    <Modal open title={t('evidence.versions')} onCancel={onClose} footer={null} width="min(1000px, 96vw)" destroyOnHidden>
      <Table<Version>
        size="small" rowKey="id" loading={loading} dataSource={data?.versions ?? []} pagination={false} scroll={{ x: 800 }}
        columns={[
          { title: t('evidence.version'), key: 'v', width: 70, render: (_, v) => `v${v.version}` },
          { title: t('evidence.name'), key: 'name', render: (_, v) => <a href={evidenceUrl(v.id)} download={v.name}>{v.name}</a> },
          { title: t('evidence.uploadedAt'), key: 'at', width: 170, render: (_, v) => `${formatDateTime(v.uploadedAt)} · ${v.uploadedBy ?? ''}` },
          { title: t('evidence.size'), key: 'size', width: 90, render: (_, v) => formatBytes(v.size, formatNumber) },
          { title: 'SHA-256', key: 'hash', width: 130, render: (_, v) => <Typography.Text code copyable={{ text: v.sha256 }}>{v.sha256.slice(0, 12)}</Typography.Text> },
          {
            title: t('evidence.state'), key: 'state', width: 200,
            render: (_, v) => (
              <Space wrap>
                {v.current && <Tag color="success">{t('evidence.current')}</Tag>}
                {v.withdrawnAt && <Tag color="error" title={v.withdrawReason ?? ''}>{t('evidence.withdrawnOn', { date: formatDateTime(v.withdrawnAt) })}</Tag>}
                {v.pinnedBy.length > 0 && <Tag color="purple">{t('evidence.pinned', { n: v.pinnedBy.length })}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Modal>
  );
}

/** The actions on one task file: versions, replace, withdraw. */
export function EvidenceVersionActions({ id, name, mayChange, onChanged }: { id: number; name: string; mayChange: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [showing, setShowing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [busy, setBusy] = useState(false);
  const replace = (file: File) => {
    setBusy(true);
    uploadEvidence(`/api/evidence/${id}/versions`, file).then(
      () => { void message.success(t('evidence.replaced', { name })); onChanged(); },
      (e: unknown) => void message.error(`${file.name}：${errorMessage(e, t)}`),
    ).finally(() => setBusy(false));
    return false;
  };
  return (
    <>
      <Button size="small" onClick={() => setShowing(true)}>{t('evidence.versions')}</Button>
      {mayChange && (
        <>
          <Upload showUploadList={false} beforeUpload={replace}>
            <Button size="small" loading={busy} aria-label={t('evidence.replaceOf', { name })}>{t('evidence.replace')}</Button>
          </Upload>
          <Button size="small" danger onClick={() => setWithdrawing(true)} aria-label={t('evidence.withdrawOf', { name })}>{t('evidence.withdraw')}</Button>
        </>
      )}
      {showing && <VersionsDialog id={id} onClose={() => setShowing(false)} />}
      {withdrawing && (
        <TextDialog
          title={t('evidence.withdrawOf', { name })} label={t('closure.reason')} okText={t('evidence.withdraw')} required danger
          onSubmit={async (reason) => { await api.post(`/api/evidence/${id}/withdraw`, { reason }); onChanged(); }}
          onClose={() => setWithdrawing(false)}
        />
      )}
    </>
  );
}
