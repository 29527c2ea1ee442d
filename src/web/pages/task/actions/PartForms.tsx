/**
 * Administrators of the unit add the dated milestones (节点, which drive 序时进度) and the measured indicators of an
 * assignment, and remove one entered by mistake (at the version read).
 */
import { App, Button, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type dayjs from 'dayjs';
import { api } from '../../../api/client';
import type { Measure } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { ErrorAlert, errorMessage } from '../../../components/ErrorAlert';
import { clean, toDay, useSubmit } from '../../../components/form-support';

/** An add form: POST the values, then empty the form and tell the page. */
function useAdd<V extends object>(url: string, toBody: (v: V) => object, onAdded: () => void) {
  const [form] = Form.useForm<V>();
  const { busy, error, run } = useSubmit(() => { form.resetFields(); onAdded(); });
  const submit = (v: V) => run(() => api.post(url, toBody(v)));
  return { form, error, busy, submit };
}

interface MilestoneValues { title: string; dueDate: dayjs.Dayjs; measureId?: number; weight?: number }

export function MilestoneForm({ assignmentId, measures, onAdded }: { assignmentId: number; measures: Measure[]; onAdded: () => void }) {
  const { t } = useI18n();
  const { form, error, busy, submit } = useAdd<MilestoneValues>(`/api/assignments/${assignmentId}/milestones`,
    (v) => ({ title: v.title.trim(), dueDate: toDay(v.dueDate), measureId: v.measureId ?? null, weight: v.weight ?? undefined }), onAdded);
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }}>
      {error !== null && <ErrorAlert error={error} />}
      <Space wrap align="start" style={{ display: 'flex' }}>
        <Form.Item name="title" label={t('partForm.milestoneTitle')} rules={[{ required: true, whitespace: true }]}><Input style={{ width: 280 }} maxLength={500} /></Form.Item>
        <Form.Item name="dueDate" label={t('partForm.dueDate')} rules={[{ required: true, message: t('form.chooseRequired', { label: t('partForm.dueDate') }) }]}><DatePicker /></Form.Item>
        <Form.Item name="measureId" label={t('partForm.measure')}>
          <Select allowClear style={{ width: 200 }} options={measures.map((m, i) => ({ value: m.id, label: `${i + 1}. ${m.text.slice(0, 20)}` }))} />
        </Form.Item>
        <Form.Item name="weight" label={t('partForm.weight')} extra={t('partForm.weightHint')}><InputNumber min={0.1} max={1000} style={{ width: 100 }} /></Form.Item>
      </Space>
      <Button htmlType="submit" icon={<PlusOutlined />} loading={busy}>{t('partForm.addMilestone')}</Button>
    </Form>
  );
}

interface IndicatorValues { name: string; unit?: string; baseline?: number | null; baselineDate?: dayjs.Dayjs | null; target: number; targetDate?: dayjs.Dayjs | null; comparator?: '>=' | '<=' | '=' }

export function IndicatorForm({ assignmentId, onAdded }: { assignmentId: number; onAdded: () => void }) {
  const { t } = useI18n();
  const { form, error, busy, submit } = useAdd<IndicatorValues>(`/api/assignments/${assignmentId}/indicators`, (v) => ({
    name: v.name.trim(), unit: clean(v.unit), baseline: v.baseline ?? null, baselineDate: toDay(v.baselineDate), target: v.target,
    targetDate: toDay(v.targetDate), comparator: v.comparator ?? '>=',
  }), onAdded);
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }} initialValues={{ comparator: '>=' }}>
      {error !== null && <ErrorAlert error={error} />}
      <Space wrap align="start" style={{ display: 'flex' }}>
        <Form.Item name="name" label={t('partForm.indicatorName')} rules={[{ required: true, whitespace: true }]}><Input style={{ width: 220 }} maxLength={200} /></Form.Item>
        <Form.Item name="unit" label={t('partForm.unit')}><Input style={{ width: 90 }} maxLength={30} /></Form.Item>
        <Form.Item name="comparator" label={t('partForm.comparator')}>
          <Select style={{ width: 150 }} options={(['>=', '<=', '='] as const).map((c) => ({ value: c, label: t(`partForm.comparator.${c === '>=' ? 'ge' : c === '<=' ? 'le' : 'eq'}`) }))} />
        </Form.Item>
        <Form.Item name="target" label={t('indicator.target')} rules={[{ required: true }]}><InputNumber style={{ width: 120 }} /></Form.Item>
        <Form.Item name="targetDate" label={t('partForm.targetDate')}><DatePicker /></Form.Item>
        <Form.Item name="baseline" label={t('indicator.baseline')}><InputNumber style={{ width: 120 }} /></Form.Item>
        <Form.Item name="baselineDate" label={t('partForm.baselineDate')}><DatePicker /></Form.Item>
      </Space>
      <Button htmlType="submit" icon={<PlusOutlined />} loading={busy}>{t('partForm.addIndicator')}</Button>
    </Form>
  );
}

/** Deletes a milestone or an indicator at the version read. */
export function DeletePart({ kind, id, version, onDeleted }: { kind: 'milestones' | 'indicators'; id: number; version: number; onDeleted: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Popconfirm title={t('partForm.deleteConfirm')} okText={t('penalty.remove')} cancelText={t('common.cancel')}
      onConfirm={() => api.delete(`/api/${kind}/${id}?version=${version}`).then(onDeleted, (e: unknown) => void message.error(errorMessage(e, t)))}>
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('penalty.remove')} />
    </Popconfirm>
  );
}
