import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { ReactNode } from 'react';
import { useApi } from '../../api/use-api';
import { AuthProvider } from '../../auth/auth';
import { I18nProvider, type Locale } from '../../i18n/i18n';
import { RequireAuth } from '../../components/RequireAuth';
import type { ManagedUser } from '../../api/types';
import AccountPage from './AccountPage';
import { UserTokensDialog } from '../admin/UserTokensDialog';

/** The API as the pages see it: every call recorded; `routes` answers by "METHOD url" (query strings dropped). */
type Call = { method: string; url: string; body: unknown };
let calls: Call[] = [];
let routes: Record<string, (call: Call) => Response>;
let mustChange = false;
const json = (status: number, body: unknown) => new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const principal = (over: object = {}) => ({
  user: { id: 7, username: 'qingyuan', displayName: '清原县填报人' }, csrfToken: 'csrf', mustChangePassword: mustChange,
  memberships: [{ orgUnitId: 3, orgName: '清原县', role: 'reporter', roleLabel: '填报人', complainantDetails: true }], ...over,
});

beforeEach(() => {
  calls = [];
  mustChange = false;
  routes = { 'GET /api/auth/me': () => json(200, principal()) };
  vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const call = { method, url, body: init?.body ? JSON.parse(init.body as string) as unknown : undefined };
    if (url !== '/api/auth/me') calls.push(call);
    const handler = routes[`${method} ${url.split('?')[0]}`];
    return Promise.resolve(handler ? handler(call) : json(500, { error: { code: 'INTERNAL', message: `unexpected ${method} ${url}` } }));
  }));
});
afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

function show(element: ReactNode, locale: Locale = 'zh') {
  return render(
    <MemoryRouter initialEntries={['/here']}>
      <I18nProvider initial={locale}>
        <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} button={{ autoInsertSpace: false }}>
          <AntApp>
            <AuthProvider>
              <Routes><Route path="/here" element={<RequireAuth>{element}</RequireAuth>} /></Routes>
            </AuthProvider>
          </AntApp>
        </ConfigProvider>
      </I18nProvider>
    </MemoryRouter>,
  );
}

const type = (label: string, value: string, scope: HTMLElement = document.body) => fireEvent.change(within(scope).getByLabelText(label), { target: { value } });
const writes = () => calls.filter((c) => c.method !== 'GET');

/** A page that loads something from the API (here: the ledger), as any signed-in screen does. */
function Ledger() {
  const { data } = useApi<{ total: number }>('/api/cases');
  return <p>{data ? `共 ${data.total} 件` : '…'}</p>;
}

describe('the forced password change', () => {
  it('stands before every signed-in page at first sign-in, and leads on to the page once the password is changed', async () => {
    mustChange = true;
    routes['POST /api/auth/password'] = () => json(204, null);
    routes['POST /api/auth/sign-in'] = () => { mustChange = false; return json(200, principal()); };
    routes['GET /api/cases'] = () => json(200, { total: 3 });
    show(<Ledger />);
    expect(await screen.findByText('请先设置您自己的密码')).toBeTruthy();
    expect(screen.queryByText(/共 3 件/)).toBeNull();
    expect(calls.filter((c) => c.url.startsWith('/api/cases'))).toEqual([]);

    type('当前密码', 'Initial-Pass-2025');
    type('新密码', 'Initial-Pass-2025');
    type('再次输入新密码', 'Initial-Pass-2025');
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText('新密码不能与当前密码相同')).toBeTruthy();
    expect(writes()).toEqual([]);

    type('新密码', 'river-lantern-copper-78');
    type('再次输入新密码', 'river-lantern-copper-78');
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText('共 3 件')).toBeTruthy();
    expect(writes()).toEqual([
      { method: 'POST', url: '/api/auth/password', body: { currentPassword: 'Initial-Pass-2025', newPassword: 'river-lantern-copper-78' } },
      // The change ended every session: this browser signs in again with the new password.
      { method: 'POST', url: '/api/auth/sign-in', body: { username: 'qingyuan', password: 'river-lantern-copper-78' } },
    ]);
  });

  it('shows the policy\'s refusal and stays; an answer PASSWORD_CHANGE_REQUIRED from any call brings the page up', async () => {
    routes['GET /api/cases'] = () => json(403, { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '管理员为您设置的初始密码须先修改' } });
    routes['POST /api/auth/password'] = () => json(400, { error: { code: 'VALIDATION_FAILED', message: '密码太容易猜到：请勿使用常见密码或拼音' } });
    show(<Ledger />);
    expect(await screen.findByText('请先设置您自己的密码')).toBeTruthy();
    type('当前密码', 'Initial-Pass-2025');
    type('新密码', 'woaini1314520');
    type('再次输入新密码', 'woaini1314520');
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText(/密码太容易猜到/)).toBeTruthy();
    expect(writes().map((c) => c.url)).toEqual(['/api/auth/password']);
    expect(screen.getByText('请先设置您自己的密码')).toBeTruthy();
  });

  it('reads in English', async () => {
    mustChange = true;
    show(<Ledger />, 'en');
    expect(await screen.findByText('Set your own password first')).toBeTruthy();
    expect(screen.getByLabelText('Current password')).toBeTruthy();
  });
});

