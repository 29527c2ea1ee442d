/** The acceptance chain of inspections and plans (issue #17): chosen in order in their forms, shown on the plans screen. */
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router';
import { AuthProvider, useAuth } from '../../auth/auth';
import { I18nProvider, type Locale } from '../../i18n/i18n';
import type { Inspection, Principal } from '../../api/types';
import type { Plan } from '../../api/plan-types';
import type { OrgTreeNode } from '../../api/org-tree';
import { useOrgScope, type OrgScope } from './org-scope';
import { InspectionDialog } from './InspectionDialog';
import { PlanDialog } from './PlanDialog';
import PlansPage from './PlansPage';

/** The API as the forms see it: the signed-in user and the org tree answered here, every other call recorded and answered by `answer`. */
let calls: { method: string; url: string; body: unknown }[] = [];
let answer: (method: string, url: string, body: unknown) => Response;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const unit = (id: number, parentId: number | null, name: string, kind: OrgTreeNode['kind'], children: OrgTreeNode[] = []): OrgTreeNode =>
  ({ id, parentId, code: String(id), name, kind, sortOrder: id, version: 1, children });
/** An administrator of 抚顺市 (id 2, under 辽宁省 id 1). */
const TREE = [unit(2, 1, '抚顺市', 'city', [unit(3, 2, '新抚区', 'county')])];
const PRINCIPAL: Principal = {
  user: { id: 7, username: 'fs-admin', displayName: '抚顺市督改办' }, csrfToken: 'csrf-1',
  memberships: [{ orgUnitId: 2, orgName: '抚顺市', role: 'admin', roleLabel: 'admin' }],
};

beforeEach(() => {
  calls = [];
  answer = () => json(500, { error: { code: 'INTERNAL', message: 'unexpected' } });
  vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    if (url === '/api/auth/me') return Promise.resolve(json(200, PRINCIPAL));
    if (url === '/api/org-units/tree') return Promise.resolve(json(200, { items: TREE }));
    const body = init?.body ? JSON.parse(init.body as string) as unknown : undefined;
    calls.push({ method, url, body });
    return Promise.resolve(answer(method, url, body));
  }));
});
afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

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
const writes = () => calls.filter((c) => c.method !== 'GET');
const save = () => fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }));
/** Chooses levels in the chain's multiple select, one after another (the option is the last element with that title). */
function chooseLevels(names: string[]) {
  fireEvent.mouseDown(screen.getByRole('combobox', { name: '验收层级（按顺序）' }));
  for (const name of names) fireEvent.click(screen.getAllByTitle(name).at(-1)!);
}
const preview = () => screen.getByTestId('chain-preview').textContent;

const INSPECTION: Inspection = {
  id: 11, name: '第三轮省级生态环境保护督察', round: '第三轮', kind: 'provincial', targetOrgId: 2, stationedFrom: null, stationedTo: null,
  feedbackDate: null, acceptanceChain: null, version: 3,
};
const PLAN: Plan = {
  id: 21, inspectionId: 11, ownerOrgId: 2, ownerOrgName: '抚顺市', title: '抚顺市整改方案', issuedDate: null, dueDate: null, taskCount: 3,
  acceptanceChain: ['county', 'city'], version: 4,
};

describe('the acceptance chain in the inspection form', () => {
  it('sends the levels in the order chosen, and spells the chain out before saving', async () => {
    answer = (_m, _u, body) => json(200, { ...INSPECTION, ...(body as object), version: 4 });
    const onSaved = vi.fn();
    show((scope) => <InspectionDialog inspection={INSPECTION} scope={scope} onSaved={onSaved} onClose={() => undefined} />);
    await screen.findByLabelText('督察名称');
    expect(preview()).toBe('使用系统设置');
    chooseLevels(['县级验收', '市级验收', '省级审核']);
    await waitFor(() => expect(preview()).toBe('验收顺序：县级验收 → 市级验收 → 省级审核'));
    save();
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(writes()).toHaveLength(1);
    expect(writes()[0]).toMatchObject({ method: 'PATCH', url: '/api/inspections/11', body: { version: 3, acceptanceChain: ['county', 'city', 'province'] } });
  });

  it('records a new inspection with no chain as null: the setting decides', async () => {
    answer = (_m, _u, body) => json(201, { ...INSPECTION, ...(body as object), id: 12, version: 1 });
    const onSaved = vi.fn();
    show((scope) => <InspectionDialog scope={scope} onSaved={onSaved} onClose={() => undefined} />);
    await screen.findByLabelText('督察名称');
    fireEvent.change(screen.getByLabelText('督察名称'), { target: { value: '第三轮中央生态环境保护督察' } });
    fireEvent.change(screen.getByLabelText('轮次'), { target: { value: '第三轮' } });
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '被督察单位' }));
    fireEvent.click(screen.getAllByTitle('抚顺市').at(-1)!);
    save();
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(writes()).toEqual([expect.objectContaining({ method: 'POST', url: '/api/inspections', body: expect.objectContaining({ acceptanceChain: null }) })]);
  });
});

