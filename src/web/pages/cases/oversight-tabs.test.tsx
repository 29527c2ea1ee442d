import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { ListingItem, Revisit, RevisitDrawDetail, RevisitDrawItem } from '../../api/case-types';
import { AuthProvider } from '../../auth/auth';
import { I18nProvider } from '../../i18n/i18n';
import CasesPage from './CasesPage';
import { chinaDate } from '../../../core/calendar-date';
import { recentQuarters } from './quarters';

/** The API as the cases page sees it: every call recorded; reads answered from `reads`, writes by `write`. An administrator at 辽宁省. */
let calls: { method: string; url: string; body: unknown }[] = [];
let reads: Record<string, unknown>;
let write: (method: string, url: string, body: unknown) => Response;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const draw = { id: 5, quarter: '2025Q2', scopeOrgId: 4, scopeOrgName: '抚顺市', seed: '9f2c1ab07d3e4410', share: 0.1, drawnAt: '2025-07-02T01:00:00.000Z', populationSize: 24 };
const revisit = (over: Partial<Revisit> = {}): Revisit => ({
  id: 31, drawId: 5, caseId: 42, caseNo: 'D3LN202505280001', orgUnitId: 4, visitedAt: null, method: null, finding: null, satisfaction: null, relapsed: null, recordedAt: null, ...over,
});
const detail = (revisits: Revisit[]): RevisitDrawDetail => ({
  draw: { ...draw, topUps: 0 }, reproducible: true, revisits,
  quota: { quarterEnd: '2025-06-30', daysLeft: -10, status: 'met', message: null, units: [] },
});

beforeEach(() => {
  calls = [];
  reads = {
    '/api/org-units/tree': { items: [{ id: 1, parentId: null, code: 'ln', name: '辽宁省', kind: 'province', sortOrder: 0, version: 1, children: [
      { id: 4, parentId: 1, code: 'fs', name: '抚顺市', kind: 'city', sortOrder: 0, version: 1, children: [] },
    ] }] },
    '/api/settings/cases': { key: 'cases', value: { revisitShare: 0.1 }, defaults: {}, updatedAt: null },
    '/api/revisit-draws': { items: [{ ...draw, drawn: 3, visited: 1 }] satisfies RevisitDrawItem[] },
    '/api/revisit-draws/5': detail([revisit(), revisit({ id: 32, caseId: 43, caseNo: 'D3LN202505280002', visitedAt: '2025-07-10', method: 'phone', finding: '已整改', satisfaction: 'satisfied', relapsed: false })]),
  };
  write = () => json(500, { error: { code: 'INTERNAL', message: 'unexpected' } });
  vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
    if (url === '/api/auth/me') {
      return Promise.resolve(json(200, { user: { id: 1, username: 'admin', displayName: '管理员' }, memberships: [{ orgUnitId: 1, orgName: '辽宁省', role: 'admin', roleLabel: '管理员' }], csrfToken: 'csrf' }));
    }
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(init.body as string) as unknown : undefined;
    calls.push({ method, url, body });
    if (method !== 'GET') return Promise.resolve(write(method, url, body));
    const path = url.split('?')[0]!;
    return Promise.resolve(path in reads ? json(200, reads[path]) : json(404, { error: { code: 'NOT_FOUND', message: `no ${path}` } }));
  }));
});
afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

function Where() {
  const { pathname, search } = useLocation();
  return <output aria-label="address">{pathname + search}</output>;
}

const show = (path: string) => render(
  <MemoryRouter initialEntries={[path]}>
    <I18nProvider initial="zh">
      <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
        <AntApp>
          <AuthProvider>
            <Routes><Route path="/cases" element={<CasesPage />} /></Routes>
            <Where />
          </AuthProvider>
        </AntApp>
      </ConfigProvider>
    </I18nProvider>
  </MemoryRouter>,
);

const address = () => screen.getByLabelText('address').textContent;
const writes = () => calls.filter((c) => c.method !== 'GET');
const choose = async (scope: HTMLElement, label: string, option: string | RegExp) => {
  fireEvent.mouseDown(within(scope).getByRole('combobox', { name: label }));
  fireEvent.click(await screen.findByTitle(option));
};

