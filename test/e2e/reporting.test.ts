/**
 * The reporting loop in the browser: a reporter of 抚顺市 reports a task completed with a photo as evidence, a
 * reviewer finds it awaiting review on the dashboard, previews the photo and accepts it, and the dashboard's figures
 * move accordingly; the signed-in pages switch to English.
 */
import { describe, expect, it } from 'vitest';
import { FS_REPORTER, FS_REVIEWER } from '../helpers/e2e-server.js';
import { eventually, hasChromium, openPage, png, screenshot, signIn, useJourney } from './browser.js';

describe.skipIf(!hasChromium)('reporting and review journey', () => {
  const journey = useJourney([FS_REPORTER, FS_REVIEWER]);

  it('a reporter submits progress with an evidence file', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, FS_REPORTER.username, FS_REPORTER.password);
    await eventually(() => page.getByTestId('current-user').textContent()).toContain('填报人（责任单位） · 抚顺市');

    await page.goto('/ledger?q=%E5%86%9C%E6%9D%91%E7%8E%AF%E5%A2%83');
    const row = page.locator('.ant-table-tbody tr.ant-table-row');
    await eventually(() => row.count()).toBe(1);
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: /任务61 · 抚顺市/ }).waitFor();

    await page.getByRole('button', { name: '报送进展' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('整改状态').fill('完成整改');
    await drawer.getByLabel('进展情况').fill('全市农村生活污水治理设施已全部建成并通过验收。');
    await drawer.getByLabel('下步安排').fill('持续做好设施运维。');
    await drawer.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: png(160, 100) });
    await drawer.getByText('现场照片.png').waitFor();
    await screenshot(page, 'progress-form');
    await drawer.getByRole('button', { name: '提交审核' }).click();
    await drawer.waitFor({ state: 'detached' });

    // The report waits for review; the evidence is attached to the task.
    const latest = page.locator('[data-testid^="progress-"]').first();
    await eventually(() => latest.textContent()).toContain('待审核');
    expect(await latest.textContent()).toContain('全市农村生活污水治理设施已全部建成并通过验收。');
    expect(await page.getByRole('tab', { name: '佐证材料 (1)' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('a reviewer accepts it, and the dashboard changes accordingly', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, FS_REVIEWER.username, FS_REVIEWER.password);
    // Signing in lands on the workbench (工作台); the figures are on the dashboard.
    await page.waitForURL(/\/workbench$/);
    await page.goto('/dashboard');
    const completed = page.getByTestId('figure-status-completed');
    await eventually(() => completed.textContent()).toContain('10');
    expect(await page.getByTestId('figure-status-on_schedule').textContent()).toContain('3');

    // The report awaits review on the dashboard and leads to its task.
    await page.getByRole('tab', { name: '待审核（1）' }).click();
    await page.getByRole('link', { name: '任务61' }).click();
    await page.getByRole('heading', { level: 2, name: /任务61 · 抚顺市/ }).waitFor();

    // The photo previews inline.
    await page.getByRole('tab', { name: '佐证材料 (1)' }).click();
    await page.getByRole('button', { name: '预览 现场照片.png' }).click();
    const img = page.locator('.ant-modal img[alt="现场照片.png"]');
    await eventually(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(160);
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: /进展报送/ }).click();
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.locator('.ant-modal').getByLabel(/审核意见/).fill('材料齐全，同意。');
    await screenshot(page, 'review');
    await page.locator('.ant-modal-footer').getByRole('button', { name: '审核通过' }).click();
    const latest = page.locator('[data-testid^="progress-"]').first();
    await eventually(() => latest.textContent()).toContain('已通过');
    expect(await latest.textContent()).toContain('材料齐全，同意。');
    // The accepted report sets the task's state.
    await eventually(() => page.getByTestId('task-state').textContent()).toBe('已完成绿灯');

    await page.getByRole('link', { name: '总览' }).click();
    await eventually(() => completed.textContent()).toContain('11');
    expect(await page.getByTestId('figure-status-on_schedule').textContent()).toContain('2');
    expect(await page.getByRole('tab', { name: '待审核（0）' }).count()).toBe(1);
    await screenshot(page, 'dashboard-after-review');

    // Signed-in screens switch to English too.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 2 }).waitFor();
    expect(await page.getByTestId('figure-status-completed').textContent()).toContain('Completed');
    expect(await page.getByTestId('current-user').textContent()).toContain('Reviewer (acceptance) · 抚顺市');
    await screenshot(page, 'dashboard-en');
    expect(problems).toEqual([]);
  });
});