describe('the acceptance chain in the plan form', () => {
  it('leaves the chain out of a PATCH that does not change it', async () => {
    answer = (_m, _u, body) => json(200, { ...PLAN, ...(body as object), version: 5 });
    const onSaved = vi.fn();
    show((scope) => <PlanDialog plan={PLAN} inspection={{ id: 11, name: INSPECTION.name }} scope={scope} onSaved={onSaved} onClose={() => undefined} />);
    await screen.findByLabelText('方案名称');
    expect(preview()).toBe('验收顺序：县级验收 → 市级验收');
    fireEvent.change(screen.getByLabelText('方案名称'), { target: { value: '抚顺市整改方案（修订）' } });
    save();
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(writes()).toEqual([{ method: 'PATCH', url: '/api/plans/21', body: { title: '抚顺市整改方案（修订）', issuedDate: null, dueDate: null, version: 4 } }]);
  });

  it('sends a reordered chain in the new order', async () => {
    answer = (_m, _u, body) => json(200, { ...PLAN, ...(body as object), version: 5 });
    const onSaved = vi.fn();
    show((scope) => <PlanDialog plan={PLAN} scope={scope} onSaved={onSaved} onClose={() => undefined} />);
    await screen.findByLabelText('方案名称');
    // Taking 县级验收 off and on again puts it last.
    chooseLevels(['县级验收', '县级验收']);
    await waitFor(() => expect(preview()).toBe('验收顺序：市级验收 → 县级验收'));
    save();
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(writes()[0]!.body).toMatchObject({ acceptanceChain: ['city', 'county'], version: 4 });
  });

  it('goes back to the system setting: the PATCH carries null', async () => {
    answer = (_m, _u, body) => json(200, { ...PLAN, ...(body as object), version: 5 });
    const onSaved = vi.fn();
    show((scope) => <PlanDialog plan={PLAN} scope={scope} onSaved={onSaved} onClose={() => undefined} />);
    await screen.findByLabelText('方案名称');
    fireEvent.click(screen.getByRole('button', { name: '使用系统设置' }));
    await waitFor(() => expect(preview()).toBe('使用系统设置'));
    save();
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(writes()).toEqual([{ method: 'PATCH', url: '/api/plans/21', body: { title: '抚顺市整改方案', issuedDate: null, dueDate: null, acceptanceChain: null, version: 4 } }]);
  });
});

describe('the acceptance chain on the plans screen', () => {
  it('shows each inspection\'s chain, and each plan\'s own or its inspection\'s', async () => {
    const chained: Inspection = { ...INSPECTION, acceptanceChain: ['county', 'city', 'province'] };
    const plain: Inspection = { ...INSPECTION, id: 10, name: '第二轮中央生态环境保护督察', kind: 'central' };
    answer = (_m, url) => {
      if (url.startsWith('/api/inspections')) return json(200, { items: [chained, plain], total: 2, page: 1, pageSize: 10 });
      if (url.includes('inspectionId=11')) return json(200, { items: [{ ...PLAN, acceptanceChain: null }], total: 1, page: 1, pageSize: 200 });
      return json(200, { items: [{ ...PLAN, id: 20, inspectionId: 10, title: '另一方案', acceptanceChain: ['city', 'province'] }], total: 1, page: 1, pageSize: 200 });
    };
    show(() => <PlansPage />);
    const row = (text: string) => screen.getByText(text).closest('tr')!.textContent;
    await screen.findByText('抚顺市整改方案');
    await screen.findByText('另一方案');
    expect(row(chained.name)).toContain('县级验收 → 市级验收 → 省级审核');
    expect(row(plain.name)).toContain('按系统设置');
    expect(row('抚顺市整改方案')).toContain('同督察（县级验收 → 市级验收 → 省级审核）');
    expect(row('另一方案')).toContain('市级验收 → 省级审核');
  });
});