describe('quarters', () => {
  it('count in China\'s calendar, newest first', () => {
    expect(recentQuarters('2025-05-28', 3)).toEqual(['2025Q2', '2025Q1', '2024Q4']);
    expect(recentQuarters('2024-01-01', 2)).toEqual(['2024Q1', '2023Q4']);
    expect(chinaDate(new Date('2025-03-31T17:00:00Z'))).toBe('2025-04-01');
  });
});

describe('the revisits tab', () => {
  it('lists the draws and opens one: its seed, whether the seed reproduces it, its cases', async () => {
    show('/cases?tab=revisits');
    const link = await screen.findByRole('link', { name: '2025年第2季度' });
    const row = link.closest('tr')!;
    expect(row.textContent).toContain('抚顺市');
    expect(row.textContent).toContain('9f2c1ab07d3e4410');
    expect(row.textContent).toContain('1/3 件');
    fireEvent.click(link);
    await waitFor(() => expect(address()).toBe('/cases?tab=revisits&draw=5'));
    expect((await screen.findByTestId('draw-seed')).textContent).toContain('9f2c1ab07d3e4410');
    expect(screen.getByText('用记录的种子重新抽取，结果一致')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'D3LN202505280001' }).getAttribute('href')).toBe('/cases/42?tab=oversight');
    expect(screen.getByRole('link', { name: 'D3LN202505280002' }).closest('tr')!.textContent).toContain('已整改');
    fireEvent.click(screen.getByRole('button', { name: /返回抽查列表/ }));
    await waitFor(() => expect(address()).toBe('/cases?tab=revisits'));
  });

  it('draws a quarter\'s sample after checking the scope and the share, then opens the draw', async () => {
    const current = recentQuarters(chinaDate(), 1)[0]!;
    reads['/api/revisit-draws/9'] = { ...detail([revisit({ drawId: 9 })]), draw: { ...draw, id: 9, quarter: current, seed: 'abc', share: 0.2 } };
    write = () => json(201, { ...detail([]), draw: { ...draw, id: 9 } });
    show('/cases?tab=revisits');
    fireEvent.click(await screen.findByRole('button', { name: '抽取回访样本' }));
    const form = (await screen.findByRole('button', { name: '抽取' })).closest('form')!;
    // The configured share is the default and the floor.
    await waitFor(() => expect(within(form).getByLabelText<HTMLInputElement>('抽查比例').value).toBe('10'));
    fireEvent.change(within(form).getByLabelText('抽查比例'), { target: { value: '5' } });
    fireEvent.click(within(form).getByRole('button', { name: '抽取' }));
    expect(await within(form).findByText('请选择抽查范围（单位及下级）')).toBeTruthy();
    expect(within(form).getByText('抽查比例应在 10% 到 100% 之间')).toBeTruthy();
    expect(writes()).toEqual([]);

    fireEvent.mouseDown(within(form).getByRole('combobox', { name: '抽查范围（单位及下级）' }));
    fireEvent.click(await screen.findByTitle('抚顺市'));
    await choose(form, '季度', /（进行中）$/);
    fireEvent.change(within(form).getByLabelText('抽查比例'), { target: { value: '20' } });
    fireEvent.change(within(form).getByLabelText('随机种子'), { target: { value: ' abc ' } });
    fireEvent.click(within(form).getByRole('button', { name: '抽取' }));
    await waitFor(() => expect(address()).toBe('/cases?tab=revisits&draw=9'));
    expect(writes()).toEqual([{ method: 'POST', url: '/api/revisit-draws', body: { orgUnitId: 4, quarter: current, seed: 'abc', share: 0.2 } }]);
    expect((await screen.findByTestId('draw-seed')).textContent).toContain('abc');
  });

  it('shows why the API refused a draw', async () => {
    write = () => json(409, { error: { code: 'ALREADY_EXISTS', message: '抚顺市 2025Q2 已抽查过，同一季度只抽一次' } });
    show('/cases?tab=revisits');
    fireEvent.click(await screen.findByRole('button', { name: '抽取回访样本' }));
    const form = (await screen.findByRole('button', { name: '抽取' })).closest('form')!;
    fireEvent.mouseDown(within(form).getByRole('combobox', { name: '抽查范围（单位及下级）' }));
    fireEvent.click(await screen.findByTitle('抚顺市'));
    fireEvent.click(within(form).getByRole('button', { name: '抽取' }));
    expect((await screen.findByRole('alert')).textContent).toContain('抚顺市 2025Q2 已抽查过，同一季度只抽一次');
    // Left empty, the seed is the API's to choose; the default quarter is the last full one.
    expect(writes()[0]!.body).toEqual({ orgUnitId: 4, quarter: recentQuarters(chinaDate(), 2)[1], share: 0.1 });
    expect(address()).toBe('/cases?tab=revisits');
  });

  it('records a revisit of a drawn case, showing the API\'s refusal first', async () => {
    let attempt = 0;
    write = () => (++attempt === 1
      ? json(403, { error: { code: 'FORBIDDEN', message: '您在该单位没有审核权限' } })
      : json(200, { revisit: revisit({ visitedAt: '2025-07-15' }), reopened: false, case: { id: 42, caseNo: 'D3LN202505280001', state: 'closed' } }));
    show('/cases?tab=revisits&draw=5');
    const row = (await screen.findByRole('link', { name: 'D3LN202505280001' })).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '记录回访' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('请选择回访日期')).toBeTruthy();
    expect(within(dialog).getByText('请选择回访方式')).toBeTruthy();
    expect(writes()).toEqual([]);

    const date = within(dialog).getByLabelText('回访日期');
    fireEvent.mouseDown(date);
    fireEvent.change(date, { target: { value: '2025-07-15' } });
    fireEvent.keyDown(date, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await choose(dialog, '回访方式', '电话回访');
    fireEvent.change(within(dialog).getByLabelText('复查情况'), { target: { value: ' 电话回访，群众反映已无异味 ' } });
    await choose(dialog, '群众满意度', '满意');
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('您在该单位没有审核权限');

    const before = calls.filter((c) => c.url === '/api/revisit-draws/5').length;
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已记录复查回访')).toBeTruthy();
    const body = { visitedAt: '2025-07-15', method: 'phone', finding: '电话回访，群众反映已无异味', satisfaction: 'satisfied', relapsed: false };
    expect(writes()).toEqual([{ method: 'PUT', url: '/api/revisits/31', body }, { method: 'PUT', url: '/api/revisits/31', body }]);
    // The draw is read again to show the result.
    await waitFor(() => expect(calls.filter((c) => c.url === '/api/revisit-draws/5').length).toBe(before + 1));
  });
});

