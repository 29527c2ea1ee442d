/**
 * What a rectification office (督改办) administrator does to a case: list it for supervision (挂牌督办), delist it
 * (摘牌) with the decision, record accountability (问责). Each dialog checks what the API checks
 * (src/server/routes/case-schemas.ts) before sending, shows the API's own message when it refuses, and reports success.
 */
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type dayjs from 'dayjs';
import { LISTING_LEVELS, LISTING_REASONS, type ListingLevel, type ListingReason } from '../../../core/case';
import { api } from '../../api/client';
import type { Accountability, Listing } from '../../api/case-types';
import { useI18n, type I18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clean, toDay, useSubmit } from '../../components/form-support';

/** Names typed into one field: separated by 、 , ， ; ； or new lines (a person's name may contain a space). */
export function splitNames(text: string | undefined): string[] {
  return (text ?? '').split(/[、,，;；\n]+/).map((s) => s.trim()).filter(Boolean);
}


/** A rule for a list of names: at least `min`, at most `max`, each at most `each` characters. */
function namesRule(t: I18n['t'], { min, max, each }: { min: number; max: number; each: number }) {
  return {
    validator: (_: unknown, value: string | undefined) => {
      const names = splitNames(value);
      if (names.length < min) return Promise.reject(new Error(t('oversight.personsRequired')));
      if (names.length > max) return Promise.reject(new Error(t('oversight.tooManyNames', { max })));
      const long = names.find((n) => n.length > each);
      return long ? Promise.reject(new Error(t('oversight.nameTooLong', { name: long, max: each }))) : Promise.resolve();
    },
  };
}

interface ListingValues { level: ListingLevel; reason: ListingReason; leader?: string; measures?: string; deadline?: dayjs.Dayjs | null }

/** 挂牌督办: level, reason, the leader in personal charge (领导包案), measures, a deadline. */
export function ListingDialog({ caseId, onDone, onClose }: { caseId: number; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ListingValues>();
  const { busy, error, run } = useSubmit(() => { onDone(); onClose(); });
  const submit = (v: ListingValues) => run(() => api.post<Listing>('/api/supervision-listings', {
    subjectType: 'case', subjectId: caseId, level: v.level, reason: v.reason, leader: clean(v.leader), measures: clean(v.measures), deadline: toDay(v.deadline),
  }));
  return (
    <Modal open title={t('oversight.listAction')} okText={t('oversight.listSubmit')} cancelText={t('common.cancel')} onOk={form.submit} onCancel={onClose}
      confirmLoading={busy} destroyOnHidden>
      {error !== null && <ErrorAlert error={error} />}
      <Form<ListingValues> form={form} layout="vertical" onFinish={submit} name="listing">
        <Form.Item name="level" label={t('oversight.level')} rules={[{ required: true, message: t('oversight.choose', { label: t('oversight.level') }) }]} extra={t('oversight.levelHint')}>
          <Select options={LISTING_LEVELS.map((l) => ({ value: l, label: t(`listing.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('oversight.reason')} rules={[{ required: true, message: t('oversight.choose', { label: t('oversight.reason') }) }]}>
          <Select options={LISTING_REASONS.map((r) => ({ value: r, label: t(`listing.reason.${r}`) }))} />
        </Form.Item>
        <Form.Item name="leader" label={t('oversight.leader')} rules={[{ max: 200 }]} extra={t('oversight.leaderHint')}>
          <Input />
        </Form.Item>
        <Form.Item name="measures" label={t('oversight.measures')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="deadline" label={t('oversight.deadline')}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 摘牌: the decision to delist, recorded with the listing. */
export function DelistDialog({ listing, onDone, onClose }: { listing: Listing; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ decision: string }>();
  const { busy, error, run } = useSubmit(() => { onDone(); onClose(); });
  const submit = (v: { decision: string }) => run(() => api.post<Listing>(`/api/supervision-listings/${listing.id}/delist`, { decision: v.decision.trim() }));
  return (
    <Modal open title={t('oversight.delistAction')} okText={t('oversight.delistSubmit')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')}
      onOk={form.submit} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {error !== null && <ErrorAlert error={error} />}
      <Form<{ decision: string }> form={form} layout="vertical" onFinish={submit} name="delist">
        <Form.Item name="decision" label={t('oversight.decision')} extra={t('oversight.decisionHint')}
          rules={[{ required: true, whitespace: true }, { validator: (_, v: string | undefined) => (!v?.trim() || v.trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('oversight.decisionShort')))) }, { max: 5000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface AccountabilityValues { persons?: string; units?: string; measures?: string; decidedAt?: dayjs.Dayjs | null; document?: string }

/** 问责: who was held accountable, which units, the measures, the decision's date and document. */
export function AccountabilityDialog({ caseId, onDone, onClose }: { caseId: number; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<AccountabilityValues>();
  const { busy, error, run } = useSubmit(() => { onDone(); onClose(); });
  const submit = (v: AccountabilityValues) => run(() => api.post<Accountability>('/api/accountability', {
    subjectType: 'case', subjectId: caseId, persons: splitNames(v.persons), units: splitNames(v.units), measures: (v.measures ?? '').trim(),
    decidedAt: toDay(v.decidedAt), document: clean(v.document),
  }));
  return (
    <Modal open title={t('oversight.accountabilityAction')} okText={t('oversight.accountabilitySubmit')} cancelText={t('common.cancel')} onOk={form.submit}
      onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {error !== null && <ErrorAlert error={error} />}
      <Form<AccountabilityValues> form={form} layout="vertical" onFinish={submit} name="accountability">
        <Form.Item name="persons" label={t('oversight.persons')} required rules={[namesRule(t, { min: 1, max: 100, each: 100 })]} extra={t('penalty.personsHint')}>
          <Input />
        </Form.Item>
        <Form.Item name="units" label={t('oversight.units')} rules={[namesRule(t, { min: 0, max: 50, each: 200 })]} extra={t('penalty.personsHint')}>
          <Input />
        </Form.Item>
        <Form.Item name="measures" label={t('oversight.accountabilityMeasures')} rules={[{ required: true, whitespace: true }, { max: 5000 }]} extra={t('oversight.accountabilityMeasuresHint')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="decidedAt" label={t('oversight.decidedAt')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="document" label={t('oversight.document')} rules={[{ max: 500 }]} extra={t('oversight.documentHint')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