const token = (over: object = {}) => ({
  id: 1, name: '统计系统', scope: 'read', createdAt: '2026-11-01T02:00:00.000Z', expiresAt: '2099-01-30T02:00:00.000Z', lastUsedAt: null, revokedAt: null, ...over,
});

describe('my account', () => {
  it('lists my tokens with scope, expiry and last use; creates one with a scope and expiry and shows its secret once', async () => {
    let list = [token(), token({ id: 2, name: '旧接口', scope: 'write', lastUsedAt: '2026-11-20T03:00:00.000Z', revokedAt: '2026-11-21T03:00:00.000Z' })];
    routes['GET /api/tokens'] = () => json(200, { items: list, total: list.length, page: 1, pageSize: 100 });
    routes['POST /api/tokens'] = () => {
      list = [token({ id: 3, name: '数据大屏', scope: 'write', expiresAt: '2099-02-01T00:00:00.000Z' }), ...list];
      return json(201, { id: 3, name: '数据大屏', scope: 'write', expiresAt: '2099-02-01T00:00:00.000Z', token: 'rt_secret_shown_once' });
    };
    show(<AccountPage />);
    expect(await screen.findByText('统计系统')).toBeTruthy();
    const table = screen.getByText('统计系统').closest('table')!;
    expect(within(table).getByText('只读')).toBeTruthy();
    expect(within(table).getByText('读写')).toBeTruthy();
    expect(within(table).getByText('从未使用')).toBeTruthy();
    expect(within(table).getByText(/已于 .* 吊销/)).toBeTruthy();
    // My roles say where I hold the grant of complainants' details.
    expect(screen.getByText(/清原县 · 举报人信息/)).toBeTruthy();

    type('用途', '  数据大屏 ');
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '权限' }));
    fireEvent.click(await screen.findByTitle('读写'));
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '有效期' }));
    fireEvent.click(await screen.findByTitle('30 天'));
    fireEvent.click(screen.getByRole('button', { name: '创建令牌' }));
    expect((await screen.findByTestId('new-token')).textContent).toContain('rt_secret_shown_once');
    expect(writes()).toEqual([{ method: 'POST', url: '/api/tokens', body: { name: '  数据大屏 ', scope: 'write', expiresInDays: 30 } }]);
    expect(await screen.findByText('数据大屏')).toBeTruthy();
  });

  it('revokes a token after confirming', async () => {
    routes['GET /api/tokens'] = () => json(200, { items: [token()], total: 1, page: 1, pageSize: 100 });
    routes['DELETE /api/tokens/1'] = () => json(204, null);
    show(<AccountPage />);
    fireEvent.click(await screen.findByRole('button', { name: '吊销“统计系统”' }));
    fireEvent.click(await screen.findByRole('button', { name: '吊销' }));
    await waitFor(() => expect(writes()).toEqual([{ method: 'DELETE', url: '/api/tokens/1', body: undefined }]));
  });

  it('changes my password and signs in again with the new one', async () => {
    routes['GET /api/tokens'] = () => json(200, { items: [], total: 0, page: 1, pageSize: 100 });
    routes['POST /api/auth/password'] = () => json(204, null);
    routes['POST /api/auth/sign-in'] = () => json(200, principal());
    show(<AccountPage />);
    expect(await screen.findByText('尚无令牌')).toBeTruthy();
    type('当前密码', 'old-harbour-pass-11');
    type('新密码', 'river-lantern-copper-78');
    type('再次输入新密码', 'river-lantern-copper-79');
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText('两次输入的密码不一致')).toBeTruthy();
    type('再次输入新密码', 'river-lantern-copper-78');
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText('密码已修改，其他设备上的登录和 API 令牌已失效')).toBeTruthy();
    expect(writes().map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/auth/password', 'POST /api/auth/sign-in']);
  });
});

describe('a managed user\'s tokens in user administration', () => {
  it('are listed for the administrator and revoked one by one', async () => {
    routes['GET /api/users/9/tokens'] = () => json(200, { items: [token({ id: 5, name: '填报接口', scope: 'write' })], total: 1, page: 1, pageSize: 100 });
    routes['DELETE /api/users/9/tokens/5'] = () => json(204, null);
    const user = { id: 9, username: 'xinbin', displayName: '新宾县填报人', memberships: [] } as unknown as ManagedUser;
    show(<UserTokensDialog user={user} onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('填报接口')).toBeTruthy();
    expect(within(dialog).getByText('新宾县填报人 的 API 令牌')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '吊销“填报接口”' }));
    fireEvent.click(await screen.findByRole('button', { name: '吊销' }));
    await waitFor(() => expect(writes()).toEqual([{ method: 'DELETE', url: '/api/users/9/tokens/5', body: undefined }]));
  });
});
