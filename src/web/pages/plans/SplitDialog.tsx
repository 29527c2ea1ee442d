/**
 * Split a task to units (分解到市县/部门): one assignment per chosen unit (POST /api/assignments), either straight
 * from the plan's owner (units in its subtree) or under a share the user administers (units below that share's unit).
 * The deadline is the task's (or the parent share's) unless another is set here. Units already holding the task are
 * greyed out; a unit the API refuses stays selected with the API's reason, the others are created.
 */
import { useState } from 'react';
import { Alert, App, DatePicker, Form, Modal, Select, Space, Typography } from 'antd';
import type dayjs from 'dayjs';
import type { DeadlineKind } from '../../../core/schedule';
import { api } from '../../api/client';
import type { Assignment } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../components/ErrorAlert';
import type { OrgScope } from './org-scope';
import { UnitsPicker } from './UnitPicker';
import { toDay } from '../../components/form-support';
import { DEADLINE_KINDS, dateNeeded } from './TaskDialog';

/** What the dialog needs of a share that already exists. */
export type Share = Pick<Assignment, 'id' | 'orgUnitId' | 'parentId'>;

interface Values { parentId: number; orgUnitIds: number[]; deadlineKind?: DeadlineKind; deadlineDate?: dayjs.Dayjs | null }

interface Props {
  task: { id: number; code: string };
  /** The unit owning the task's plan: splitting without a parent share starts from it (not needed with `parent`). */
  ownerOrgId?: number;
  /** The task's shares the user can see. */
  shares: Share[];
  /** Split under this share only (from the share's own page). */
  parent?: Share;
  scope: OrgScope;
  /** After each round of creating (some may have been refused): refresh the lists. */
  onChanged: () => void;
  onClose: () => void;
}

/** The choices of "split from": the plan owner (0) when the user administers it, and every share the user administers that has units below it. */
export function parentChoices(scope: OrgScope, ownerOrgId: number | undefined, shares: Share[], parent?: Share): { value: number; unitId: number }[] {
  if (parent) return [{ value: parent.id, unitId: parent.orgUnitId }];
  const below = (id: number) => (scope.node(id)?.children.length ?? 0) > 0;
  return [
    ...(ownerOrgId !== undefined && scope.manages(ownerOrgId) ? [{ value: 0, unitId: ownerOrgId }] : []),
    ...shares.filter((s) => scope.manages(s.orgUnitId) && below(s.orgUnitId)).map((s) => ({ value: s.id, unitId: s.orgUnitId })),
  ];
}

export function SplitDialog({ task, ownerOrgId, shares, parent, scope, onChanged, onClose }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<{ unitId: number; error: unknown }[]>([]);
  const [created, setCreated] = useState(0);
  const kind = Form.useWatch('deadlineKind', form);
  const parentId = Form.useWatch('parentId', form);
  const choices = parentChoices(scope, ownerOrgId, shares, parent);
  const ownerShare = ownerOrgId === undefined ? undefined : shares.find((s) => s.orgUnitId === ownerOrgId);
  const initialParent = parent?.id ?? (ownerShare && choices.some((c) => c.value === ownerShare.id) ? ownerShare.id : choices[0]?.value);
  const chosen = choices.find((c) => c.value === (parentId ?? initialParent));
  const within = chosen ? scope.node(chosen.unitId) : undefined;
  const taken = new Set(shares.map((s) => s.orgUnitId));
  const unitName = (id: number) => scope.name(id) ?? `#${id}`;

  const save = async (v: Values) => {
    setBusy(true);
    setFailures([]);
    const failed: { unitId: number; error: unknown }[] = [];
    let made = 0;
    const deadline = v.deadlineKind
      ? { deadlineKind: v.deadlineKind, deadlineDate: v.deadlineKind === 'by_date' || v.deadlineKind === 'long_term' ? toDay(v.deadlineDate) : null }
      : {};
    // One at a time, in the order chosen: each is its own audited write, and a refusal leaves the others standing.
    for (const orgUnitId of v.orgUnitIds) {
      try {
        await api.post<Assignment>('/api/assignments', { taskId: task.id, orgUnitId, parentId: v.parentId || null, ...deadline });
        made += 1;
      } catch (e) {
        failed.push({ unitId: orgUnitId, error: e });
      }
    }
    setBusy(false);
    setCreated((n) => n + made);
    if (made > 0) onChanged();
    if (failed.length === 0) {
      void message.success(t('split.done', { n: made }));
      onClose();
      return;
    }
    setFailures(failed);
    form.setFieldsValue({ orgUnitIds: failed.map((f) => f.unitId) });
  };

  return (
    <Modal open title={t('split.title', { code: task.code })} okText={t('split.submit')} cancelText={t('common.cancel')}
      onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} width={640} destroyOnHidden
      okButtonProps={{ disabled: choices.length === 0 }}>
      {choices.length === 0 && <Alert type="info" showIcon title={t('split.nothing')} style={{ marginBottom: 16 }} />}
      {failures.length > 0 && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }}
          title={created > 0 ? t('split.partly', { n: created }) : t('split.failed')}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{failures.map((f) => <li key={f.unitId}>{t('split.failure', { unit: unitName(f.unitId), reason: errorMessage(f.error, t) })}</li>)}</ul>} />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ parentId: initialParent, orgUnitIds: [] }}>
        <Form.Item name="parentId" label={t('split.from')} extra={t('split.fromHint')} hidden={choices.length <= 1} rules={[{ required: true, message: t('form.selectRequired', { label: t('split.from') }) }]}>
          <Select aria-label={t('split.from')} onChange={() => form.setFieldsValue({ orgUnitIds: [] })}
            options={choices.map((c) => ({ value: c.value, label: c.value === 0 ? t('split.fromOwner', { unit: unitName(c.unitId) }) : t('split.fromShare', { unit: unitName(c.unitId) }) }))} />
        </Form.Item>
        {choices.length === 1 && chosen && (
          <Typography.Paragraph type="secondary">
            {chosen.value === 0 ? t('split.fromOwner', { unit: unitName(chosen.unitId) }) : t('split.fromShare', { unit: unitName(chosen.unitId) })}
          </Typography.Paragraph>
        )}
        <Form.Item name="orgUnitIds" label={t('split.units')} extra={t('split.unitsHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('split.unitsRule') }]}>
          <UnitsPicker scope={scope} roots={within ? [within] : []} placeholder={t('split.units')}
            disabled={(n) => taken.has(n.id) || (chosen !== undefined && chosen.value !== 0 && n.id === chosen.unitId)} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="deadlineKind" label={t('fields.deadlineKind')} extra={t('split.deadlineHint')}>
            <Select allowClear placeholder={t('split.inherit')} style={{ width: 220 }} aria-label={t('fields.deadlineKind')}
              options={DEADLINE_KINDS.map((k) => ({ value: k, label: t(`fields.kind.${k}`) }))} />
          </Form.Item>
          {(kind === 'by_date' || kind === 'long_term') && (
            <Form.Item name="deadlineDate" label={t('taskForm.deadlineDate')} required={kind === 'by_date'} rules={[dateNeeded(t('taskForm.deadlineDateRule'))]}>
              <DatePicker />
            </Form.Item>
          )}
        </Space>
      </Form>
    </Modal>
  );
}
