import { useState } from 'react';
import { App, Button, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../ErrorAlert';
import { uploadEvidence } from './upload-evidence';

/** Adds evidence files to a task share or a case (`url`, the upload route), one request per file. */
export function EvidenceUpload({ url, onUploaded }: { url: string; onUploaded: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(0);
  const upload = (file: File) => {
    setBusy((n) => n + 1);
    uploadEvidence(url, file).then(
      () => { void message.success(t('evidence.uploaded', { name: file.name })); onUploaded(); },
      (e: unknown) => void message.error(`${file.name}：${errorMessage(e, t)}`),
    ).finally(() => setBusy((n) => n - 1));
    return false;
  };
  return (
    <Upload multiple showUploadList={false} beforeUpload={upload}>
      <Button icon={<UploadOutlined />} loading={busy > 0}>{t('evidence.upload')}</Button>
    </Upload>
  );
}
