/**
 * Recording a revisit (复查回访) of a drawn case through PUT /api/revisits/:id: when, how, what was found, what the
 * complainant said, and whether the problem is back (a relapse reopens the case). Used on the draw and on the case page.
 */
import { useState } from 'react';
import { App, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { REVISIT_METHODS, SATISFACTION_VALUES, type RevisitMethod, type Satisfaction } from '../../../core/case';
import { api } from '../../api/client';
import type { CaseRecord, Revisit } from '../../api/case-types';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { afterChinaToday, fromDay } from '../../components/form-support';

interface Values { visitedAt?: dayjs.Dayjs | null; method?: RevisitMethod; finding?: string; satisfaction?: Satisfaction | null; relapsed?: boolean }
interface RevisitResult { revisit: Revisit; reopened: boolean; case: CaseRecord }

export function RevisitDialog({ revisit, caseNo, onDone, onClose }: { revisit: Revisit; caseNo?: string; onDone: (r: RevisitResult) => void; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = (v: Values) => {
    setBusy(true);
    setError(null);
    api.put<RevisitResult>(`/api/revisits/${revisit.id}`, {
      visitedAt: v.visitedAt!.format('YYYY-MM-DD'), method: v.method, finding: (v.finding ?? '').trim(), satisfaction: v.satisfaction ?? null, relapsed: v.relapsed === true,
    }).then((r) => {
      setBusy(false);
      if (r.reopened) void message.warning(t('revisit.reopened', { caseNo: r.case.caseNo }));
      else void message.success(t('revisit.recorded'));
      onDone(r);
      onClose();
    }, (e: unknown) => { setError(e); setBusy(false); });
  };
  const no = caseNo ?? revisit.caseNo;
  return (
    <Modal open title={no ? t('revisit.titleOf', { caseNo: no }) : t('revisit.title')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={form.submit}
      onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {error !== null && <ErrorAlert error={error} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} name="revisit" initialValues={{
        visitedAt: fromDay(revisit.visitedAt), method: revisit.method ?? undefined, finding: revisit.finding ?? undefined,
        satisfaction: revisit.satisfaction ?? undefined, relapsed: revisit.relapsed === true,
      }}>
        <Form.Item name="visitedAt" label={t('revisit.visitedAt')} rules={[{ required: true, message: t('oversight.choose', { label: t('revisit.visitedAt') }) }]}>
          <DatePicker disabledDate={afterChinaToday} />
        </Form.Item>
        <Form.Item name="method" label={t('revisit.method')} rules={[{ required: true, message: t('oversight.choose', { label: t('revisit.method') }) }]}>
          <Select options={REVISIT_METHODS.map((m) => ({ value: m, label: t(`revisit.method.${m}`) }))} />
        </Form.Item>
        <Form.Item name="finding" label={t('revisit.finding')} rules={[{ required: true, whitespace: true }, { max: 5000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="satisfaction" label={t('revisit.satisfaction')}>
          <Select allowClear options={SATISFACTION_VALUES.map((s) => ({ value: s, label: t(`revisit.satisfaction.${s}`) }))} />
        </Form.Item>
        <Form.Item name="relapsed" valuePropName="checked" extra={t('revisit.relapsedHint')}>
          <Checkbox>{t('revisit.relapsed')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
