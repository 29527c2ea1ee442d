/**
 * Investigating and handling a case: the finding (属实/部分属实/不属实), what was done, and for 阶段性办结 the plan
 * and its date. Saving records it without a state change; the state buttons send the same fields with the action.
 */
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type dayjs from 'dayjs';
import { VERIFIED_VALUES, type Verified } from '../../../core/case';
import { api } from '../../api/client';
import type { CaseRecord } from '../../api/case-types';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clean, fromDay, toDay } from '../../components/form-support';
import { verifiedLabel } from '../../components/labels';

interface Values { verified?: Verified | null; handling?: string; stagePlan?: string; stageDue?: dayjs.Dayjs | null }
type Action = 'stage_done' | 'done' | 'reopen';

/** Which state buttons a case offers (the rules in src/core/case-state.ts decide; the API re-checks). */
const ACTIONS: Record<string, Action[]> = { handling: ['stage_done', 'done'], reopened: ['stage_done', 'done'], stage_done: ['done'], done: ['reopen'] };

export function HandlingPanel({ record, onChanged }: { record: CaseRecord; onChanged: () => void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const editable = can('writeProgress') && record.state !== 'closed';
  const fields = (v: Values) => ({
    verified: v.verified ?? null, handling: clean(v.handling), stagePlan: clean(v.stagePlan), stageDue: toDay(v.stageDue),
  });
  const send = (what: string, job: () => Promise<unknown>, done: string) => {
    setBusy(what);
    setError(null);
    job().then(() => { void message.success(done); onChanged(); }, setError).finally(() => setBusy(null));
  };
  const save = () => send('save', () => api.patch(`/api/cases/${record.id}/handling`, { ...fields(form.getFieldsValue()), version: record.version }), t('common.saved'));
  const transition = (action: Action) => send(action, () => api.post(`/api/cases/${record.id}/transitions`, { ...fields(form.getFieldsValue()), version: record.version, action }), t(`caseAction.${action}.done`));
  const actions = (ACTIONS[record.state] ?? []).filter((a) => (a === 'reopen' ? can('writeLedger') : can('writeProgress')));

  return (
    <>
      {error !== null && <ErrorAlert error={error} />}
      <Form<Values> key={record.version} form={form} layout="vertical" disabled={!editable}
        initialValues={{ verified: record.verified, handling: record.handling ?? undefined, stagePlan: record.stagePlan ?? undefined, stageDue: fromDay(record.stageDue) }}>
        <Form.Item name="verified" label={t('cases.verified')}>
          <Select allowClear style={{ width: 200 }} options={VERIFIED_VALUES.map((v) => ({ value: v, label: verifiedLabel(t, v) }))} />
        </Form.Item>
        <Form.Item name="handling" label={t('cases.handling')}>
          <Input.TextArea rows={5} maxLength={20000} />
        </Form.Item>
        <Space wrap align="start" size={16} style={{ display: 'flex' }}>
          <Form.Item name="stagePlan" label={t('cases.stagePlan')} style={{ minWidth: 360 }} extra={t('cases.stagePlanHint')}>
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
          <Form.Item name="stageDue" label={t('cases.stageDue')}>
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
      {(editable || actions.length > 0) && (
        <Space wrap>
          {editable && <Button onClick={save} loading={busy === 'save'}>{t('common.save')}</Button>}
          {actions.map((a) => (
            <Button key={a} type={a === 'done' ? 'primary' : 'default'} danger={a === 'reopen'} loading={busy === a} onClick={() => transition(a)}>{t(`caseAction.${a}`)}</Button>
          ))}
        </Space>
      )}
    </>
  );
}
