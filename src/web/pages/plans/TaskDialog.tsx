/**
 * Add a numbered task (整改任务) to a plan, or edit one at the version read: its code as printed, the problem as the
 * inspectors wrote it, the goal, category, deadline (a date, 立行立改, 长期坚持 or as printed), and the units and
 * person named for it. The rules are the API's (POST /api/plans/:id/tasks, PATCH /api/tasks/:id).
 */
import { AutoComplete, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type dayjs from 'dayjs';
import type { DeadlineKind } from '../../../core/schedule';
import type { Task } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { clean, fromDay, toDay, useVersionedSave, type FieldView } from '../../components/form-support';

interface TaskValues {
  code: string; number?: number | null; problem: string; goal?: string; category?: string; deadlineKind: DeadlineKind;
  deadlineDate?: dayjs.Dayjs | null; deadlineText?: string; leadUnit?: string; responsibleUnits?: string[]; responsiblePerson?: string;
  supervisingUnit?: string; acceptingUnit?: string;
}
const FIELDS = ['code', 'number', 'problem', 'goal', 'category', 'deadlineKind', 'deadlineDate', 'deadlineText', 'leadUnit', 'responsibleUnits',
  'responsiblePerson', 'supervisingUnit', 'acceptingUnit'] as const;
export const DEADLINE_KINDS: DeadlineKind[] = ['by_date', 'immediate', 'long_term', 'unknown'];
/**
 * A deadline by date needs its date (as the API checks). The kind is read when validating, not from the last render:
 * the date field may still be on screen for a moment after the kind changed.
 */
export const dateNeeded = (message: string) => ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
  validator: (_: unknown, date: unknown) => (getFieldValue('deadlineKind') !== 'by_date' || date ? Promise.resolve() : Promise.reject(new Error(message))),
});
/** A date goes with a dated deadline, and may go with a long-term one (checked from then on). */
const takesDate = (k: DeadlineKind | undefined) => k === 'by_date' || k === 'long_term';

const valuesOf = (x: Task | undefined): Partial<TaskValues> => (x ? {
  code: x.code, number: x.number, problem: x.problem, goal: x.goal ?? '', category: x.category ?? '', deadlineKind: x.deadlineKind,
  deadlineDate: fromDay(x.deadlineDate), deadlineText: x.deadlineText ?? '', leadUnit: x.leadUnit ?? '', responsibleUnits: x.responsibleUnits,
  responsiblePerson: x.responsiblePerson ?? '', supervisingUnit: x.supervisingUnit ?? '', acceptingUnit: x.acceptingUnit ?? '',
} : { deadlineKind: 'by_date', responsibleUnits: [] });

/** The fields of POST /api/plans/:id/tasks (and of PATCH, with the version): trimmed, empty text as null. */
function taskBody(v: TaskValues) {
  const units = [...new Set((v.responsibleUnits ?? []).map((u) => u.trim()).filter(Boolean))];
  return {
    code: v.code.trim(), number: v.number ?? null, problem: v.problem.trim(), goal: clean(v.goal), category: clean(v.category),
    deadlineKind: v.deadlineKind, deadlineDate: takesDate(v.deadlineKind) ? toDay(v.deadlineDate) : null, deadlineText: clean(v.deadlineText),
    leadUnit: clean(v.leadUnit), responsibleUnits: units, responsiblePerson: clean(v.responsiblePerson),
    supervisingUnit: clean(v.supervisingUnit), acceptingUnit: clean(v.acceptingUnit),
  };
}

interface Props {
  planId: number;
  /** The task being edited; absent for a new one. */
  task?: Task;
  /** Categories already used in the plan, offered while typing. */
  categories?: string[];
  onSaved: (task: Task) => void;
  onClose: () => void;
}

