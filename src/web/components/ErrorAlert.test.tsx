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

  it('words a coded message in the reader\'s language from its params, dates in the reader\'s form', () => {
    const unchanged = () => new ApiError(409, 'ALREADY_PUBLISHED', '这份报告与已公开的第2版（2026年12月7日发布）内容相同，无需再次发布', undefined,
      { messageCode: 'reportUnchanged', params: { version: 2, publishedAt: '2026-12-07T02:00:00.000Z' } });
    show(unchanged(), 'en');
    expect(screen.getByRole('alert').textContent).toContain('published version 2 (published Dec 7, 2026)');
    cleanup();
    show(unchanged());
    expect(screen.getByRole('alert').textContent).toContain('这份报告与已公开的第2版（2026年12月7日发布）内容相同，无需再次发布');
  });

  it('outside Chinese, words an uncoded error by its code and keeps the API\'s particulars', () => {
    show(new ApiError(403, 'FORBIDDEN', '报告所属单位“抚顺市”不在您的管理范围内'), 'en');
    expect(screen.getByRole('alert').textContent).toContain('You are not allowed to do this (报告所属单位“抚顺市”不在您的管理范围内)');
    cleanup();
    show(new ApiError(403, 'FORBIDDEN', '报告所属单位“抚顺市”不在您的管理范围内'));
    expect(screen.getByRole('alert').textContent).toContain('报告所属单位“抚顺市”不在您的管理范围内');
    expect(screen.getByRole('alert').textContent).not.toContain('You are not allowed');
  });
});
