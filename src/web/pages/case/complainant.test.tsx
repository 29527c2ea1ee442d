import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useState, type ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import type { ComplainantReveal } from '../../api/case-types';
import type { ManagedUser } from '../../api/types';
import { AuthProvider } from '../../auth/auth';
import { I18nProvider, type Locale } from '../../i18n/i18n';
import { ComplainantField } from './ComplainantField';
import { UserDialog } from '../admin/UserDialog';

type Call = { method: string; url: string; body: unknown };
let calls: Call[] = [];
let answer: (call: Call) => Response;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const tree = { items: [{ id: 1, parentId: null, code: 'fs', name: '抚顺市', kind: 'city', sortOrder: 0, version: 1, children: [
  { id: 3, parentId: 1, code: 'qy', name: '清原县', kind: 'county', sortOrder: 0, version: 1, children: [] },
] }] };

beforeEach(() => {
  calls = [];
  answer = () => json(500, { error: { code: 'INTERNAL', message: 'unexpected' } });
  vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
    if (url === '/api/auth/me') {
      return Promise.resolve(json(200, { user: { id: 1, username: 'admin', displayName: '管理员' }, memberships: [{ orgUnitId: 1, orgName: '抚顺市', role: 'admin', roleLabel: '管理员' }], csrfToken: 'csrf' }));
    }
    if (url.startsWith('/api/org-units/tree')) return Promise.resolve(json(200, tree));
    const call = { method: init?.method ?? 'GET', url, body: init?.body ? JSON.parse(init.body as string) as unknown : undefined };
    calls.push(call);
    return Promise.resolve(answer(call));
  }));
});
afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

const show = (element: ReactNode, locale: Locale = 'zh') => render(
  <MemoryRouter>
    <I18nProvider initial={locale}>
      <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} button={{ autoInsertSpace: false }}>
        <AntApp><AuthProvider>{element}</AuthProvider></AntApp>
      </ConfigProvider>
    </I18nProvider>
  </MemoryRouter>,
);

const masked = { name: '李**', contact: '138****9999' };
const opened: ComplainantReveal = {
  complainant: { name: '李秀英', contact: '13841309999' },
  texts: { content: '举报人：李秀英', targetName: null, handling: null, stagePlan: null }, revisits: [],
};

function Field({ mayReveal }: { mayReveal: boolean }) {
  const [revealed, setRevealed] = useState<ComplainantReveal | null>(null);
  return (
    <>
      <ComplainantField caseId={42} masked={masked} mayReveal={mayReveal} revealed={revealed} onRevealed={setRevealed} />
      <output aria-label="content">{revealed?.texts.content ?? '举报人：＊＊＊'}</output>
    </>
  );
}

describe('the complainant on the case page', () => {
  it('is masked, and a granted reader opens it with 查看举报人信息 (the view is recorded by the API)', async () => {
    answer = () => json(200, opened);
    show(<Field mayReveal />);
    expect(screen.getByTestId('complainant').textContent).toBe('李** · 138****9999');
    expect(screen.getByText('每次查看都记入审计日志（谁、哪一件、何时）')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /查看举报人信息/ }));
    await waitFor(() => expect(screen.getByTestId('complainant').textContent).toBe('李秀英 · 13841309999'));
    expect(screen.getByText('已显示完整信息，本次查看已记录')).toBeTruthy();
    expect(screen.getByLabelText('content').textContent).toBe('举报人：李秀英');
    expect(calls).toEqual([{ method: 'POST', url: '/api/cases/42/complainant-views', body: undefined }]);
  });

  it('offers no way to open it without the grant, and says whom to ask', () => {
    show(<Field mayReveal={false} />);
    expect(screen.getByTestId('complainant').textContent).toBe('李** · 138****9999');
    expect(screen.queryByRole('button', { name: /查看举报人信息/ })).toBeNull();
    expect(screen.getByText(/请向管理员申请“查看举报人信息”授权/)).toBeTruthy();
  });

  it('shows the API\'s refusal when the grant was withdrawn meanwhile, in English too', async () => {
    answer = () => json(403, { error: { code: 'FORBIDDEN', message: 'You may not open this complainant' } });
    show(<Field mayReveal />, 'en');
    fireEvent.click(screen.getByRole('button', { name: /Show complainant details/ }));
    // The code's general wording in English, the API's own words after it.
    expect(await screen.findByText(/You may not open this complainant/)).toBeTruthy();
    expect(screen.getByTestId('complainant').textContent).toBe('李** · 138****9999');
  });
});

describe('granting complainants\' details in user administration', () => {
  it('sends the grant with the role and unit it belongs to', async () => {
    answer = () => json(200, {});
    const user = {
      id: 9, username: 'qingyuan', displayName: '清原县填报人', isActive: true, locked: false, version: 1, email: null, hasOtherMemberships: false,
      memberships: [{ orgUnitId: 3, orgName: '清原县', role: 'reporter', roleLabel: '填报人', complainantDetails: false }],
    } satisfies ManagedUser;
    const onSaved = vi.fn();
    show(<UserDialog user={user} onSaved={onSaved} onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog');
    const grant = within(dialog).getByRole('checkbox', { name: '可查看举报人信息' });
    expect((grant as HTMLInputElement).checked).toBe(false);
    fireEvent.click(grant);
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls).toEqual([{ method: 'PUT', url: '/api/users/9/memberships', body: { memberships: [{ orgUnitId: 3, role: 'reporter', complainantDetails: true }] } }]);
  });
});
