/** Penalties and measures a case led to (责令整改, 立案处罚 with the fine, 约谈, 问责…): list, add, remove a mistaken one. */
import { useState } from 'react';
import { App, Button, Empty, Form, Input, InputNumber, Popconfirm, Select, Space, Table } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { PENALTY_KINDS, type PenaltyKind } from '../../../core/case';
import { api } from '../../api/client';
import type { Penalty } from '../../api/case-types';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert';
import { clean } from '../../components/form-support';
import { penaltyLabel } from '../../components/labels';

interface Values { kind: PenaltyKind; amount?: number | null; persons?: string; note?: string }

export function PenaltiesPanel({ caseId, penalties, onChanged }: { caseId: number; penalties: Penalty[]; onChanged: () => void }) {
  const { t, formatNumber, formatDate } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const kind = Form.useWatch('kind', form);
  const add = (v: Values) => {
    setError(null);
    api.post(`/api/cases/${caseId}/penalties`, {
      kind: v.kind, amount: v.kind === 'fine' ? v.amount ?? null : null, note: clean(v.note),
      persons: (v.persons ?? '').split(/[,，、\s]+/).filter(Boolean),
    }).then(() => { form.resetFields(); onChanged(); }, setError);
  };
  const remove = (p: Penalty) => api.delete(`/api/cases/${caseId}/penalties/${p.id}`).then(onChanged, (e: unknown) => void message.error(errorMessage(e, t)));
  return (
    <>
      {penalties.length === 0 ? <Empty description={t('penalty.none')} /> : (
        <Table<Penalty> size="small" rowKey="id" dataSource={penalties} pagination={false} columns={[
          { title: t('penalty.kind'), key: 'kind', render: (_, p) => penaltyLabel(t, p.kind) },
          { title: t('penalty.amount'), key: 'amount', render: (_, p) => (p.amount !== null ? t('penalty.yuan', { n: formatNumber(p.amount) }) : '') },
          { title: t('penalty.persons'), key: 'persons', render: (_, p) => p.persons.join('、') },
          { title: t('penalty.note'), key: 'note', render: (_, p) => p.note ?? '' },
          { title: t('penalty.at'), key: 'at', width: 130, render: (_, p) => formatDate(p.createdAt) },
          ...(can('writeProgress') ? [{
            title: '', key: 'rm', width: 60,
            render: (_: unknown, p: Penalty) => (
              <Popconfirm title={t('penalty.removeConfirm')} okText={t('penalty.remove')} cancelText={t('common.cancel')} onConfirm={() => remove(p)}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('penalty.remove')} />
              </Popconfirm>
            ),
          }] : []),
        ]} />
      )}
      {can('writeProgress') && (
        <Form<Values> form={form} layout="vertical" onFinish={add} style={{ marginTop: 16 }}>
          {error !== null && <ErrorAlert error={error} />}
          <Space wrap align="start" style={{ display: 'flex' }}>
            <Form.Item name="kind" label={t('penalty.kind')} rules={[{ required: true, message: t('form.selectRequired', { label: t('penalty.kind') }) }]}>
              <Select style={{ width: 160 }} options={PENALTY_KINDS.map((k) => ({ value: k, label: penaltyLabel(t, k) }))} />
            </Form.Item>
            {kind === 'fine' && (
              <Form.Item name="amount" label={t('penalty.amountYuan')} rules={[{ required: true }]}>
                <InputNumber min={0.01} style={{ width: 160 }} />
              </Form.Item>
            )}
            <Form.Item name="persons" label={t('penalty.persons')} extra={t('penalty.personsHint')}><Input style={{ width: 220 }} /></Form.Item>
            <Form.Item name="note" label={t('penalty.note')}><Input style={{ width: 260 }} /></Form.Item>
          </Space>
          <Button htmlType="submit">{t('penalty.add')}</Button>
        </Form>
      )}
    </>
  );
}
