/** Reporting rounds (调度): every round that concerns the reader, and opening a new one for a unit's subtree. */
import { useState } from 'react';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type dayjs from 'dayjs';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InspectionSelect } from '../../components/InspectionSelect';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';

export interface Round {
  id: number; name: string; cycle: string; periodStart: string; periodEnd: string; dueDate: string; scopeOrgId: number; scopeOrgName: string;
  inspectionId: number | null; state: string; createdAt: string; version: number;
}
interface OpenValues { scopeOrgId: number; inspectionId?: number; cycle?: string; referenceDate?: dayjs.Dayjs; dueDate?: dayjs.Dayjs; name?: string }
const CYCLES = ['weekly', 'monthly', 'quarterly'] as const;

function OpenRoundForm({ onOpened }: { onOpened: (r: Round) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<OpenValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = (v: OpenValues) => {
    setBusy(true);
    setError(null);
    api.post<Round>('/api/rounds', {
      scopeOrgId: v.scopeOrgId, inspectionId: v.inspectionId ?? null, cycle: v.cycle, name: v.name?.trim() || undefined,
      referenceDate: v.referenceDate?.format('YYYY-MM-DD'), dueDate: v.dueDate?.format('YYYY-MM-DD'),
    }).then(onOpened, setError).finally(() => setBusy(false));
  };
  return (
    <Card size="small" title={t('rounds.open')} style={{ marginBottom: 16 }}>
      {error !== null && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Row gutter={12}>
          <Col xs={24} md={8}><Form.Item name="scopeOrgId" label={t('rounds.scope')} rules={[{ required: true, message: t('form.chooseRequired', { label: t('rounds.scope') }) }]} extra={t('rounds.scopeHint')}><OrgTreeSelect placeholder={t('rounds.scope')} /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="inspectionId" label={t('rounds.inspection')} extra={t('rounds.inspectionHint')}><InspectionSelect placeholder={t('rounds.inspection')} /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item name="cycle" label={t('rounds.cycle')} extra={t('rounds.cycleHint')}><Select allowClear options={CYCLES.map((c) => ({ value: c, label: t(`settings.option.${c}`) }))} /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item name="referenceDate" label={t('rounds.referenceDate')} extra={t('rounds.referenceHint')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={8}><Form.Item name="name" label={t('rounds.name')} extra={t('rounds.nameHint')}><Input maxLength={100} /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item name="dueDate" label={t('rounds.dueDate')} extra={t('rounds.dueHint')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy}>{t('rounds.openSubmit')}</Button>
      </Form>
    </Card>
  );
}

export default function RoundsPage() {
  const { t, formatDate } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = useApi<{ items: Round[] }>('/api/rounds');
  return (
    <>
      <Typography.Title level={2} className="page-title">{t('rounds.title')}</Typography.Title>
      {can('writeLedger') && <OpenRoundForm onOpened={(r) => void navigate(`/rounds/${r.id}`)} />}
      <Card>
        {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
        <Table<Round> rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items ?? []} locale={{ emptyText: t('rounds.empty') }} scroll={{ x: 800 }}
          columns={[
            { title: t('rounds.name'), key: 'name', render: (_, r) => <Link to={`/rounds/${r.id}`}>{r.name}</Link> },
            { title: t('rounds.scope'), key: 'scope', render: (_, r) => r.scopeOrgName },
            { title: t('rounds.period'), key: 'period', render: (_, r) => `${formatDate(r.periodStart)} – ${formatDate(r.periodEnd)}` },
            { title: t('rounds.dueDate'), key: 'due', render: (_, r) => formatDate(r.dueDate) },
            { title: t('rounds.state'), key: 'state', render: (_, r) => <Tag color={r.state === 'open' ? 'processing' : 'default'}>{r.state === 'open' ? t('rounds.stateOpen') : t('rounds.stateClosed')}</Tag> },
          ]} />
      </Card>
    </>
  );
}
