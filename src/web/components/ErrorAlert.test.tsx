import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { ApiError } from '../api/client';
import { I18nProvider } from '../i18n/i18n';
import { ErrorAlert } from './ErrorAlert';

afterEach(cleanup);

const show = (error: unknown, locale: 'zh' | 'en' = 'zh') =>
  render(<MemoryRouter><I18nProvider initial={locale}><ErrorAlert error={error} onRetry={() => undefined} /></I18nProvider></MemoryRouter>);

describe('ErrorAlert', () => {
  it('shows the message the API gave', () => {
    show(new ApiError(409, 'VERSION_CONFLICT', '该任务已被他人修改，请刷新后查看最新内容再提交'));
    expect(screen.getByRole('alert').textContent).toContain('该任务已被他人修改，请刷新后查看最新内容再提交');
    expect(screen.getByRole('button', { name: /重\s?试/ })).toBeTruthy();
  });

  it('explains a request that never reached the API, in the chosen language', () => {
    show(new ApiError(0, 'NETWORK', ''), 'en');
    expect(screen.getByRole('alert').textContent).toContain('Cannot reach the server');
  });

  it('offers to sign in again when the session is gone', () => {
    show(new ApiError(401, 'UNAUTHENTICATED', '请先登录'));
    expect(screen.getByRole('link', { name: '登录' }).getAttribute('href')).toMatch(/^\/sign-in\?next=/);
  });
});