describe('the listed-supervision tab', () => {
  const item: ListingItem = {
    id: 7, subjectType: 'case', subjectId: 42, level: 'city', reason: 'repeat_complaint', measures: '每周调度', deadline: '2020-01-31',
    listedAt: '2019-12-01T00:00:00.000Z', delistedAt: null, delistDecision: null, listedOrgId: 4, delistReason: null, orgUnitId: 4, orgUnitName: '抚顺市', subjectLabel: 'D3LN202505280001',
  };

  it('lists the active listings of cases with links to them; the delisted ones on request', async () => {
    reads['/api/supervision-listings'] = { items: [item] };
    show('/cases?tab=listings');
    const link = await screen.findByRole('link', { name: 'D3LN202505280001' });
    expect(link.getAttribute('href')).toBe('/cases/42?tab=oversight');
    const row = link.closest('tr')!.textContent;
    for (const text of ['抚顺市', '市级', '重复信访', '每周调度', '超期']) expect(row).toContain(text);
    expect(calls.find((c) => c.url.startsWith('/api/supervision-listings'))!.url).toBe('/api/supervision-listings?subjectType=case&active=true');

    fireEvent.click(screen.getByRole('checkbox', { name: '包括已摘牌' }));
    await waitFor(() => expect(address()).toBe('/cases?tab=listings&delisted=true'));
    await waitFor(() => expect(calls.filter((c) => c.url.startsWith('/api/supervision-listings')).at(-1)!.url).toBe('/api/supervision-listings?subjectType=case'));
  });
});
