/** The share's person in charge and deadline (整改时限: a date, 立行立改, 长期坚持), set at the version read. */
import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type dayjs from 'dayjs';
import type { DeadlineKind } from '../../../../core/schedule';
import { api } from '../../../api/client';
import type { Assignment } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { clean, fromDay, toDay } from '../../../components/form-support';

interface Values { responsiblePerson?: string; deadlineKind: DeadlineKind; deadlineDate?: dayjs.Dayjs | null }
const KINDS: DeadlineKind[] = ['by_date', 'immediate', 'long_term', 'unknown'];

export function AssignmentFieldsDialog({ assignment: a, onDone, onClose }: { assignment: Assignment; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('deadlineKind', form);
  const save = (v: Values) => {
    setBusy(true);
    setError(null);
    api.patch(`/api/assignments/${a.id}`, {
      version: a.version, responsiblePerson: clean(v.responsiblePerson), deadlineKind: v.deadlineKind,
      deadlineDate: v.deadlineKind === 'by_date' || v.deadlineKind === 'long_term' ? toDay(v.deadlineDate) : null,
    }).then(() => { onDone(); onClose(); }, (e: unknown) => { setError(e); setBusy(false); });
  };
  return (
    <Modal open title={t('fields.title')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {error !== null && <ErrorAlert error={error} />}
      <Form<Values> form={form} layout="vertical" onFinish={save}
        initialValues={{ responsiblePerson: a.responsiblePerson ?? undefined, deadlineKind: a.deadlineKind, deadlineDate: fromDay(a.deadlineDate) }}>
        <Form.Item name="responsiblePerson" label={t('task.responsiblePerson')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="deadlineKind" label={t('fields.deadlineKind')} rules={[{ required: true, message: t('form.chooseRequired', { label: t('fields.deadlineKind') }) }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`fields.kind.${k}`) }))} />
        </Form.Item>
        {(kind === 'by_date' || kind === 'long_term') && (
          <Form.Item name="deadlineDate" label={t('task.deadline')} rules={[{ required: kind === 'by_date' }]}><DatePicker /></Form.Item>
        )}
      </Form>
    </Modal>
  );
}
