/**
 * Create a unit's plan (整改方案) for an inspection — one per unit and inspection, owned by a unit the administrator
 * manages — or edit its title and dates at the version read. The rules are the API's (POST/PATCH /api/plans).
 */
import { Col, DatePicker, Descriptions, Form, Input, Modal, Row } from 'antd';
import type dayjs from 'dayjs';
import type { Plan } from '../../api/plan-types';
import type { AcceptanceLevel } from '../../../core/settings';
import { ChainInput, chainChanged, chainOf, useChainText } from '../../components/AcceptanceChain';
import { useI18n } from '../../i18n/i18n';
import { InspectionSelect } from '../../components/InspectionSelect';
import type { OrgScope } from './org-scope';
import { UnitPicker } from './UnitPicker';
import { fromDay, notBefore, toDay, trimmedLength, useVersionedSave, type FieldView } from '../../components/form-support';

interface Values { inspectionId?: number; ownerOrgId?: number; title: string; issuedDate?: dayjs.Dayjs | null; dueDate?: dayjs.Dayjs | null; acceptanceChain?: AcceptanceLevel[] }
const FIELDS = ['inspectionId', 'ownerOrgId', 'title', 'issuedDate', 'dueDate', 'acceptanceChain'] as const;

const valuesOf = (p: Plan | undefined, inspectionId?: number): Partial<Values> => (p
  ? { title: p.title, issuedDate: fromDay(p.issuedDate), dueDate: fromDay(p.dueDate), acceptanceChain: p.acceptanceChain ?? [] }
  : { inspectionId, acceptanceChain: [] });

interface Props {
  /** The plan being edited; absent for a new one. */
  plan?: Plan;
  /** The inspection a new plan answers (fixed), with its name; or chosen in the dialog when absent. */
  inspection?: { id: number; name: string };
  scope: OrgScope;
  onSaved: (p: Plan) => void;
  onClose: () => void;
}

export function PlanDialog({ plan, inspection, scope, onSaved, onClose }: Props) {
  const { t, formatDate } = useI18n();
  const chainText = useChainText();
  const [form] = Form.useForm<Values>();
  const views: FieldView<Plan>[] = [
    { key: 'title', label: t('planForm.title'), show: (p) => p.title },
    { key: 'issuedDate', label: t('planForm.issuedDate'), show: (p) => formatDate(p.issuedDate) },
    { key: 'dueDate', label: t('planForm.dueDate'), show: (p) => formatDate(p.dueDate) },
    { key: 'acceptanceChain', label: t('chain.field'), show: (p) => chainText(p.acceptanceChain) },
  ];

  const { busy, save, alerts } = useVersionedSave({
    form, record: plan, createUrl: '/api/plans', updateUrl: (p) => `/api/plans/${p.id}`,
    body: (v: Values) => ({ title: v.title.trim(), issuedDate: toDay(v.issuedDate), dueDate: toDay(v.dueDate) }),
    createOnly: (v: Values) => ({ inspectionId: inspection?.id ?? v.inspectionId, ownerOrgId: v.ownerOrgId, acceptanceChain: chainOf(v.acceptanceChain) }),
    // The chain goes in a PATCH only when it differs from the plan read, so an edit of the title leaves it alone.
    patchChanged: (v: Values, p: Plan) => (chainChanged(chainOf(v.acceptanceChain), p.acceptanceChain) ? { acceptanceChain: chainOf(v.acceptanceChain) } : {}),
    fields: FIELDS, valuesOf, views, onSaved,
  });

  const fixed = [
    ...(inspection ? [{ key: 'inspection', label: t('planForm.inspection'), children: inspection.name }] : []),
    ...(plan ? [{ key: 'owner', label: t('planForm.owner'), children: plan.ownerOrgName }] : []),
  ];
  return (
    <Modal open title={plan ? t('planForm.editTitle') : t('planForm.createTitle')} okText={t('common.save')} cancelText={t('common.cancel')}
      onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} width={640} destroyOnHidden>
      {alerts}
      {fixed.length > 0 && <Descriptions size="small" column={1} items={fixed} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={save} initialValues={valuesOf(plan, inspection?.id)}>
        {!plan && !inspection && (
          <Form.Item name="inspectionId" label={t('planForm.inspection')} rules={[{ required: true, message: t('planForm.inspectionRule') }]}>
            <InspectionSelect placeholder={t('planForm.inspection')} />
          </Form.Item>
        )}
        {!plan && (
          <Form.Item name="ownerOrgId" label={t('planForm.owner')} extra={t('planForm.ownerHint')} rules={[{ required: true, message: t('planForm.ownerRule') }]}>
            <UnitPicker scope={scope} placeholder={t('planForm.owner')} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('planForm.title')} extra={t('planForm.titleHint')}
          rules={[trimmedLength(2, 300, t('planForm.titleRule'))]}>
          <Input maxLength={300} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="issuedDate" label={t('planForm.issuedDate')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="dueDate" label={t('planForm.dueDate')} dependencies={['issuedDate']}
              rules={[notBefore('issuedDate', t('planForm.dueRule'))]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="acceptanceChain" label={t('chain.field')} extra={t('chain.hint')}>
          <ChainInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
