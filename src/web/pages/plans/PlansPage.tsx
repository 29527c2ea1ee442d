/**
 * Inspections and plans (督察与方案): the inspections related to the reader, newest first, each with the plans of
 * the units the reader can see. Administrators record and edit inspections of units they manage and create the
 * plans of those units; a plan opens to its numbered tasks.
 */
import { useState } from 'react';
import { App, Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { Inspection, Page } from '../../api/types';
import type { Plan } from '../../api/plan-types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useOrgScope, type OrgScope } from './org-scope';
import { InspectionDialog, INSPECTION_KINDS } from './InspectionDialog';
import { PlanDialog } from './PlanDialog';
import { PlanImportDialog } from './PlanImportDialog';
import { useFoldedRows } from './tree-rows';
import { useChainText, usePlanChainText } from '../../components/AcceptanceChain';

const PAGE_SIZE = 10;

function InspectionPlans({ inspection, scope }: { inspection: Inspection; scope: OrgScope }) {
  const { t, formatDate, formatNumber } = useI18n();
  const planChain = usePlanChainText();
  const { message } = App.useApp();
  const plans = useApi<Page<Plan>>('/api/plans', { inspectionId: inspection.id, pageSize: 200, sort: 'id' });
  const [editing, setEditing] = useState<Plan | null>(null);
  if (plans.error) return <ErrorAlert error={plans.error} onRetry={plans.reload} />;
  return (
    <>
      <Table<Plan>
        size="small"
        rowKey="id"
        loading={plans.loading}
        pagination={false}
        dataSource={plans.data?.items ?? []}
        locale={{ emptyText: t('plans.noPlans') }}
        data-testid={`plans-of-${inspection.id}`}
        columns={[
          { title: t('planForm.title'), key: 'title', render: (_, p) => <Link to={`/plans/${p.id}`}>{p.title}</Link> },
          { title: t('planForm.owner'), key: 'owner', render: (_, p) => p.ownerOrgName },
          { title: t('planForm.issuedDate'), key: 'issued', render: (_, p) => formatDate(p.issuedDate) },
          { title: t('planForm.dueDate'), key: 'due', render: (_, p) => formatDate(p.dueDate) },
          { title: t('plan.taskCount'), key: 'count', align: 'right', render: (_, p) => formatNumber(p.taskCount) },
          { title: t('chain.column'), key: 'chain', render: (_, p) => planChain(p.acceptanceChain, inspection.acceptanceChain) },
          {
            title: t('common.actions'), key: 'actions',
            render: (_, p) => scope.manages(p.ownerOrgId)
              ? <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(p)}>{t('plans.edit')}</Button>
              : null,
          },
        ]}
      />
      {editing && (
        <PlanDialog plan={editing} inspection={{ id: inspection.id, name: inspection.name }} scope={scope} onClose={() => setEditing(null)}
          onSaved={() => { setEditing(null); void message.success(t('common.saved')); plans.reload(); }} />
      )}
    </>
  );
}

export default function PlansPage() {
  const { t, formatDate } = useI18n();
  const chainText = useChainText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const scope = useOrgScope();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState<string | undefined>();
  const [kind, setKind] = useState<Inspection['kind'] | undefined>();
  const list = useApi<Page<Inspection>>('/api/inspections', { q, kind, page, pageSize: PAGE_SIZE, sort: 'id', order: 'desc' });
  const folding = useFoldedRows();
  const [inspectionForm, setInspectionForm] = useState<'new' | Inspection | null>(null);
  const [planFor, setPlanFor] = useState<Inspection | null>(null);
  const [importFor, setImportFor] = useState<Inspection | null>(null);
  const mayCreate = scope.managedRoots.length > 0;
  const items = list.data?.items ?? [];
  const period = (i: Inspection) => (i.stationedFrom || i.stationedTo ? `${formatDate(i.stationedFrom)} – ${formatDate(i.stationedTo)}` : '');

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} className="page-title">{t('plans.title')}</Typography.Title>
        {mayCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setInspectionForm('new')}>{t('inspectionForm.createTitle')}</Button>}
      </Flex>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t('plans.search')} aria-label={t('plans.search')} style={{ width: 260 }}
            onSearch={(v) => { setQ(v.trim() || undefined); setPage(1); }} />
          <Select allowClear placeholder={t('inspectionForm.kind')} aria-label={t('inspectionForm.kind')} style={{ width: 200 }} value={kind}
            onChange={(v) => { setKind(v); setPage(1); }} options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`inspectionForm.kind.${k}`) }))} />
        </Space>
        {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
        <Table<Inspection>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={items}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('plans.empty') }}
          expandable={{
            ...folding.expandable(items.map((i) => i.id)),
            expandedRowRender: (i) => <InspectionPlans inspection={i} scope={scope} />,
          }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('inspectionForm.name'), key: 'name', render: (_, i) => <strong>{i.name}</strong> },
            { title: t('inspectionForm.round'), key: 'round', render: (_, i) => i.round },
            { title: t('inspectionForm.kind'), key: 'kind', render: (_, i) => <Tag color={i.kind === 'central' ? 'red' : 'blue'}>{t(`inspectionForm.kind.${i.kind}`)}</Tag> },
            { title: t('inspectionForm.target'), key: 'target', render: (_, i) => scope.name(i.targetOrgId) ?? (i.targetOrgId === null ? t('plans.allUnits') : t('plans.higherUnit')) },
            { title: t('plans.stationed'), key: 'stationed', render: (_, i) => period(i) },
            { title: t('inspectionForm.feedbackDate'), key: 'feedback', render: (_, i) => formatDate(i.feedbackDate) },
            { title: t('chain.column'), key: 'chain', render: (_, i) => chainText(i.acceptanceChain) },
            ...(mayCreate ? [{
              title: t('common.actions'), key: 'actions',
              render: (_: unknown, i: Inspection) => (
                <Space size={0} wrap>
                  {scope.manages(i.targetOrgId) && (
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setInspectionForm(i)}>{t('plans.edit')}</Button>
                  )}
                  <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setPlanFor(i)}>{t('planForm.createTitle')}</Button>
                  <Button type="link" size="small" icon={<ImportOutlined />} onClick={() => setImportFor(i)}>{t('planImport.open')}</Button>
                </Space>
              ),
            }] : []),
          ]}
        />
      </Card>
      {inspectionForm && (
        <InspectionDialog inspection={inspectionForm === 'new' ? undefined : inspectionForm} scope={scope} onClose={() => setInspectionForm(null)}
          onSaved={(saved) => {
            setInspectionForm(null);
            void message.success(t('common.saved'));
            if (inspectionForm === 'new') {
              folding.unfold(saved.id);
              setPage(1);
            }
            list.reload();
          }} />
      )}
      {importFor && (
        <PlanImportDialog inspection={{ id: importFor.id, name: importFor.name }} scope={scope} onClose={() => setImportFor(null)}
          onImported={(s) => { setImportFor(null); void navigate(`/plans/${s.planId}`); }} />
      )}
      {planFor && (
        <PlanDialog inspection={{ id: planFor.id, name: planFor.name }} scope={scope} onClose={() => setPlanFor(null)}
          onSaved={(p) => { setPlanFor(null); void navigate(`/plans/${p.id}`); }} />
      )}
    </>
  );
}
