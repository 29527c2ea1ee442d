/**
 * Importing a city's plan table in the browser: the administrator uploads 抚顺市's task list (an XLSX built here, its
 * 省序号 column pointing at the province plan's tasks), sees each task as read with its cells, the names matched to
 * units and one that matches none, maps that one to a unit, imports, and finds the city's task under the province's
 * task on the province plan's page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildPlanXlsx, type PlanRow } from '../fixtures/plans/city-plan-xlsx.js';
import { eventually, hasChromium, openPage, screenshot, signIn, useJourney } from './browser.js';

const ROWS: PlanRow[] = [
  { code: '1', parent: '2', problem: '城市供热仍以燃煤为主，清洁取暖改造进度偏慢', goal: '2025年底前完成主城区清洁取暖改造', measures: ['制定清洁取暖改造年度计划', '淘汰主城区燃煤小锅炉'], lead: '市发展和改革委员会', support: '市生态环境局', leader: '王五（副市长）', deadline: '2025年底前' },
  { code: '2', parent: '30', problem: '部分河段沿岸垃圾清理不及时', goal: '沿河垃圾日产日清', measures: ['落实河长巡河制度'], lead: '市河道管理处', support: '', leader: '赵六（副市长）', deadline: '长期坚持' },
];

const modal = (page: Page, title: RegExp) => page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });

describe.skipIf(!hasChromium)('plan import journey', () => {
  const journey = useJourney();

  it('an administrator imports a city plan linked to the province plan, maps one unit, and sees it under the province task', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-plan-e2e-')), 'fushun-plan.xlsx');
    fs.writeFileSync(file, await buildPlanXlsx(ROWS));
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, journey.server.admin.username, journey.server.admin.password);
    await page.goto('/plans');
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '第二轮中央生态环境保护督察' }).first();
    await row.getByRole('button', { name: '导入整改方案' }).click();
    const dialog = modal(page, /导入整改方案表格/);
    await dialog.getByRole('combobox', { name: '方案所属单位' }).click();
    await page.locator('.ant-select-tree-title', { hasText: /^抚顺市$/ }).last().click();
    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.getByText('fushun-plan.xlsx').waitFor();
    await dialog.getByRole('button', { name: '预览', exact: true }).click();

    // Each task as read, linked to the province task its 省序号 names; one name matches no unit.
    const tasks = dialog.getByTestId('plan-import-tasks');
    await tasks.getByText('城市供热仍以燃煤为主').waitFor();
    expect(await dialog.getByTestId('cell-1-deadline').textContent()).toContain('2025年底前');
    expect(await dialog.getByTestId('cell-1-deadline').textContent()).toContain('I4');
    const units = dialog.getByTestId('plan-import-units');
    expect(await units.locator('tr', { hasText: '市发展和改革委员会' }).textContent()).toContain('市发展改革委');
    await dialog.getByTestId('plan-import-blockers').getByText(/市河道管理处/).waitFor();
    expect(await dialog.textContent()).toContain('辽宁省第二轮中央生态环境保护督察整改方案');
    const commit = dialog.getByRole('button', { name: /确认导入 2 项任务/ });
    expect(await commit.isDisabled()).toBe(true);

    // Map it to the city's water bureau: the preview is read again and the import is allowed.
    await dialog.getByRole('combobox', { name: '处理 市河道管理处' }).click();
    await page.locator('.ant-select-item-option', { hasText: '对应到已有单位' }).click();
    // The tree lists 抚顺市's fifteen units in a virtual list: search brings the one wanted into view.
    const picker = dialog.getByRole('combobox', { name: '选择对应单位' });
    await picker.click();
    await picker.fill('市水务局');
    await page.locator('.ant-select-tree-title', { hasText: /^市水务局$/ }).last().click();
    const mapped = units.locator('tr', { hasText: '市河道管理处' });
    await eventually(() => mapped.textContent()).toContain('市水务局');
    await eventually(() => dialog.getByTestId('plan-import-blockers').count()).toBe(0);
    await screenshot(page, 'plan-import-preview');
    await commit.click();
    await page.waitForURL(/\/plans\/\d+$/);
    await page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '城市供热仍以燃煤为主' }).waitFor();

    // The province plan's task 2 shows the city's task 1 under it.
    await page.goto('/plans');
    await page.getByRole('link', { name: '辽宁省第二轮中央生态环境保护督察整改方案' }).click();
    await page.getByRole('heading', { level: 2, name: '辽宁省第二轮中央生态环境保护督察整改方案' }).waitFor();
    const task2 = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '任务2' }).first();
    await task2.locator('.ant-table-row-expand-icon').click();
    const links = page.locator('[data-testid^="links-"]');
    await links.getByText('下级方案的对应任务').waitFor();
    expect(await links.textContent()).toContain('抚顺市');
    expect(await links.textContent()).toContain('城市供热仍以燃煤为主');
    await screenshot(page, 'plan-links');
    expect(problems).toEqual([]);
  });
});
