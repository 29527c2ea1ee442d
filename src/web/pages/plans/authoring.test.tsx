import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router';
import { AuthProvider, useAuth } from '../../auth/auth';
import { I18nProvider, type Locale } from '../../i18n/i18n';
import type { Inspection, Principal, Task } from '../../api/types';
import type { OrgTreeNode } from '../../api/org-tree';
import { useOrgScope, type OrgScope } from './org-scope';
import { InspectionDialog } from './InspectionDialog';
import { PlanDialog } from './PlanDialog';
import { TaskDialog } from './TaskDialog';
import { SplitDialog } from './SplitDialog';
import PlansPage from './PlansPage';

/** The API as the forms see it: the signed-in user and the org tree answered here, every other call recorded and answered by `answer`. */
let calls: { method: string; url: string; body: unknown }[] = [];
let answer: (method: string, url: string, body: unknown) => Response;
let principal: Principal;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const unit = (id: number, parentId: number | null, name: string, kind: OrgTreeNode['kind'], children: OrgTreeNode[] = []): OrgTreeNode =>
  ({ id, parentId, code: String(id), name, kind, sortOrder: id, version: 1, children });
/** An administrator of 抚顺市 (id 2, under 辽宁省 id 1) reads 抚顺市's subtree. */
const TREE = [unit(2, 1, '抚顺市', 'city', [unit(3, 2, '新抚区', 'county'), unit(4, 2, '新宾满族自治县', 'county'), unit(5, 2, '清原满族自治县', 'county')])];
const asRole = (role: string): Principal => ({
  user: { id: 7, username: 'fs-admin', displayName: '抚顺市督改办' }, csrfToken: 'csrf-1',
  memberships: [{ orgUnitId: 2, orgName: '抚顺市', role, roleLabel: role }],
});

beforeEach(() => {
  calls = [];
  principal = asRole('admin');
  answer = () => json(500, { error: { code: 'INTERNAL', message: 'unexpected' } });
  vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    if (url === '/api/auth/me') return Promise.resolve(json(200, principal));
    if (url === '/api/org-units/tree') return Promise.resolve(json(200, { items: TREE }));
    const body = init?.body ? JSON.parse(init.body as string) as unknown : undefined;
    calls.push({ method, url, body });
    return Promise.resolve(answer(method, url, body));
  }));
});
afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

