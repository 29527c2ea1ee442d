import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { I18nProvider } from '../i18n/i18n';
import { StatusTag } from './StatusTag';
import { WarningBadge } from './WarningBadge';
import { DeadlineText } from './DeadlineText';
import { ChecksList } from '../pages/reports/ChecksList';

afterEach(cleanup);

describe('status pieces', () => {
  it('write schedule status, warning and deadline in Chinese', () => {
    render(
      <I18nProvider initial="zh">
        <StatusTag status="overdue" />
        <WarningBadge color="red" />
        <DeadlineText kind="immediate" date={null} />
        <DeadlineText kind="by_date" date="2024-06-30" />
      </I18nProvider>,
    );
    expect(screen.getByText('逾期未完成')).toBeTruthy();
    expect(screen.getByText('红灯')).toBeTruthy();
    expect(screen.getByText('立行立改')).toBeTruthy();
    expect(screen.getByText('2024年6月30日')).toBeTruthy();
  });

  it('and in English; an unknown status reads as undetermined', () => {
    render(
      <I18nProvider initial="en">
        <StatusTag status={null} />
        <WarningBadge color="yellow" />
        <DeadlineText kind="long_term" date={null} />
      </I18nProvider>,
    );
    expect(screen.getByText('Undetermined')).toBeTruthy();
    expect(screen.getByText('Yellow')).toBeTruthy();
    expect(screen.getByText('Long-term')).toBeTruthy();
  });
});

describe('ChecksList', () => {
  it('counts errors and warnings and names each task', () => {
    render(
      <I18nProvider initial="zh">
        <ChecksList checks={[
          { severity: 'error', taskCode: '30', message: '任务30缺少佐证材料，不能按已完成整改报告' },
          { severity: 'warning', taskCode: null, message: '标题中没有日期' },
        ]} />
      </I18nProvider>,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('发布前检查：1 处错误，1 处提示');
    expect(alert.textContent).toContain('任务30：任务30缺少佐证材料');
  });

  it('says so when every check passed', () => {
    render(<I18nProvider initial="en"><ChecksList checks={[]} /></I18nProvider>);
    expect(screen.getByRole('alert').textContent).toContain('Every check before publishing passed');
  });
});
