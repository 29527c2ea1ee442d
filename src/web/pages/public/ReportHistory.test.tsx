import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { I18nProvider } from '../../i18n/i18n';
import type { PublishedReportGroup } from '../../api/types';
import { ReportHistory } from './ReportHistory';

afterEach(cleanup);

const base = { orgUnitName: '抚顺市', inspectionName: '第二轮中央生态环境保护督察', title: '抚顺市整改任务进展情况' };
const items: PublishedReportGroup[] = [{
  ...base, id: 9, version: 3, asOf: '2024-06-30', publishedAt: '2024-07-02T02:00:00Z',
  earlier: [
    { ...base, id: 5, version: 2, asOf: '2024-03-31', publishedAt: '2024-04-02T02:00:00Z' },
    { ...base, id: 1, version: 1, asOf: '2023-12-31', publishedAt: '2024-01-05T02:00:00Z' },
  ],
}];

describe('ReportHistory', () => {
  it('lists the report once under its title, with its earlier versions under it in Chinese dates', () => {
    render(<MemoryRouter><I18nProvider initial="zh"><ReportHistory items={items} currentId={5} /></I18nProvider></MemoryRouter>);
    expect(screen.getAllByRole('link', { name: '抚顺市整改任务进展情况' })).toHaveLength(1);
    const earlier = screen.getByText('更早的版本（2）').closest('details')!;
    expect(earlier.open).toBe(true);
    const links = within(earlier).getAllByRole('link');
    expect(links.map((l) => [l.textContent, l.getAttribute('href'), l.getAttribute('aria-current')])).toEqual([['第2版', '/public/5', 'page'], ['第1版', '/public/1', null]]);
    expect(earlier.textContent).toContain('截至 2024年3月31日');
    expect(earlier.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