/** Renders once the user and the org tree are known, as the screens do before showing their buttons. */
function WithScope({ children }: { children: (scope: OrgScope) => ReactNode }) {
  const { principal: p } = useAuth();
  const scope = useOrgScope();
  return p && scope.roots.length ? <>{children(scope)}</> : null;
}
const show = (ui: (scope: OrgScope) => ReactNode, locale: Locale = 'zh') => render(
  <MemoryRouter>
    <I18nProvider initial={locale}><AntApp><AuthProvider><WithScope>{ui}</WithScope></AuthProvider></AntApp></I18nProvider>
  </MemoryRouter>,
);

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const writes = () => calls.filter((c) => c.method !== 'GET');
/** Picks units in an antd TreeSelect: opens it and clicks the units by name. */
function pickUnits(label: string, names: string[]) {
  fireEvent.mouseDown(screen.getByRole('combobox', { name: label }));
  for (const name of names) fireEvent.click(screen.getAllByTitle(name).at(-1)!);
}
/** The date field may render a moment after the dialog's first field (its kind decides it): waits for it. */
async function typeDate(label: string, value: string) {
  const input = await screen.findByLabelText(label);
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

const INSPECTION: Inspection = {
  id: 11, name: '第三轮省级生态环境保护督察', round: '第三轮', kind: 'provincial', targetOrgId: 2, stationedFrom: '2025-03-01', stationedTo: '2025-04-01',
  feedbackDate: '2025-06-20', acceptanceChain: null, version: 3,
};
const TASK: Task = {
  id: 31, planId: 21, code: '5', number: 5, sortOrder: 0, problem: '城市黑臭水体治理不到位。', goal: '消除黑臭水体', category: '水', deadlineKind: 'by_date',
  deadlineDate: '2025-12-31', deadlineText: null, leadUnit: '市住房城乡建设局', responsibleUnits: ['新抚区'], responsiblePerson: null,
  supervisingUnit: null, acceptingUnit: null, version: 2,
};

describe('the inspection form', () => {
  it('asks for what the API requires before sending anything', async () => {
    const onSaved = vi.fn();
    show((scope) => <InspectionDialog scope={scope} onSaved={onSaved} onClose={() => undefined} />);
    await screen.findByLabelText('督察名称');
    type('督察名称', ' 督 ');
    fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
    expect(await screen.findByText('请输入 2–200 个字的督察名称')).toBeTruthy();
    expect(await screen.findByText('请输入轮次（不超过 30 个字）')).toBeTruthy();
    expect(await screen.findByText('请选择被督察单位')).toBeTruthy();
    expect(writes()).toEqual([]);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('records an inspection of a unit the administrator manages, trimmed, with its dates', async () => {
    answer = (_m, _u, body) => json(201, { ...(body as object), id: 12, version: 1 });
    const onSaved = vi.fn();
    show((scope) => <InspectionDialog scope={scope} onSaved={onSaved} onClose={() => undefined} />);
    await screen.findByLabelText('督察名称');
    type('督察名称', '  第三轮中央生态环境保护督察 ');
    type('轮次', '第三轮');
    fireEvent.click(screen.getByLabelText('省级生态环境保护督察'));
    pickUnits('被督察单位', ['抚顺市']);
    await typeDate('反馈日期', '2025-06-20');
    fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(writes()).toEqual([{
      method: 'POST', url: '/api/inspections',
      body: { name: '第三轮中央生态环境保护督察', round: '第三轮', kind: 'provincial', targetOrgId: 2, stationedFrom: null, stationedTo: null, feedbackDate: '2025-06-20', acceptanceChain: null },
    }]);
  });

  it('shows a duplicate name on the field, as the API words it', async () => {
    answer = () => json(409, { error: { code: 'ALREADY_EXISTS', message: '已有名为“第三轮省级生态环境保护督察”的督察', details: [{ field: 'name' }] } });
    show((scope) => <InspectionDialog inspection={INSPECTION} scope={scope} onSaved={() => undefined} onClose={() => undefined} />);
    await screen.findByLabelText('督察名称');
    fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
    await waitFor(() => expect(screen.getAllByText('已有名为“第三轮省级生态环境保护督察”的督察')).toHaveLength(2));
    expect(writes()[0]).toMatchObject({ method: 'PATCH', url: '/api/inspections/11', body: { version: 3, name: '第三轮省级生态环境保护督察', stationedFrom: '2025-03-01' } });
  });
});

describe('the plan form', () => {
  it('creates the plan of a managed unit for the inspection, refusing a short title and a due date before the issue date', async () => {
    answer = (_m, _u, body) => json(201, { ...(body as object), id: 21, ownerOrgName: '抚顺市', taskCount: 0, version: 1 });
    const onSaved = vi.fn();
    show((scope) => <PlanDialog inspection={{ id: 11, name: INSPECTION.name }} scope={scope} onSaved={onSaved} onClose={() => undefined} />);
    await screen.findByLabelText('方案名称');
    expect(screen.getByText(INSPECTION.name)).toBeTruthy();
    type('方案名称', '方');
    await typeDate('印发日期', '2025-08-01');
    await typeDate('完成时限', '2025-07-01');
    fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
    expect(await screen.findByText('请输入 2–300 个字的方案名称')).toBeTruthy();
    expect(await screen.findByText('请选择方案所属单位')).toBeTruthy();
    expect(await screen.findByText('完成时限不能早于印发日期')).toBeTruthy();
    expect(writes()).toEqual([]);

    type('方案名称', ' 抚顺市第三轮省级督察整改方案 ');
    await typeDate('完成时限', '2026-12-31');
    pickUnits('方案所属单位', ['抚顺市']);
    fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(writes()).toEqual([{
      method: 'POST', url: '/api/plans',
      body: { inspectionId: 11, ownerOrgId: 2, title: '抚顺市第三轮省级督察整改方案', issuedDate: '2025-08-01', dueDate: '2026-12-31', acceptanceChain: null },
    }]);
  });

  it('says so when the unit already has a plan for this inspection', async () => {
    answer = () => json(409, { error: { code: 'ALREADY_EXISTS', message: '该单位在这次督察中已有整改方案', details: [{ field: 'ownerOrgId' }] } });
    show((scope) => <PlanDialog inspection={{ id: 11, name: INSPECTION.name }} scope={scope} onSaved={() => undefined} onClose={() => undefined} />, 'en');
    await screen.findByLabelText('Title of the plan');
    type('Title of the plan', 'Plan of Fushun');
    pickUnits('Unit owning the plan', ['抚顺市']);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    // Outside Chinese the alert puts the API's words after the code's general wording; the field shows them as written.
    await waitFor(() => expect(screen.getAllByText(/该单位在这次督察中已有整改方案/)).toHaveLength(2));
    expect(screen.getByText('该单位在这次督察中已有整改方案').closest('.ant-form-item')).toBeTruthy();
  });
});

describe('the task form', () => {
  it('mirrors the API rules: code and problem required, a dated deadline needs its date, lengths capped', async () => {
    show(() => <TaskDialog planId={21} onSaved={() => undefined} onClose={() => undefined} />);
    await screen.findByLabelText('任务编号');
    type('问题', '   ');
    fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
    expect(await screen.findByText('请输入任务编号')).toBeTruthy();
    expect(await screen.findByText('请输入问题')).toBeTruthy();
    expect(await screen.findByText('按日期的整改时限须填写日期')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('任务编号').maxLength).toBe(50);
    expect(screen.getByLabelText<HTMLInputElement>('责任人').maxLength).toBe(100);
    expect(writes()).toEqual([]);
  });

  it('sends trimmed fields, empty ones as null, and the responsible units as a list', async () => {
    answer = (_m, _u, body) => json(201, { ...TASK, ...(body as object), id: 32, version: 1 });
    const onSaved = vi.fn();
    show(() => <TaskDialog planId={21} categories={['水', '大气']} onSaved={onSaved} onClose={() => undefined} />);
    await screen.findByLabelText('任务编号');
    type('任务编号', ' 7 ');
    type('问题', ' 部分县区生活垃圾填埋场渗滤液处理不达标。 ');
    type('整改目标', '   ');
    await typeDate('整改时限（日期）', '2025-12-31');
    type('时限原文', '2025 年底前');
    type('牵头单位', '市生态环境局');
    const units = screen.getByRole('combobox', { name: '责任单位' });
    fireEvent.change(units, { target: { value: '新宾满族自治县' } });
    fireEvent.keyDown(units, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.change(units, { target: { value: '清原满族自治县' } });
    fireEvent.keyDown(units, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(writes()).toEqual([{
      method: 'POST', url: '/api/plans/21/tasks',
      body: {
        code: '7', number: null, problem: '部分县区生活垃圾填埋场渗滤液处理不达标。', goal: null, category: null, deadlineKind: 'by_date', deadlineDate: '2025-12-31',
        deadlineText: '2025 年底前', leadUnit: '市生态环境局', responsibleUnits: ['新宾满族自治县', '清原满族自治县'], responsiblePerson: null,
        supervisingUnit: null, acceptingUnit: null,
      },
    }]);
  });

  it('puts the API\'s complaint about a field on that field', async () => {
    answer = () => json(409, { error: { code: 'ALREADY_EXISTS', message: '该方案中已有编号为“5”的任务', details: [{ field: 'code' }] } });
    show(() => <TaskDialog planId={21} onSaved={() => undefined} onClose={() => undefined} />);
    await screen.findByLabelText('任务编号');
    type('任务编号', '5');
    type('问题', '问题');
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '整改时限类型' }));
    fireEvent.click(await screen.findByTitle('立行立改'));
    fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
    await waitFor(() => expect(screen.getAllByText('该方案中已有编号为“5”的任务')).toHaveLength(2));
    expect(writes()[0]!.body).toMatchObject({ code: '5', deadlineKind: 'immediate', deadlineDate: null });
  });

  it('on a lost race shows what someone else changed, loads it, and saves at the new version', async () => {
    const current: Task = { ...TASK, problem: '城市黑臭水体治理不到位，返黑返臭。', deadlineDate: '2026-06-30', version: 3 };
    answer = (_m, _u, body) => ((body as { version: number }).version === 2
      ? json(409, { error: { code: 'VERSION_CONFLICT', message: '该任务已被他人修改，请刷新后再改', details: { current } } })
      : json(200, { ...current, ...(body as object), version: 4 }));
    const onSaved = vi.fn();
    show(() => <TaskDialog planId={21} task={TASK} onSaved={onSaved} onClose={() => undefined} />);
    await screen.findByLabelText('任务编号');
    type('责任人', '王某');
    fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));

    const conflict = await screen.findByTestId('conflict');
    expect(conflict.textContent).toContain('其他人已修改了此内容，您的修改尚未保存');
    expect(conflict.textContent).toContain('城市黑臭水体治理不到位，返黑返臭。');
    expect(conflict.textContent).toContain('2026年6月30日');
    expect(conflict.textContent).not.toContain('牵头单位');
    expect(onSaved).not.toHaveBeenCalled();

    fireEvent.click(within(conflict).getByRole('button', { name: '载入最新内容' }));
    await waitFor(() => expect(screen.queryByTestId('conflict')).toBeNull());
    expect(screen.getByLabelText<HTMLTextAreaElement>('问题').value).toBe('城市黑臭水体治理不到位，返黑返臭。');
    type('责任人', '王某');
    fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(writes().map((c) => [c.method, c.url, (c.body as { version: number }).version])).toEqual([['PATCH', '/api/tasks/31', 2], ['PATCH', '/api/tasks/31', 3]]);
    expect(writes()[1]!.body).toMatchObject({ problem: '城市黑臭水体治理不到位，返黑返臭。', deadlineDate: '2026-06-30', responsiblePerson: '王某' });
  });
});

