/** An administrator signs in, reads the dashboard, follows a figure into the ledger, filters it, and opens a task. */
import { describe, expect, it } from 'vitest';
import { eventually, hasChromium, openPage, screenshot, signIn, useJourney } from './browser.js';

describe.skipIf(!hasChromium)('administrator journey', () => {
  const journey = useJourney();

  it('signs in, sees the dashboard, filters the ledger and opens a task', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await page.goto('/dashboard');
    // Signed-out visitors are sent to sign in, and come back afterwards.
    await page.waitForURL(/\/sign-in\?next=%2Fdashboard/);
    await signIn(page, journey.server.admin.username, journey.server.admin.password);
    await page.waitForURL(/\/dashboard$/);

    // Who is signed in stays visible: name, role and unit.
    const user = page.getByTestId('current-user');
    await eventually(() => user.textContent()).toContain('系统管理员');
    expect(await user.textContent()).toContain('管理员（督改办） · 辽宁省');

    // Figures of the sample: 13 assignments, 10 completed, 3 on schedule.
    const total = page.getByTestId('figure-total');
    await eventually(() => total.textContent()).toContain('13');
    expect(await page.getByTestId('figure-status-completed').textContent()).toContain('10');
    expect(await page.getByTestId('figure-status-on_schedule').textContent()).toContain('3');
    await page.locator('canvas').first().waitFor();
    expect(await page.locator('[role="img"] canvas').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'dashboard');

    // A figure opens the ledger with its filter in the URL.
    await page.getByTestId('figure-status-on_schedule').click();
    await page.waitForURL(/\/ledger\?status=on_schedule$/);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await eventually(() => rows.count()).toBe(3);
    expect(await page.getByText('共 3 项').count()).toBe(1);

    // The Chinese search box narrows it further (and lands in the URL too).
    await page.getByRole('searchbox', { name: '搜索任务' }).fill('农村环境');
    await page.getByRole('searchbox', { name: '搜索任务' }).press('Enter');
    await page.waitForURL(/q=%E5%86%9C%E6%9D%91%E7%8E%AF%E5%A2%83/);
    await eventually(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('全省农村环境基础设施建设滞后');

    // Clearing the filters shows all 13; the screenshot shows the full ledger.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.waitForURL(/\/ledger$/);
    await eventually(() => rows.count()).toBe(13);
    await screenshot(page, 'ledger');

    // A task page: problem, measures, history.
    await rows.first().getByRole('link').click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await page.getByRole('heading', { level: 2, name: /任务2 · 抚顺市/ }).waitFor();
    expect(await page.getByText('（一）严格落实年度能耗双控考核目标任务', { exact: false }).count()).toBeGreaterThan(0);
    await screenshot(page, 'task');
    await page.getByRole('tab', { name: /操作记录/ }).click();
    await eventually(() => page.getByText('由报告导入').count()).toBeGreaterThan(0);

    // Signing out returns to the public page.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('link', { name: '登录' }).waitFor();
    expect(problems).toEqual([]);
  });
});
