/**
 * 领导包案 on a case: an administrator records a leader taking personal charge (name, position, unit, the day) and then
 * each visit or instruction (day, kind, content). The dialogs check what the API checks (not in the future, not before
 * the charge) and show the API's own message when it refuses.
 */
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type dayjs from 'dayjs';
import { LEADER_ACTION_KINDS, type LeaderActionKind } from '../../../core/supervision';
import { api } from '../../api/client';
import type { LeaderCharge } from '../../api/case-types';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { afterChinaToday, chinaToday, clean, toDay, useSubmit } from '../../components/form-support';

interface ChargeValues { leaderName?: string; position?: string; unitName?: string; assignedOn?: dayjs.Dayjs | null }

export function LeaderChargeDialog({ caseId, onDone, onClose }: { caseId: number; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ChargeValues>();
  const { busy, error, run } = useSubmit(() => { onDone(); onClose(); });
  const submit = (v: ChargeValues) => run(() => api.post<LeaderCharge>('/api/leader-charges', {
    subjectType: 'case', subjectId: caseId, leaderName: (v.leaderName ?? '').trim(), position: clean(v.position), unitName: clean(v.unitName), assignedOn: toDay(v.assignedOn),
  }));
  return (
    <Modal open title={t('supervision.leaderAction')} okText={t('supervision.leaderSubmit')} cancelText={t('common.cancel')} onOk={form.submit} onCancel={onClose}
      confirmLoading={busy} destroyOnHidden>
      {error !== null && <ErrorAlert error={error} />}
      <Form<ChargeValues> form={form} layout="vertical" onFinish={submit} name="leaderCharge" initialValues={{ assignedOn: chinaToday() }}>
        <Form.Item name="leaderName" label={t('supervision.leaderName')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="position" label={t('supervision.position')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="unitName" label={t('supervision.unit')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="assignedOn" label={t('supervision.assignedOn')} rules={[{ required: true, message: t('oversight.choose', { label: t('supervision.assignedOn') }) }]}>
          <DatePicker disabledDate={afterChinaToday} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ActionValues { actedOn?: dayjs.Dayjs | null; kind?: LeaderActionKind; content?: string }

export function LeaderActionDialog({ charge, onDone, onClose }: { charge: LeaderCharge; onDone: () => void; onClose: () => void }) {
  const { t, formatDate } = useI18n();
  const [form] = Form.useForm<ActionValues>();
  const { busy, error, run } = useSubmit(() => { onDone(); onClose(); });
  const submit = (v: ActionValues) => run(() => api.post(`/api/leader-charges/${charge.id}/actions`, { actedOn: toDay(v.actedOn), kind: v.kind, content: (v.content ?? '').trim() }));
  const notBeforeCharge = {
    validator: (_: unknown, d: dayjs.Dayjs | null | undefined) => (!d || !charge.assignedOn || d.format('YYYY-MM-DD') >= charge.assignedOn
      ? Promise.resolve() : Promise.reject(new Error(t('supervision.dateBeforeCharge', { date: formatDate(charge.assignedOn) })))),
  };
  return (
    <Modal open title={t('supervision.actionTitle', { name: charge.leaderName })} okText={t('supervision.actionSubmit')} cancelText={t('common.cancel')} onOk={form.submit}
      onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {error !== null && <ErrorAlert error={error} />}
      <Form<ActionValues> form={form} layout="vertical" onFinish={submit} name="leaderAction">
        <Form.Item name="actedOn" label={t('supervision.actedOn')} rules={[{ required: true, message: t('oversight.choose', { label: t('supervision.actedOn') }) }, notBeforeCharge]}>
          <DatePicker disabledDate={afterChinaToday} />
        </Form.Item>
        <Form.Item name="kind" label={t('supervision.actionKind')} rules={[{ required: true, message: t('oversight.choose', { label: t('supervision.actionKind') }) }]}>
          <Select options={LEADER_ACTION_KINDS.map((k) => ({ value: k, label: t(`supervision.action.${k}`) }))} />
        </Form.Item>
        <Form.Item name="content" label={t('supervision.actionContent')} extra={t('supervision.actionContentHint')} rules={[{ required: true, whitespace: true }, { max: 5000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