describe('splitting a task to units', () => {
  it('creates one assignment per chosen unit and keeps a refused one selected with the API\'s reason', async () => {
    answer = (_m, _u, body) => ((body as { orgUnitId: number }).orgUnitId === 5
      ? json(409, { error: { code: 'ALREADY_EXISTS', message: '“清原满族自治县”已承担该任务', details: [{ field: 'orgUnitId' }] } })
      : json(201, { id: 90, ...(body as object) }));
    const onChanged = vi.fn();
    const onClose = vi.fn();
    show((scope) => <SplitDialog task={{ id: 31, code: '5' }} ownerOrgId={2} shares={[{ id: 80, orgUnitId: 3, parentId: null }]} scope={scope} onChanged={onChanged} onClose={onClose} />);
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('分解任务5');
    expect(dialog.textContent).toContain('由抚顺市直接分解');
    fireEvent.click(screen.getByRole('button', { name: /分\s?解/ }));
    expect(await screen.findByText('请至少选择一个单位')).toBeTruthy();
    expect(writes()).toEqual([]);

    pickUnits('承担单位', ['新宾满族自治县', '清原满族自治县']);
    // 新抚区 already holds the task: shown, not selectable.
    expect(screen.getAllByTitle('新抚区').at(-1)!.closest('.ant-select-tree-treenode')!.className).toContain('disabled');
    fireEvent.click(screen.getByRole('button', { name: /分\s?解/ }));
    expect(await screen.findByText(/已分解到 1 个单位，以下单位未成功/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('清原满族自治县：“清原满族自治县”已承担该任务');
    expect(writes()).toEqual([
      { method: 'POST', url: '/api/assignments', body: { taskId: 31, orgUnitId: 4, parentId: null } },
      { method: 'POST', url: '/api/assignments', body: { taskId: 31, orgUnitId: 5, parentId: null } },
    ]);
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('splits under the share of the plan owner by default, with a deadline set here', async () => {
    answer = (_m, _u, body) => json(201, { id: 91, ...(body as object) });
    const onClose = vi.fn();
    show((scope) => <SplitDialog task={{ id: 31, code: '5' }} ownerOrgId={2} shares={[{ id: 80, orgUnitId: 2, parentId: null }]} scope={scope} onChanged={() => undefined} onClose={onClose} />);
    await screen.findByRole('dialog');
    pickUnits('承担单位', ['新抚区']);
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '整改时限类型' }));
    fireEvent.click(await screen.findByTitle('立行立改'));
    fireEvent.click(screen.getByRole('button', { name: /分\s?解/ }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(writes()).toEqual([{ method: 'POST', url: '/api/assignments', body: { taskId: 31, orgUnitId: 3, parentId: 80, deadlineKind: 'immediate', deadlineDate: null } }]);
  });
});

describe('the inspections and plans screen', () => {
  const PROVINCE_INSPECTION: Inspection = { ...INSPECTION, id: 10, name: '第二轮中央生态环境保护督察', kind: 'central', targetOrgId: 1, version: 1 };
  const list = (url: string) => {
    if (url.startsWith('/api/inspections')) return json(200, { items: [INSPECTION, PROVINCE_INSPECTION], total: 2, page: 1, pageSize: 10 });
    if (url.includes('inspectionId=11')) return json(200, { items: [{ id: 21, inspectionId: 11, ownerOrgId: 2, ownerOrgName: '抚顺市', title: '抚顺市整改方案', issuedDate: null, dueDate: null, taskCount: 3, acceptanceChain: null, version: 1 }], total: 1, page: 1, pageSize: 200 });
    return json(200, { items: [{ id: 20, inspectionId: 10, ownerOrgId: 1, ownerOrgName: '辽宁省', title: '辽宁省整改方案', issuedDate: null, dueDate: null, taskCount: 60, acceptanceChain: null, version: 1 }], total: 1, page: 1, pageSize: 200 });
  };

  /** Role queries are slow on antd tables in jsdom: find by text, then look at the row's buttons. */
  const rowOf = (name: string) => screen.getByText(name).closest('tr')!;
  const buttons = (row: HTMLElement) => [...row.querySelectorAll('button:not(.ant-table-row-expand-icon)')].map((b) => b.textContent?.replace(/\s/g, ''));

  it('offers an administrator to edit only what their units own', async () => {
    answer = (_m, url) => list(url);
    show(() => <PlansPage />);
    await screen.findByText('辽宁省整改方案');
    await screen.findByText('抚顺市整改方案');
    expect(screen.getByText('辽宁省整改方案').closest('a')!.getAttribute('href')).toBe('/plans/20');
    expect(screen.getByText('新增督察').closest('button')).toBeTruthy();
    // The city's inspection and plan are its own; the province's are read only.
    expect(buttons(rowOf(INSPECTION.name))).toEqual(['编辑', '新增整改方案', '导入整改方案']);
    expect(buttons(rowOf(PROVINCE_INSPECTION.name))).toEqual(['新增整改方案', '导入整改方案']);
    expect(buttons(rowOf('抚顺市整改方案'))).toEqual(['编辑']);
    expect(buttons(rowOf('辽宁省整改方案'))).toEqual([]);
    expect(rowOf(PROVINCE_INSPECTION.name).textContent).toContain('上级单位');
  });

  it('shows a viewer the same lists without any button to change them', async () => {
    principal = asRole('viewer');
    answer = (_m, url) => list(url);
    show(() => <PlansPage />, 'en');
    await screen.findByText('抚顺市整改方案');
    await screen.findByText('辽宁省整改方案');
    expect(screen.queryByText('New inspection')).toBeNull();
    for (const name of [INSPECTION.name, PROVINCE_INSPECTION.name, '抚顺市整改方案', '辽宁省整改方案']) expect(buttons(rowOf(name))).toEqual([]);
  });
});