export function TaskDialog({ planId, task, categories = [], onSaved, onClose }: Props) {
  const { t, formatDate } = useI18n();
  const [form] = Form.useForm<TaskValues>();
  const kind = Form.useWatch('deadlineKind', form);
  const views: FieldView<Task>[] = [
    { key: 'code', label: t('taskForm.code'), show: (x) => x.code },
    { key: 'number', label: t('taskForm.number'), show: (x) => (x.number === null ? '' : String(x.number)) },
    { key: 'problem', label: t('task.problem'), show: (x) => x.problem },
    { key: 'goal', label: t('task.goal'), show: (x) => x.goal ?? '' },
    { key: 'category', label: t('task.category'), show: (x) => x.category ?? '' },
    {
      key: 'deadlineKind', label: t('task.deadline'),
      show: (x) => [t(`fields.kind.${x.deadlineKind}`), formatDate(x.deadlineDate), x.deadlineText ?? ''].filter(Boolean).join(' · '),
    },
    { key: 'leadUnit', label: t('task.leadUnit'), show: (x) => x.leadUnit ?? '' },
    { key: 'responsibleUnits', label: t('task.responsibleUnits'), show: (x) => x.responsibleUnits.join('、') },
    { key: 'responsiblePerson', label: t('task.responsiblePerson'), show: (x) => x.responsiblePerson ?? '' },
    { key: 'supervisingUnit', label: t('task.supervisingUnit'), show: (x) => x.supervisingUnit ?? '' },
    { key: 'acceptingUnit', label: t('task.acceptingUnit'), show: (x) => x.acceptingUnit ?? '' },
  ];

  const { busy, save, alerts } = useVersionedSave({
    form, record: task, createUrl: `/api/plans/${planId}/tasks`, updateUrl: (x) => `/api/tasks/${x.id}`, body: taskBody,
    fields: FIELDS, valuesOf, views, onSaved,
  });
  const max = (n: number) => ({ max: n, message: t('taskForm.maxRule', { n }) });
  const required = (message: string) => ({ required: true, whitespace: true, message });

  return (
    <Modal open title={task ? t('taskForm.editTitle', { code: task.code }) : t('taskForm.createTitle')} okText={t('common.save')} cancelText={t('common.cancel')}
      onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} width={860} destroyOnHidden>
      {alerts}
      <Form<TaskValues> form={form} layout="vertical" onFinish={save} initialValues={valuesOf(task)}>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name="code" label={t('taskForm.code')} extra={t('taskForm.codeHint')} rules={[required(t('taskForm.codeRule')), max(50)]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="number" label={t('taskForm.number')} extra={t('taskForm.numberHint')}
              rules={[{ type: 'integer', min: 0, message: t('taskForm.numberRule') }]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t('task.category')} rules={[max(50)]}>
              <AutoComplete options={categories.map((c) => ({ value: c }))} maxLength={50}
                showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="problem" label={t('task.problem')} extra={t('taskForm.problemHint')} rules={[required(t('taskForm.problemRule')), max(5000)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="goal" label={t('task.goal')} rules={[max(5000)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="deadlineKind" label={t('fields.deadlineKind')} rules={[{ required: true, message: t('form.selectRequired', { label: t('fields.deadlineKind') }) }]}>
              <Select options={DEADLINE_KINDS.map((k) => ({ value: k, label: t(`fields.kind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            {takesDate(kind) && (
              <Form.Item name="deadlineDate" label={t('taskForm.deadlineDate')} required={kind === 'by_date'} rules={[dateNeeded(t('taskForm.deadlineDateRule'))]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="deadlineText" label={t('taskForm.deadlineText')} extra={t('taskForm.deadlineTextHint')} rules={[max(100)]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="leadUnit" label={t('task.leadUnit')} rules={[max(100)]}><Input maxLength={100} /></Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="responsiblePerson" label={t('task.responsiblePerson')} rules={[max(100)]}><Input maxLength={100} /></Form.Item>
          </Col>
        </Row>
        <Form.Item name="responsibleUnits" label={t('task.responsibleUnits')} extra={t('taskForm.unitsHint')}
          rules={[{
            validator: (_: unknown, units: string[] | undefined) => {
              const list = (units ?? []).map((u) => u.trim());
              if (list.length > 50) return Promise.reject(new Error(t('taskForm.unitsCountRule')));
              if (list.some((u) => u.length > 100)) return Promise.reject(new Error(t('taskForm.maxRule', { n: 100 })));
              return Promise.resolve();
            },
          }]}>
          <Select mode="tags" tokenSeparators={['、', '，', ',', ';', '；']} open={false} suffixIcon={null} aria-label={t('task.responsibleUnits')} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="supervisingUnit" label={t('task.supervisingUnit')} rules={[max(100)]}><Input maxLength={100} /></Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="acceptingUnit" label={t('task.acceptingUnit')} rules={[max(100)]}><Input maxLength={100} /></Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
