/** Applying for acceptance and closure: the evidence dossier, the lasting mechanism (required for long-term tasks), a note. */
import { useState } from 'react';
import { Checkbox, Form, Input, Modal } from 'antd';
import { api } from '../../api/client';
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
  const longTerm = subject.isLongTerm;
  const [evidenceIds, setEvidenceIds] = useState<number[]>(subject.evidence.map((e) => e.id));
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
  return (
    <Modal open title={t('closure.action.apply')} okText={t('closure.applySubmit')} cancelText={t('common.cancel')} onOk={ok} onCancel={onClose}
      confirmLoading={busy} okButtonProps={{ disabled: longTerm && !mechanism.trim() }} destroyOnHidden>
      {error !== null && <ErrorAlert error={error} />}
      <Form layout="vertical">
        <Form.Item label={t('closure.dossier')} extra={subject.evidence.length ? t('closure.dossierHint') : t('closure.noEvidence')}>
          <Checkbox.Group value={evidenceIds} onChange={(v) => setEvidenceIds(v)} options={subject.evidence.map((e) => ({ value: e.id, label: e.originalName }))} />
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
