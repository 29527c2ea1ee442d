/** Evidence (佐证材料): each file with preview (images inline, PDFs and text in a frame) and download. */
import { useState, type ReactNode } from 'react';
import { Button, Empty, Modal, Space, Table } from 'antd';
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import type { Evidence } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { EvidenceVersionActions } from './EvidenceVersions';
import { evidenceUrl, formatBytes } from './evidence-format';

/** What the API serves inline (?inline=1): raster images and PDF; anything else is only downloaded. */
const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);
const previewable = (e: EvidenceFile) => INLINE.has(e.mediaType);

/** An evidence file as task and case pages list it; `ownerType` only on a task's (its own or a progress report's). */
type EvidenceFile = Pick<Evidence, 'id' | 'size' | 'mediaType' | 'originalName' | 'uploadedAt'> & { ownerType?: string };

function Preview({ file, onClose }: { file: EvidenceFile; onClose: () => void }) {
  const { t } = useI18n();
  const src = evidenceUrl(file.id, true);
  return (
    <Modal open title={file.originalName} onCancel={onClose} footer={null} width="min(1000px, 96vw)" destroyOnHidden>
      {file.mediaType.startsWith('image/')
        ? <img src={src} alt={file.originalName} style={{ maxWidth: '100%', display: 'block', margin: '0 auto' }} />
        : <iframe src={src} title={t('evidence.previewOf', { name: file.originalName })} className="evidence-frame" />}
    </Modal>
  );
}

/**
 * `manage`: on a task's page, its own files (not a progress report's) get versions, replace and withdraw;
 * `mayChange` says whether the reader's unit may still change them (a closed share may not).
 */
export function EvidenceList({ evidence, upload, manage }: { evidence: EvidenceFile[]; upload?: ReactNode; manage?: { mayChange: boolean; onChanged: () => void } }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const [previewing, setPreviewing] = useState<EvidenceFile | null>(null);
  return (
    <>
      {upload && <div style={{ marginBottom: 12 }}>{upload}</div>}
      {evidence.length === 0 ? <Empty description={t('task.noEvidence')} /> : <Table<EvidenceFile>
        size="small"
        rowKey="id"
        dataSource={evidence}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          { title: t('evidence.name'), key: 'name', render: (_, e) => e.originalName },
          ...(evidence.some((e) => e.ownerType) ? [{ title: t('evidence.owner'), key: 'owner', width: 110, render: (_: unknown, e: EvidenceFile) => (e.ownerType === 'progress_report' ? t('evidence.ofProgress') : t('evidence.ofTask')) }] : []),
          { title: t('evidence.size'), key: 'size', width: 100, render: (_, e) => formatBytes(e.size, formatNumber) },
          { title: t('evidence.uploadedAt'), key: 'at', width: 170, render: (_, e) => formatDateTime(e.uploadedAt) },
          {
            title: t('common.actions'), key: 'actions', width: manage ? 420 : 200,
            render: (_, e) => (
              <Space>
                {previewable(e) && (
                  <Button size="small" icon={<EyeOutlined />} onClick={() => setPreviewing(e)} aria-label={t('evidence.previewOf', { name: e.originalName })}>
                    {t('evidence.preview')}
                  </Button>
                )}
                <Button size="small" icon={<DownloadOutlined />} href={evidenceUrl(e.id)} download={e.originalName} aria-label={t('evidence.downloadOf', { name: e.originalName })}>
                  {t('evidence.download')}
                </Button>
                {manage && e.ownerType === 'assignment' && <EvidenceVersionActions id={e.id} name={e.originalName} mayChange={manage.mayChange} onChanged={manage.onChanged} />}
              </Space>
            ),
          },
        ]}
      />}
      {previewing && <Preview file={previewing} onClose={() => setPreviewing(null)} />}
    </>
  );
}
