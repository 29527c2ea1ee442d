/**
 * One plan (整改方案): what it answers, its owner and dates, and its numbered tasks in order; a task opens to show
 * its shares at units. Administrators of the plan's owner edit the plan, add and edit tasks and split them to units.
 */
import { useState } from 'react';
import { Breadcrumb, Button, Card, Descriptions, Flex, Input, Space, Table, Typography } from 'antd';
import { ApartmentOutlined, EditOutlined, ImportOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { withQuery } from '../../api/client';
import type { Inspection, Page, Task } from '../../api/types';
import type { Plan } from '../../api/plan-types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { DeadlineText } from '../../components/DeadlineText';
import { useOrgScope } from './org-scope';
import { PlanDialog } from './PlanDialog';
import { TaskDialog } from './TaskDialog';
import { TaskShares } from './TaskShares';
import { LinkedTasks } from './LinkedTasks';
import { PlanImportDialog } from './PlanImportDialog';
import { usePlanChainText } from '../../components/AcceptanceChain';

const PAGE_SIZE = 50;

export default function PlanPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const planChain = usePlanChainText();
  const { planId } = useParams();
  const navigate = useNavigate();
  const scope = useOrgScope();
  const plan = useApi<Plan>(`/api/plans/${encodeURIComponent(planId ?? '')}`);
  const inspection = useApi<Inspection>(plan.data ? `/api/inspections/${plan.data.inspectionId}` : null);
  const [page, setPage] = useState(1);
  const [q, setQ] = useState<string | undefined>();
  // Keyed by the route's planId, so the tasks load alongside the plan rather than once unfiltered before it.
  const tasks = useApi<Page<Task>>(planId ? '/api/tasks' : null, { planId, q, page, pageSize: PAGE_SIZE, sort: 'sortOrder' });
  const [editingPlan, setEditingPlan] = useState(false);
  const [taskForm, setTaskForm] = useState<'new' | Task | null>(null);
  const [expanded, setExpanded] = useState<number[]>([]);
  const [splitFor, setSplitFor] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);

  if (plan.error) return <ErrorAlert error={plan.error} onRetry={plan.reload} />;
  if (!plan.data) return <PageLoading />;
  const p = plan.data;
  const mayManage = scope.manages(p.ownerOrgId);
  const categories = [...new Set((tasks.data?.items ?? []).map((x) => x.category).filter((c): c is string => !!c))];
  const none = <Typography.Text type="secondary">{t('common.notGiven')}</Typography.Text>;
  const open = (id: number) => setExpanded((e) => (e.includes(id) ? e : [...e, id]));

  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/plans">{t('nav.plans')}</Link> }, { title: p.title }]} />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ margin: '12px 0 16px' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>{p.title}</Typography.Title>
        <Space wrap>
          <Button icon={<UnorderedListOutlined />} onClick={() => void navigate(withQuery('/ledger', { inspectionId: p.inspectionId, orgUnitId: p.ownerOrgId }))}>
            {t('plan.inLedger')}
          </Button>
          {mayManage && <Button icon={<EditOutlined />} onClick={() => setEditingPlan(true)}>{t('planForm.editTitle')}</Button>}
          {mayManage && inspection.data && <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>{t('planImport.open')}</Button>}
          {mayManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setTaskForm('new')}>{t('taskForm.createTitle')}</Button>}
        </Space>
      </Flex>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
          { key: 'inspection', label: t('planForm.inspection'), children: inspection.data?.name ?? (inspection.error ? none : '…') },
          { key: 'owner', label: t('planForm.owner'), children: p.ownerOrgName },
          { key: 'count', label: t('plan.taskCount'), children: formatNumber(p.taskCount) },
          { key: 'issued', label: t('planForm.issuedDate'), children: p.issuedDate ? formatDate(p.issuedDate) : none },
          { key: 'due', label: t('planForm.dueDate'), children: p.dueDate ? formatDate(p.dueDate) : none },
          { key: 'chain', label: t('chain.column'), children: planChain(p.acceptanceChain, inspection.data?.acceptanceChain) },
        ]} />
      </Card>
      <Card title={t('plan.tasks')} extra={<Input.Search allowClear placeholder={t('plan.searchTasks')} aria-label={t('plan.searchTasks')} style={{ width: 240 }}
        onSearch={(v) => { setQ(v.trim() || undefined); setPage(1); }} />}>
        {tasks.error ? <ErrorAlert error={tasks.error} onRetry={tasks.reload} /> : null}
        <Table<Task>
          rowKey="id"
          size="middle"
          loading={tasks.loading}
          dataSource={tasks.data?.items ?? []}
          locale={{ emptyText: mayManage ? t('plan.noTasksAdd') : t('plan.noTasks') }}
          scroll={{ x: 900 }}
          expandable={{
            expandedRowKeys: expanded,
            onExpand: (isOpen, task) => setExpanded((e) => (isOpen ? [...e, task.id] : e.filter((id) => id !== task.id))),
            expandedRowRender: (task) => (
              <>
                <TaskShares task={task} plan={p} scope={scope} splitting={splitFor === task.id} onSplit={(o) => setSplitFor(o ? task.id : null)} />
                <LinkedTasks taskId={task.id} />
              </>
            ),
          }}
          pagination={{
            current: page, pageSize: PAGE_SIZE, total: tasks.data?.total ?? 0, onChange: setPage, showSizeChanger: false,
            showTotal: (n) => t('ledger.total', { n: formatNumber(n) }),
          }}
          columns={[
            { title: t('plan.col.code'), key: 'code', width: 90, render: (_, x) => <strong>{t('task.codeLabel', { code: x.code })}</strong> },
            { title: t('task.problem'), key: 'problem', render: (_, x) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: x.problem }} style={{ margin: 0 }}>{x.problem}</Typography.Paragraph> },
            { title: t('task.category'), key: 'category', width: 120, render: (_, x) => x.category ?? '' },
            { title: t('task.deadline'), key: 'deadline', width: 140, render: (_, x) => <DeadlineText kind={x.deadlineKind} date={x.deadlineDate} text={x.deadlineText} /> },
            { title: t('task.leadUnit'), key: 'lead', width: 160, render: (_, x) => x.leadUnit ?? '' },
            ...(mayManage ? [{
              title: t('common.actions'), key: 'actions', width: 180,
              render: (_: unknown, x: Task) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setTaskForm(x)}>{t('plan.editTask')}</Button>
                  <Button type="link" size="small" icon={<ApartmentOutlined />} onClick={() => { open(x.id); setSplitFor(x.id); }}>{t('split.open')}</Button>
                </Space>
              ),
            }] : []),
          ]}
        />
      </Card>
      {importing && inspection.data && (
        <PlanImportDialog inspection={{ id: inspection.data.id, name: inspection.data.name }} ownerOrgId={p.ownerOrgId} scope={scope} onClose={() => setImporting(false)}
          onImported={() => { setImporting(false); tasks.reload(); plan.reload(); }} />
      )}
      {editingPlan && (
        <PlanDialog plan={p} inspection={inspection.data ? { id: inspection.data.id, name: inspection.data.name } : undefined} scope={scope}
          onClose={() => setEditingPlan(false)} onSaved={() => { setEditingPlan(false); plan.reload(); }} />
      )}
      {taskForm && (
        <TaskDialog planId={p.id} task={taskForm === 'new' ? undefined : taskForm} categories={categories} onClose={() => setTaskForm(null)}
          onSaved={(saved) => {
            setTaskForm(null);
            tasks.reload();
            plan.reload();
            if (taskForm === 'new') open(saved.id);
          }} />
      )}
    </>
  );
}
