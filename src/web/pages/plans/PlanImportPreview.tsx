/**
 * The preview of a plan table's import: the plan and the higher plan it links to, what will change, each task as
 * read with the cells it came from (a cell the reader had doubts about is marked, with its note), the responsible
 * units with a decision for each name that matched nothing, and the higher task each task is linked to.
 */
import { Alert, Descriptions, List, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { CellRef } from '../../../core/report';
import type { PlanImportChoices, PlanImportPreview as Preview, PreviewTask, UnitChoice, UnitResolution } from '../../../core/plan-import';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import type { OrgScope } from './org-scope';
import { UnitPicker } from './UnitPicker';

interface Props {
  preview: Preview;
  choices: PlanImportChoices;
  onChoices: (c: PlanImportChoices) => void;
  scope: OrgScope;
}

const CHANGE_COLOR = { new: 'green', changed: 'orange', unchanged: 'default' } as const;

/** A field's value as read, with its cells; marked when a reading note points at one of them. */
function Cell({ task, field, children }: { task: PreviewTask; field: string; children: React.ReactNode }) {
  const cells: CellRef[] = task.cells[field] ?? [];
  const refs = cells.map((c) => (c.sheet ? `${c.sheet}!${c.ref}` : c.ref));
  const notes = task.warnings.filter((w) => w.cell && refs.includes(w.cell));
  const body = (
    <div data-testid={`cell-${task.code}-${field}`} className={notes.length ? 'plan-cell-warning' : undefined}
      style={notes.length ? { background: '#fff1f0', outline: '1px solid #ffa39e', padding: 2 } : undefined}>
      {children}
      {refs.length > 0 && <div><Typography.Text type="secondary" style={{ fontSize: 11 }}>{cells.map((c) => c.ref).join(' ')}</Typography.Text></div>}
    </div>
  );
  return notes.length ? <Tooltip title={notes.map((n) => n.message).join('；')}>{body}</Tooltip> : body;
}

function UnitDecision({ unit, choices, onChoices, scope, ownerOrgId }: { unit: UnitResolution; ownerOrgId: number } & Omit<Props, 'preview'>) {
  const { t } = useI18n();
  const chosen = choices.units[unit.name];
  const set = (c: UnitChoice | undefined) => {
    const units = { ...choices.units };
    if (c) units[unit.name] = c; else delete units[unit.name];
    onChoices({ ...choices, units });
  };
  const owner = scope.node(ownerOrgId);
  const action = chosen?.action ?? 'keep';
  return (
    <Space wrap>
      <Select<string> aria-label={`${t('planImport.decision')} ${unit.name}`} style={{ width: 190 }} value={action}
        onChange={(v) => set(v === 'keep' ? undefined : v === 'map' ? { action: 'map', orgUnitId: unit.candidates[0]?.id ?? ownerOrgId } : { action: v as 'create' | 'ignore' })}
        options={(['keep', 'map', 'create', 'ignore'] as const).map((a) => ({ value: a, label: t(`planImport.action.${a}` as MessageKey) }))} />
      {chosen?.action === 'map' && (
        <div style={{ width: 260 }}>
          <UnitPicker scope={scope} roots={owner ? [owner] : undefined} placeholder={t('planImport.mapTo')} value={chosen.orgUnitId}
            onChange={(v) => v && set({ action: 'map', orgUnitId: v })} />
        </div>
      )}
    </Space>
  );
}

export function PlanImportPreview({ preview, choices, onChoices, scope }: Props) {
  const { t } = useI18n();
  const p = preview;
  const parentOptions = [{ value: 0, label: t('planImport.noParent') }, ...(p.parentPlan?.tasks ?? []).map((x) => ({ value: x.id, label: `${x.code} ${x.problem.slice(0, 30)}` }))];
  const setParent = (code: string, id: number) => onChoices({ ...choices, parents: { ...choices.parents, [code]: id === 0 ? null : id } });
  const fieldLabel = (f: string) => t(`planImport.field.${f}` as MessageKey);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('planImport.previewNote')} description={t('planImport.counts', p.counts)} />
      <Descriptions size="small" column={1} items={[
        { key: 'plan', label: t('planImport.plan'), children: `${p.plan.title}（${p.plan.ownerOrgName}，${p.plan.id ? t('planImport.existingPlan') : t('planImport.newPlan')}）` },
        { key: 'parent', label: t('planImport.parentPlan'), children: p.parentPlan ? `${p.parentPlan.title}（${p.parentPlan.ownerOrgName}）` : t('planImport.noParentPlan') },
      ]} />
      {p.blockers.length > 0 && (
        <Alert type="error" showIcon title={t('planImport.blocked')} data-testid="plan-import-blockers"
          description={<ul style={{ margin: 0, paddingLeft: 20 }}>{p.blockers.map((b, i) => <li key={i}>{b}</li>)}</ul>} />
      )}
      <Typography.Title level={5}>{t('planImport.units')}</Typography.Title>
      <Table<UnitResolution> size="small" rowKey="name" dataSource={p.units} pagination={false} data-testid="plan-import-units"
        columns={[
          { title: t('planImport.unitName'), key: 'name', render: (_, u) => u.name },
          {
            title: t('planImport.unitState'), key: 'state',
            render: (_, u) => (
              <Space size={4} wrap>
                <Tag color={u.state === 'unmatched' || u.state === 'ambiguous' ? 'red' : u.state === 'create' || u.state === 'ignore' ? 'orange' : 'green'}>{t(`planImport.state.${u.state}` as MessageKey)}</Tag>
                {u.unitName ?? u.candidates.map((c) => c.name).join(' / ')}
              </Space>
            ),
          },
          { title: t('planImport.unitTasks'), key: 'tasks', render: (_, u) => u.tasks.join('、') },
          { title: t('planImport.decision'), key: 'decision', render: (_, u) => <UnitDecision unit={u} choices={choices} onChoices={onChoices} scope={scope} ownerOrgId={p.plan.ownerOrgId} /> },
        ]} />
      <Typography.Title level={5}>{t('planImport.tasks')}</Typography.Title>
      <Table<PreviewTask> size="small" rowKey="code" dataSource={p.tasks} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1200 }} data-testid="plan-import-tasks"
        columns={[
          {
            title: fieldLabel('code'), key: 'code', width: 110, fixed: 'left',
            render: (_, x) => (
              <Cell task={x} field="code">
                <strong>{x.code}</strong> <Tag color={CHANGE_COLOR[x.change]}>{t(`planImport.change.${x.change}` as MessageKey)}</Tag>
                {x.changedFields.length > 0 && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('planImport.changedFields', { fields: x.changedFields.map((f) => (f === 'units' || f === 'deadline' || f === 'measures' || f === 'problem' || f === 'goal' || f === 'category' || f === 'parent') ? fieldLabel(f) : f).join('、') })}</Typography.Text></div>}
              </Cell>
            ),
          },
          {
            title: t('planImport.parentTask'), key: 'parent', width: 200,
            render: (_, x) => p.parentPlan
              ? (
                <Cell task={x} field="parent">
                  <Select<number> aria-label={`${t('planImport.parentTask')} ${x.code}`} style={{ width: 180 }} showSearch={{ optionFilterProp: 'label' }}
                    value={Object.hasOwn(choices.parents, x.code) ? (choices.parents[x.code] ?? 0) : (x.parent?.taskId ?? 0)}
                    onChange={(v) => setParent(x.code, v)} options={parentOptions} />
                </Cell>
              )
              : x.parentCode ?? '',
          },
          { title: fieldLabel('problem'), key: 'problem', width: 260, render: (_, x) => <Cell task={x} field="problem"><Typography.Paragraph ellipsis={{ rows: 3, tooltip: x.problem }} style={{ margin: 0 }}>{x.problem}</Typography.Paragraph></Cell> },
          { title: fieldLabel('goal'), key: 'goal', width: 180, render: (_, x) => <Cell task={x} field="goal">{x.goal ?? ''}</Cell> },
          { title: fieldLabel('measures'), key: 'measures', width: 280, render: (_, x) => <Cell task={x} field="measures"><ol style={{ margin: 0, paddingLeft: 18 }}>{x.measures.map((m, i) => <li key={i}>{m}</li>)}</ol></Cell> },
          {
            title: fieldLabel('units'), key: 'units', width: 180,
            render: (_, x) => <Cell task={x} field={x.cells.units ? 'units' : 'leadUnits'}>{x.units.join('、')}</Cell>,
          },
          { title: fieldLabel('deadline'), key: 'deadline', width: 130, render: (_, x) => <Cell task={x} field="deadline">{x.deadline.text ?? ''}</Cell> },
          {
            title: t('planImport.warnings'), key: 'warnings', width: 220,
            render: (_, x) => x.warnings.length ? <ul style={{ margin: 0, paddingLeft: 18, color: '#cf1322' }}>{x.warnings.map((w, i) => <li key={i}>{w.cell ? `${w.cell} ` : ''}{w.message}</li>)}</ul> : null,
          },
        ]} />
      {p.warnings.some((w) => !w.taskCode) && (
        <Alert type="warning" showIcon title={t('planImport.warnings')}
          description={<ul style={{ margin: 0, paddingLeft: 20 }}>{p.warnings.filter((w) => !w.taskCode).map((w, i) => <li key={i}>{w.cell ? `${w.cell} ` : ''}{w.message}</li>)}</ul>} />
      )}
      {p.removed.length > 0 && (
        <List size="small" header={<strong>{t('planImport.removed')}</strong>} bordered dataSource={p.removed}
          renderItem={(r) => <List.Item>{`${r.code} ${r.problem}`}</List.Item>} />
      )}
    </Space>
  );
}
