/**
 * What a rectification office (督改办) administrator does to a case: list it for supervision (挂牌督办), delist it
 * (摘牌) with the decision — and, before the case is 办结, the reason the listing unit gives — record accountability
 * (问责) one person at a time with the measure from the standard list. Each dialog checks what the API checks
 * (src/server/routes/case-schemas.ts) before sending, shows the API's own message when it refuses, and reports success.
 */
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import type dayjs from 'dayjs';
import { LISTING_LEVELS, LISTING_REASONS, type ListingLevel, type ListingReason } from '../../../core/case';
import { ACCOUNTABILITY_MEASURES, type AccountabilityMeasure } from '../../../core/supervision';
import { api } from '../../api/client';
import type { Accountability, Listing } from '../../api/case-types';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { afterChinaToday, clean, toDay, useSubmit } from '../../components/form-support';

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
        <Form.Item name="leader" label={t('oversight.leader')} rules={[{ max: 200 }]} extra={t('supervision.listingLeaderHint')}>
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

/** 摘牌: the decision to delist, recorded with the listing; before the case is 办结, also the reason for delisting early. */
export function DelistDialog({ listing, needsReason, onDone, onClose }: { listing: Listing; needsReason: boolean; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ decision: string; reason?: string }>();
  const { busy, error, run } = useSubmit(() => { onDone(); onClose(); });
  const submit = (v: { decision: string; reason?: string }) => run(() => api.post<Listing>(`/api/supervision-listings/${listing.id}/delist`, {
    decision: v.decision.trim(), ...(needsReason ? { reason: clean(v.reason) } : {}),
  }));
  return (
    <Modal open title={t('oversight.delistAction')} okText={t('oversight.delistSubmit')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')}
      onOk={form.submit} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {error !== null && <ErrorAlert error={error} />}
      {needsReason && <Alert type="warning" showIcon title={t('supervision.earlyWarning')} style={{ marginBottom: 16 }} />}
      <Form<{ decision: string; reason?: string }> form={form} layout="vertical" onFinish={submit} name="delist">
        <Form.Item name="decision" label={t('oversight.decision')} extra={t('oversight.decisionHint')}
          rules={[{ required: true, whitespace: true }, { validator: (_, v: string | undefined) => (!v?.trim() || v.trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('oversight.decisionShort')))) }, { max: 5000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        {needsReason && (
          <Form.Item name="reason" label={t('supervision.earlyReason')} rules={[{ required: true, whitespace: true, message: t('supervision.earlyReasonRequired') }, { max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

interface AccountabilityValues {
  person?: string; position?: string; unitName?: string; measure?: AccountabilityMeasure; measureOther?: string; decidedAt?: dayjs.Dayjs | null; document?: string;
}

/** 问责: one person held accountable, position and unit, the measure from the standard list (其他 in words), the decision's date and document. */
export function AccountabilityDialog({ caseId, onDone, onClose }: { caseId: number; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<AccountabilityValues>();
  const measure = Form.useWatch('measure', form);
  const { busy, error, run } = useSubmit(() => { onDone(); onClose(); });
  const submit = (v: AccountabilityValues) => run(() => api.post<Accountability>('/api/accountability', {
    subjectType: 'case', subjectId: caseId, person: (v.person ?? '').trim(), position: clean(v.position), unitName: clean(v.unitName), measure: v.measure,
    measureOther: v.measure === 'other' ? clean(v.measureOther) : null, decidedAt: toDay(v.decidedAt), document: clean(v.document),
  }));
  return (
    <Modal open title={t('oversight.accountabilityAction')} okText={t('oversight.accountabilitySubmit')} cancelText={t('common.cancel')} onOk={form.submit}
      onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {error !== null && <ErrorAlert error={error} />}
      <Form<AccountabilityValues> form={form} layout="vertical" onFinish={submit} name="accountability">
        <Form.Item name="person" label={t('supervision.person')} rules={[{ required: true, whitespace: true }, { max: 100 }]} extra={t('supervision.accountabilityHint')}>
          <Input />
        </Form.Item>
        <Form.Item name="position" label={t('supervision.position')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="unitName" label={t('supervision.unit')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="measure" label={t('supervision.measure')} rules={[{ required: true, message: t('oversight.choose', { label: t('supervision.measure') }) }]}>
          <Select options={ACCOUNTABILITY_MEASURES.map((m) => ({ value: m, label: t(`supervision.measure.${m}`) }))} />
        </Form.Item>
        {measure === 'other' && (
          <Form.Item name="measureOther" label={t('supervision.measureOther')} extra={t('supervision.measureOtherHint')}
            rules={[{ required: true, whitespace: true, message: t('supervision.measureOtherRequired') }, { max: 500 }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="decidedAt" label={t('oversight.decidedAt')}>
          <DatePicker disabledDate={afterChinaToday} />
        </Form.Item>
        <Form.Item name="document" label={t('oversight.document')} rules={[{ max: 500 }]} extra={t('oversight.documentHint')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
