/**
 * Authoring the ledger in the browser: the province's administrator records a provincial inspection of 抚顺市,
 * creates 抚顺市's plan for it, adds a numbered task, splits the task to two counties, and finds the two new
 * assignments in the ledger; a city's share of an imported task is split further from its own page; a reporter of
 * 抚顺市 reads the same plan without any button to change it.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { FS_REPORTER } from '../helpers/e2e-server.js';
import { confirmDialog, eventually, hasChromium, openPage, screenshot, signIn, useJourney } from './browser.js';

// A retried journey (CI retries once) runs against the same server: each attempt creates its own inspection and plan.
let attempt = 0;
let INSPECTION = '';
let PLAN = '';
const PROBLEM = '浑河抚顺段部分支流沿岸仍有生活污水直排，章党河、海新河水质不能稳定达标。';

/** Types a day into an antd DatePicker and confirms it. */
async function pickDay(scope: Page | Locator, label: string, day: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

/** The open antd dialog with this title. */
const modal = (page: Page, title: string) => page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });

describe.skipIf(!hasChromium)('authoring journey', () => {
  const journey = useJourney([FS_REPORTER]);
  let planPath = '';

  it('an administrator creates an inspection, a plan and a task, splits it to two counties and finds them in the ledger', async () => {
    const suffix = attempt++ === 0 ? '' : `（第${attempt}次）`;
    INSPECTION = `第三轮辽宁省生态环境保护督察（抚顺市）${suffix}`;
    PLAN = `抚顺市贯彻落实第三轮省级生态环境保护督察反馈意见整改方案${suffix}`;
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, journey.server.admin.username, journey.server.admin.password);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '督察与方案' }).click();
    await page.waitForURL(/\/plans$/);
    // The sample's inspection is listed with the province's plan its report was imported into.
    await page.getByRole('link', { name: '辽宁省第二轮中央生态环境保护督察整改方案' }).waitFor();

    // A provincial inspection of 抚顺市.
    await page.getByRole('button', { name: '新增督察' }).click();
    let dialog = modal(page, '新增督察');
    await dialog.getByLabel('督察名称').fill(INSPECTION);
    await dialog.getByLabel('轮次').fill('第三轮');
    await dialog.getByLabel('省级生态环境保护督察').check();
    await dialog.getByRole('combobox', { name: '被督察单位' }).click();
    await page.locator('.ant-select-tree-title', { hasText: /^抚顺市$/ }).click();
    await pickDay(dialog, '进驻开始', '2025-04-08');
    await pickDay(dialog, '进驻结束', '2025-05-08');
    await pickDay(dialog, '反馈日期', '2025-07-15');
    await confirmDialog(dialog, '保存');
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: INSPECTION });
    await row.waitFor();
    expect(await row.textContent()).toContain('省级生态环境保护督察');

    // 抚顺市's plan for it; saving opens the plan.
    await row.getByRole('button', { name: '新增整改方案' }).click();
    dialog = modal(page, '新增整改方案');
    expect(await dialog.textContent()).toContain(INSPECTION);
    await dialog.getByRole('combobox', { name: '方案所属单位' }).click();
    await page.locator('.ant-select-tree-title', { hasText: /^抚顺市$/ }).last().click();
    await dialog.getByLabel('方案名称').fill(PLAN);
    await pickDay(dialog, '印发日期', '2025-09-01');
    await pickDay(dialog, '完成时限', '2027-12-31');
    // Its acceptance chain (issue #17): county, then city, in the order chosen.
    await dialog.getByRole('combobox', { name: '验收层级（按顺序）' }).click();
    for (const level of ['县级验收', '市级验收']) await page.locator('.ant-select-item-option', { hasText: level }).click();
    await dialog.getByText('验收顺序：县级验收 → 市级验收').waitFor();
    await dialog.locator('.ant-modal-title').click();
    await confirmDialog(dialog, '保存');
    await page.waitForURL(/\/plans\/\d+$/);
    planPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 2, name: PLAN }).waitFor();
    await page.locator('.ant-descriptions-item', { hasText: '验收层级' }).getByText('县级验收 → 市级验收').waitFor();
    await page.getByText('该方案尚无整改任务，请点击“新增整改任务”').waitFor();

    // Task 1, dated; a missing date is refused before anything is sent.
    await page.getByRole('button', { name: '新增整改任务' }).click();
    dialog = modal(page, '新增整改任务');
    await dialog.getByLabel('任务编号').fill('1');
    await dialog.getByLabel('问题', { exact: true }).fill(PROBLEM);
    await dialog.getByLabel('整改目标').fill('2026 年底前消除支流沿岸生活污水直排，国控、省控断面水质稳定达标。');
    await dialog.getByLabel('类别').fill('水');
    await dialog.getByLabel('牵头单位').fill('市生态环境局');
    const units = dialog.getByRole('combobox', { name: '责任单位' });
    await units.fill('新宾满族自治县');
    await units.press('Enter');
    await units.fill('清原满族自治县');
    await units.press('Enter');
    await dialog.and(page.locator('.ant-zoom-appear')).waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('按日期的整改时限须填写日期').waitFor();
    await pickDay(dialog, '整改时限（日期）', '2026-12-31');
    await confirmDialog(dialog, '保存');
    const taskRow = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: PROBLEM });
    await taskRow.waitFor();
    expect(await taskRow.textContent()).toContain('任务1');
    // The new task opens to its (empty) shares.
    await page.getByText('尚未分解到单位').waitFor();

    // Split it to two counties.
    await taskRow.getByRole('button', { name: '分解到单位' }).click();
    dialog = modal(page, '分解任务1');
    expect(await dialog.textContent()).toContain('由抚顺市直接分解');
    await dialog.getByRole('combobox', { name: '承担单位' }).click();
    // Pick each county until its tag shows: on a loaded machine a click can land while the tree is still opening.
    for (const name of ['新宾满族自治县', '清原满族自治县']) {
      const chosen = dialog.locator('.ant-select-selection-item', { hasText: name });
      await eventually(async () => {
        if (await chosen.count() === 0) await page.locator('.ant-select-tree-title', { hasText: new RegExp(`^${name}$`) }).click();
        return chosen.count();
      }).toBe(1);
    }
    await dialog.locator('.ant-modal-title').click();
    await confirmDialog(dialog, '分解');
    const shares = page.locator('[data-testid^="shares-"]');
    await eventually(() => shares.getByRole('link').allTextContents()).toEqual(['新宾满族自治县', '清原满族自治县']);
    await screenshot(page, 'plan-tasks');

    // The plan's figure counts the task; the inspections screen lists the plan.
    await page.getByRole('link', { name: '督察与方案' }).first().click();
    await page.waitForURL(/\/plans$/);
    await page.getByRole('link', { name: PLAN }).waitFor();
    await page.getByRole('link', { name: '辽宁省第二轮中央生态环境保护督察整改方案' }).waitFor();
    await eventually(() => page.locator('.ant-spin-spinning').count()).toBe(0);
    await screenshot(page, 'inspections-plans');

    // The two assignments are in the ledger, each with the task's deadline.
    await page.goto(planPath);
    await page.getByRole('button', { name: '在台账中查看' }).click();
    await page.waitForURL(/\/ledger\?inspectionId=\d+&orgUnitId=\d+$/);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await eventually(() => rows.count()).toBe(2);
    const ledger = await page.locator('.ant-table-tbody').textContent();
    expect(ledger).toContain('新宾满族自治县');
    expect(ledger).toContain('清原满族自治县');
    expect(ledger).toContain('浑河抚顺段部分支流');
    await screenshot(page, 'ledger-split');

    // A share's page: its plan links back; the county has no units below it, so it offers no further split.
    await rows.filter({ hasText: '新宾满族自治县' }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: /任务1 · 新宾满族自治县/ }).waitFor();
    expect(await page.getByRole('link', { name: PLAN }).getAttribute('href')).toBe(planPath);
    expect(await page.getByRole('button', { name: '分解到下级单位' }).count()).toBe(0);

    // The city's share of an imported task is split further from its own page, to a district below the city.
    await page.goto('/ledger?q=%E5%86%9C%E6%9D%91%E7%8E%AF%E5%A2%83');
    await eventually(() => rows.count()).toBe(1);
    await rows.first().getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: /任务61 · 抚顺市/ }).waitFor();
    await page.getByRole('button', { name: '分解到下级单位' }).click();
    dialog = modal(page, '分解任务61');
    expect(await dialog.textContent()).toContain('在抚顺市承担的任务下分解');
    await dialog.getByRole('combobox', { name: '承担单位' }).click();
    await page.locator('.ant-select-tree-title', { hasText: /^东洲区$/ }).click();
    await dialog.locator('.ant-modal-title').click();
    await confirmDialog(dialog, '分解');
    await page.getByRole('tab', { name: /任务分解 \(2\)/ }).click();
    await page.getByRole('link', { name: '东洲区' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('a reporter of 抚顺市 reads the plan and its shares without buttons to change them', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, FS_REPORTER.username, FS_REPORTER.password);
    await page.goto('/plans');
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: INSPECTION });
    await row.waitFor();
    expect(await page.getByRole('button', { name: '新增督察' }).count()).toBe(0);
    expect(await row.getByRole('button').filter({ hasText: /\S/ }).count()).toBe(0);
    await page.getByRole('link', { name: PLAN }).click();
    await page.getByRole('heading', { level: 2, name: PLAN }).waitFor();
    const taskRow = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: PROBLEM });
    await taskRow.waitFor();
    expect(await page.getByRole('button', { name: '新增整改任务' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '编辑整改方案' }).count()).toBe(0);
    await taskRow.locator('.ant-table-row-expand-icon').click();
    const shares = page.locator('[data-testid^="shares-"]');
    await eventually(() => shares.getByRole('link').allTextContents()).toEqual(['新宾满族自治县', '清原满族自治县']);
    expect(await shares.getByRole('button', { name: '分解到单位' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
