/**
 * Complaint cases in the browser: an administrator imports a handover table (preview first), records a case's
 * handling and marks it handled, publishes the batch; a visitor then reads the batch's published results.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startE2EServer, type E2EServer } from '../helpers/e2e-server.js';
import { eventually, hasChromium, launchBrowser, openPage, screenshot, signIn } from './browser.js';

const HANDOVER_TABLE = path.resolve('test/fixtures/cases/batch-3.csv');

describe.skipIf(!hasChromium)('complaint cases journey', () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an administrator imports a handover batch, handles a case and publishes the results; a visitor reads them', async () => {
    const { page, problems } = await openPage(browser, server.baseUrl);
    await signIn(page, server.admin.username, server.admin.password);

    await page.goto('/cases?tab=batches');
    await page.getByRole('button', { name: '导入交办清单' }).click();
    await page.getByRole('combobox', { name: '督察', exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: '第二轮中央生态环境保护督察' }).click();
    await page.getByRole('combobox', { name: '接收单位', exact: true }).click();
    await page.locator('.ant-select-tree-title', { hasText: /^抚顺市$/ }).click();
    await page.locator('.ant-upload input[type=file]').setInputFiles(HANDOVER_TABLE);
    await page.getByRole('button', { name: '预览', exact: true }).click();
    // What would be created, before anything is written.
    await eventually(() => page.getByRole('alert').first().textContent()).toContain('将在“抚顺市”下导入 10 件');
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(10);
    await screenshot(page, 'case-import-preview');
    await page.getByRole('button', { name: '确认导入 10 件' }).click();
    await page.getByText('已导入 10 件信访件').waitFor();

    // The ledger shows the ten cases; open the first and handle it.
    await page.getByRole('tab', { name: '信访件台账' }).click();
    await eventually(() => page.getByTestId('case-figure-total').textContent()).toContain('10');
    await page.getByRole('link', { name: 'D3LN202505280001' }).click();
    await page.getByRole('heading', { level: 2, name: 'D3LN202505280001' }).waitFor();
    await page.getByRole('combobox', { name: '调查核实情况' }).click();
    await page.locator('.ant-select-item-option', { hasText: /^属实$/ }).click();
    await page.getByLabel('处理情况').fill('经现场核查，该公司已停产整改，责令安装废气收集处理设施，立案处罚。');
    await page.getByRole('button', { name: '办结', exact: true }).click();
    await eventually(() => page.getByTestId('case-state').textContent()).toBe('已办结');
    await screenshot(page, 'case');

    // Publish the batch's results table.
    await page.goto('/cases?tab=batches');
    await page.getByRole('button', { name: '公开办理结果' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '公开办理结果' }).click();
    await page.getByText('已公开 10 件').waitFor();
    expect(problems).toEqual([]);

    // A visitor finds the batch on the public page and reads its results, without complainants' details.
    const visitor = await openPage(browser, server.baseUrl);
    await visitor.page.goto('/');
    await visitor.page.getByRole('link', { name: '抚顺市第3批交办信访件办理情况' }).click();
    await visitor.page.getByRole('heading', { level: 2, name: '抚顺市第3批交办信访件办理情况' }).waitFor();
    const rows = visitor.page.locator('.ant-table-tbody tr.ant-table-row');
    await eventually(() => rows.count()).toBe(10);
    const table = await visitor.page.locator('.ant-table-tbody').textContent();
    expect(table).toContain('经现场核查，该公司已停产整改');
    expect(table).not.toContain('13841301234');
    await screenshot(visitor.page, 'public-cases');
    expect(visitor.problems).toEqual([]);
  });
});
