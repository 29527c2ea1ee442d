/**
 * Record an inspection (督察) of a unit the administrator manages, or edit one at the version read: name (unique, the
 * report importer finds inspections by it), round, central or provincial, the inspected unit, the stationing period
 * and the feedback date. The rules are the API's (POST/PATCH /api/inspections).
 */
import { Col, DatePicker, Form, Input, Modal, Radio, Row } from 'antd';
import type dayjs from 'dayjs';
import type { Inspection } from '../../api/types';
import type { AcceptanceLevel } from '../../../core/settings';
import { ChainInput, chainChanged, chainOf, useChainText } from '../../components/AcceptanceChain';
import { useI18n } from '../../i18n/i18n';
import type { OrgScope } from './org-scope';
import { UnitPicker } from './UnitPicker';
import { fromDay, notBefore, toDay, trimmedLength, useVersionedSave, type FieldView } from '../../components/form-support';

type Kind = Inspection['kind'];
interface Values { name: string; round: string; kind: Kind; targetOrgId?: number; stationedFrom?: dayjs.Dayjs | null; stationedTo?: dayjs.Dayjs | null; feedbackDate?: dayjs.Dayjs | null; acceptanceChain?: AcceptanceLevel[] }
const FIELDS = ['name', 'round', 'kind', 'targetOrgId', 'stationedFrom', 'stationedTo', 'feedbackDate', 'acceptanceChain'] as const;
export const INSPECTION_KINDS: Kind[] = ['central', 'provincial'];

const valuesOf = (i: Inspection | undefined): Partial<Values> => (i ? {
  name: i.name, round: i.round, kind: i.kind, targetOrgId: i.targetOrgId ?? undefined,
  stationedFrom: fromDay(i.stationedFrom), stationedTo: fromDay(i.stationedTo), feedbackDate: fromDay(i.feedbackDate),
  acceptanceChain: i.acceptanceChain ?? [],
} : { kind: 'central', acceptanceChain: [] });

/** The body of POST /api/inspections (and of PATCH, with the version; the chain there only when changed). */
function inspectionBody(v: Values) {
  return {
    name: v.name.trim(), round: v.round.trim(), kind: v.kind, ...(v.targetOrgId ? { targetOrgId: v.targetOrgId } : {}),
    stationedFrom: toDay(v.stationedFrom), stationedTo: toDay(v.stationedTo), feedbackDate: toDay(v.feedbackDate),
  };
}

export function InspectionDialog({ inspection, scope, onSaved, onClose }: { inspection?: Inspection; scope: OrgScope; onSaved: (i: Inspection) => void; onClose: () => void }) {
  const { t, formatDate } = useI18n();
  const chainText = useChainText();
  const [form] = Form.useForm<Values>();
  const views: FieldView<Inspection>[] = [
    { key: 'name', label: t('inspectionForm.name'), show: (i) => i.name },
    { key: 'round', label: t('inspectionForm.round'), show: (i) => i.round },
    { key: 'kind', label: t('inspectionForm.kind'), show: (i) => t(`inspectionForm.kind.${i.kind}`) },
    { key: 'targetOrgId', label: t('inspectionForm.target'), show: (i) => scope.name(i.targetOrgId) ?? '' },
    { key: 'stationedFrom', label: t('inspectionForm.stationedFrom'), show: (i) => formatDate(i.stationedFrom) },
    { key: 'stationedTo', label: t('inspectionForm.stationedTo'), show: (i) => formatDate(i.stationedTo) },
    { key: 'feedbackDate', label: t('inspectionForm.feedbackDate'), show: (i) => formatDate(i.feedbackDate) },
    { key: 'acceptanceChain', label: t('chain.field'), show: (i) => chainText(i.acceptanceChain) },
  ];

  const { busy, save, alerts } = useVersionedSave({
    form, record: inspection, createUrl: '/api/inspections', updateUrl: (i) => `/api/inspections/${i.id}`, body: inspectionBody,
    createOnly: (v: Values) => ({ acceptanceChain: chainOf(v.acceptanceChain) }),
    patchChanged: (v: Values, i: Inspection) => (chainChanged(chainOf(v.acceptanceChain), i.acceptanceChain) ? { acceptanceChain: chainOf(v.acceptanceChain) } : {}),
    fields: FIELDS, valuesOf, views, onSaved,
  });

  return (
    <Modal open title={inspection ? t('inspectionForm.editTitle') : t('inspectionForm.createTitle')} okText={t('common.save')} cancelText={t('common.cancel')}
      onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} width={720} destroyOnHidden>
      {alerts}
      <Form<Values> form={form} layout="vertical" onFinish={save} initialValues={valuesOf(inspection)}>
        <Form.Item name="name" label={t('inspectionForm.name')} extra={t('inspectionForm.nameHint')}
          rules={[trimmedLength(2, 200, t('inspectionForm.nameRule'))]}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="round" label={t('inspectionForm.round')} rules={[trimmedLength(1, 30, t('inspectionForm.roundRule'))]}>
              <Input maxLength={30} placeholder={t('inspectionForm.roundPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="kind" label={t('inspectionForm.kind')} rules={[{ required: true, message: t('form.selectRequired', { label: t('inspectionForm.kind') }) }]}>
              <Radio.Group options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`inspectionForm.kind.${k}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="targetOrgId" label={t('inspectionForm.target')} extra={t('inspectionForm.targetHint')}
          rules={[{ required: !inspection || inspection.targetOrgId !== null, message: t('inspectionForm.targetRule') }]}>
          <UnitPicker scope={scope} placeholder={t('inspectionForm.target')} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="stationedFrom" label={t('inspectionForm.stationedFrom')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="stationedTo" label={t('inspectionForm.stationedTo')} dependencies={['stationedFrom']}
              rules={[notBefore('stationedFrom', t('inspectionForm.stationedRule'))]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="feedbackDate" label={t('inspectionForm.feedbackDate')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          </Col>
        </Row>
        <Form.Item name="acceptanceChain" label={t('chain.field')} extra={t('chain.hint')}>
          <ChainInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}

