import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { AuthProvider } from '../../auth/auth';
import { I18nProvider, type Locale } from '../../i18n/i18n';
import ForgotPasswordPage from './ForgotPasswordPage';
import ResetPasswordPage from './ResetPasswordPage';

/** The API as the pages see it: each call recorded, answered by `answer` (nobody is signed in). */
let calls: { url: string; body: unknown }[] = [];
let answer: (url: string) => Response;
const json = (status: number, body: unknown) => new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(() => {
  calls = [];
  answer = () => json(500, { error: { code: 'INTERNAL', message: 'unexpected' } });
  vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
    if (url === '/api/auth/me') return Promise.resolve(json(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }));
    calls.push({ url, body: init?.body ? JSON.parse(init.body as string) as unknown : undefined });
    return Promise.resolve(answer(url));
  }));
});
afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

function Where() {
  const { pathname, search } = useLocation();
  return <output aria-label="address">{pathname + search}</output>;
}

const show = (path: string, locale: Locale = 'zh') => render(
  <MemoryRouter initialEntries={[path]}>
    <I18nProvider initial={locale}>
      <AuthProvider>
        <Routes>
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password" element={<ResetPasswordPage />} />
        </Routes>
        <Where />
      </AuthProvider>
    </I18nProvider>
  </MemoryRouter>,
);

const type = (label: RegExp | string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the forgotten-password form', () => {
  it('sends the username or address and says the same thing whatever the account', async () => {
    answer = () => json(202, { message: '…' });
    show('/forgot-password');
    type('用户名或邮箱', '  li.ming@example.cn ');
    fireEvent.click(screen.getByRole('button', { name: /发送重置链接/ }));
    expect(await screen.findByText('请查收邮件')).toBeTruthy();
    expect(screen.getByText(/如果该账号存在、已启用并登记了邮箱/)).toBeTruthy();
    expect(calls).toEqual([{ url: '/api/auth/password-reset/request', body: { login: 'li.ming@example.cn' } }]);
    expect(screen.getByRole('link', { name: '返回登录' }).getAttribute('href')).toBe('/sign-in');
  });

  it('asks for a login before sending, in English too', async () => {
    show('/forgot-password', 'en');
    fireEvent.click(screen.getByRole('button', { name: /Send the reset link/ }));
    expect(await screen.findByText('Enter your username or e-mail address')).toBeTruthy();
    expect(calls).toEqual([]);
  });
});

describe('the new-password form', () => {
  it('takes the token from the link, removes it from the address, and sets the password', async () => {
    answer = () => json(204, null);
    show('/reset-password?token=tok_abc123');
    await waitFor(() => expect(screen.getByLabelText('address').textContent).toBe('/reset-password'));
    type('新密码', 'a-brand-new-passphrase');
    type('再次输入新密码', 'a-brand-new-passphrase');
    fireEvent.click(screen.getByRole('button', { name: /设置新密码/ }));
    expect(await screen.findByText('密码已更新')).toBeTruthy();
    expect(calls).toEqual([{ url: '/api/auth/password-reset/confirm', body: { token: 'tok_abc123', password: 'a-brand-new-passphrase' } }]);
  });

  it('refuses two different passwords and a short one without asking the server', async () => {
    show('/reset-password?token=tok_abc123');
    type('新密码', 'short');
    type('再次输入新密码', 'different-passphrase');
    fireEvent.click(screen.getByRole('button', { name: /设置新密码/ }));
    expect(await screen.findByText('密码至少 10 个字符')).toBeTruthy();
    expect(await screen.findByText('两次输入的密码不一致')).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('explains an invalid, expired or used link in the chosen language and offers a new one', async () => {
    answer = () => json(400, { error: { code: 'RESET_LINK_INVALID', message: '重置链接无效、已过期或已使用，请重新申请重置密码' } });
    show('/reset-password?token=tok_old', 'en');
    type('New password', 'a-brand-new-passphrase');
    type('New password again', 'a-brand-new-passphrase');
    fireEvent.click(screen.getByRole('button', { name: /Set the new password/ }));
    expect(await screen.findByText(/This link is invalid, has expired or was used already/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe('/forgot-password');
  });

  it('says so when the link has no token', () => {
    show('/reset-password');
    expect(screen.getByText('链接不完整')).toBeTruthy();
    expect(screen.getByRole('link', { name: '重新申请' }).getAttribute('href')).toBe('/forgot-password');
  });
});
