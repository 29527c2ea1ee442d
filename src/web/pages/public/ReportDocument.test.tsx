import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { I18nProvider } from '../../i18n/i18n';
import type { PublishedReport } from '../../api/types';
import { ReportDocument } from './ReportDocument';
import { ReportSummary } from './ReportSummary';

afterEach(cleanup);

const record = { id: 1, orgUnitName: '抚顺市', inspectionName: '第二轮中央生态环境保护督察', title: '抚顺市整改任务进展情况', asOf: '2023-12-31', publishedAt: '2024-01-05T02:00:00Z', version: 1 };
const data: PublishedReport = {
  report: record,
  latest: record,
  byStatus: { completed: 1, on_schedule: 1, behind_schedule: 0 },
  content: {
    title: '抚顺市第二轮中央生态环境保护督察整改任务进展情况', region: '抚顺市', inspection: '第二轮中央生态环境保护督察', asOf: '2023-12-31',
    summary: [], warnings: [],
    tasks: [
      {
        code: '2', number: 2, problem: '能源消费依赖性强。', goal: null, status: '达到序时进度', statusCode: 'on_schedule', units: [], deadline: null,
        documents: [], facts: [],
        measures: [{ ordinal: 1, text: '严格落实年度能耗双控考核目标任务。', items: [] }, { ordinal: 2, text: '坚决遏制“两高”项目盲目发展。', items: [] }],
      },
      { code: '54', number: 54, problem: '污泥无害化处置工作严重滞后。', goal: null, status: '完成整改', statusCode: 'completed', units: [], deadline: null, documents: [], facts: [], measures: [{ ordinal: null, text: '建成污泥处置项目。', items: [] }] },
    ],
  },
};

describe('ReportDocument', () => {
  it('reads as the published document: 任务N：problem, 整改情况：status, （一）measures', () => {
    render(<I18nProvider initial="zh"><ReportDocument data={data} /></I18nProvider>);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('抚顺市第二轮中央生态环境保护督察整改任务进展情况');
    expect(screen.getByRole('heading', { name: '任务2：能源消费依赖性强。' })).toBeTruthy();
    expect(screen.getByText('整改情况：达到序时进度')).toBeTruthy();
    expect(screen.getByText('（一）严格落实年度能耗双控考核目标任务。')).toBeTruthy();
    expect(screen.getByText('（二）坚决遏制“两高”项目盲目发展。')).toBeTruthy();
    // An unnumbered paragraph stays unnumbered.
    expect(screen.getByText('建成污泥处置项目。')).toBeTruthy();
    expect(screen.getByText(/截至 2023年12月31日/)).toBeTruthy();
  });

  it('labels the document in English but keeps the report text as published', () => {
    render(<I18nProvider initial="en"><ReportDocument data={data} /></I18nProvider>);
    expect(screen.getByRole('heading', { name: /^Task 2: ?能源消费依赖性强。$/ })).toBeTruthy();
    expect(screen.getByText('Status: 达到序时进度')).toBeTruthy();
    expect(screen.getByText('(1) 严格落实年度能耗双控考核目标任务。')).toBeTruthy();
  });
});

describe('ReportSummary', () => {
  it('counts tasks by status, leaving out statuses with none', () => {
    render(<I18nProvider initial="zh"><ReportSummary byStatus={data.byStatus} /></I18nProvider>);
    const list = screen.getByRole('list', { name: '按整改情况分布' });
    expect(list.textContent).toContain('已完成整改');
    expect(list.textContent).toContain('达到序时进度');
    expect(list.textContent).not.toContain('未达到序时进度');
  });

  it('says which version it is, and points a reader of an earlier one to the newest', () => {
    const newer = { ...record, id: 7, version: 2, asOf: '2024-06-30', publishedAt: '2024-07-02T02:00:00Z' };
    render(<MemoryRouter><I18nProvider initial="zh"><ReportDocument data={{ ...data, latest: newer }} /></I18nProvider></MemoryRouter>);
    expect(screen.getByText(/第1版/, { selector: '.ant-typography' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('您正在查看第1版，已有更新的第2版。');
    expect(screen.getByRole('link', { name: '查看最新版' }).getAttribute('href')).toBe('/public/7');
  });
});
