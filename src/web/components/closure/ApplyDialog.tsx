/**
 * Applying for acceptance and closure: the evidence dossier (files can be uploaded right here, and are selected at
 * once), the lasting mechanism (required for long-term tasks), a note. 提交申请 stays disabled, saying why, until the
 * dossier has a file and a long-term task has its mechanism: nothing the server would refuse is sent.
 */
import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, Modal, Tooltip, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { uploadEvidence } from '../evidence/upload-evidence';
import { errorMessage } from '../ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../ErrorAlert';
import { clean } from '../form-support';

/** What is applied for: a task share ('assignment') or a complaint case ('case'), with the evidence it holds. */
export interface ClosureSubject {
  type: 'assignment' | 'case';
  id: number;
  evidence: { id: number; originalName: string }[];
  /** Long-term tasks must state their lasting mechanism (长效机制). */
  isLongTerm: boolean;
  /** Whether the subject is ready to apply at all (not already closed; a case must be handled first). */
  mayApply: boolean;
}

export function ApplyDialog({ subject, onDone, onClose }: { subject: ClosureSubject; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const longTerm = subject.isLongTerm;
  const [added, setAdded] = useState<{ id: number; originalName: string }[]>([]);
  const files = [...subject.evidence, ...added.filter((a) => !subject.evidence.some((e) => e.id === a.id))];
  const [evidenceIds, setEvidenceIds] = useState<number[]>(subject.evidence.map((e) => e.id));
  const [uploading, setUploading] = useState(0);
  const uploadUrl = subject.type === 'case' ? `/api/cases/${subject.id}/evidence` : `/api/assignments/${subject.id}/evidence`;
  const upload = (file: File) => {
    setUploading((n) => n + 1);
    uploadEvidence(uploadUrl, file).then((e) => {
      setAdded((list) => [...list, e]);
      setEvidenceIds((ids) => [...ids, e.id]);
    }, (e: unknown) => void message.error(`${file.name}：${errorMessage(e, t)}`)).finally(() => setUploading((n) => n - 1));
    return false;
  };
  // Files uploaded here belong to the subject whatever happens to the application: the page shows them on close.
  const close = () => { if (added.length) onDone(); onClose(); };
  const [mechanism, setMechanism] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ok = () => {
    setBusy(true);
    setError(null);
    api.post('/api/closures', {
      subjectType: subject.type, subjectId: subject.id, evidenceIds,
      longTermMechanism: clean(mechanism), comment: clean(comment),
    }).then(() => { onDone(); onClose(); }, (e: unknown) => { setError(e); setBusy(false); });
  };
  const why = evidenceIds.length === 0 ? t('closure.needEvidence') : longTerm && !mechanism.trim() ? t('closure.needMechanism') : uploading > 0 ? t('closure.uploading') : null;
  return (
    <Modal open title={t('closure.action.apply')} onCancel={close} destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
        <Tooltip key="ok" title={why}>
          <Button type="primary" onClick={ok} loading={busy} disabled={why !== null} data-testid="apply-submit">{t('closure.applySubmit')}</Button>
        </Tooltip>,
      ]}>
      {error !== null && <ErrorAlert error={error} />}
      <Form layout="vertical">
        <Form.Item label={t('closure.dossier')} extra={files.length ? t('closure.dossierHint') : t('closure.noEvidenceHere')}>
          <Checkbox.Group value={evidenceIds} onChange={(v) => setEvidenceIds(v)} options={files.map((e) => ({ value: e.id, label: e.originalName }))} />
          <div style={{ marginTop: 8 }}>
            <Upload multiple showUploadList={false} beforeUpload={upload}>
              <Button icon={<UploadOutlined />} loading={uploading > 0} data-testid="apply-upload">{t('evidence.upload')}</Button>
            </Upload>
          </div>
        </Form.Item>
        {longTerm && (
          <Form.Item label={t('closure.mechanism')} htmlFor="apply-mechanism" required extra={t('closure.mechanismHint')}>
            <Input.TextArea id="apply-mechanism" rows={3} value={mechanism} onChange={(e) => setMechanism(e.target.value)} maxLength={5000} />
          </Form.Item>
        )}
        <Form.Item label={t('closure.comment')} htmlFor="apply-comment">
          <Input.TextArea id="apply-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
