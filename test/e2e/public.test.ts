/** A visitor reads the published report on the landing page, in Chinese and then in English. */
import { describe, expect, it } from 'vitest';
import { eventually, hasChromium, openPage, screenshot, useJourney } from './browser.js';

describe.skipIf(!hasChromium)('public disclosure page', () => {
  const journey = useJourney();

  it('a visitor reads the published progress report as a document, with its summary and history', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await page.goto('/');
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('抚顺市第二轮中央生态环境保护督察整改任务进展情况');
    // The sample's thirteen tasks, each as 任务N：problem with its status line and numbered measures.
    const tasks = page.locator('article section h2');
    expect(await tasks.count()).toBe(13);
    expect(await tasks.first().textContent()).toMatch(/^任务2：辽宁省经济增长对能源消费依赖性强/);
    await eventually(() => page.getByText('整改情况：达到序时进度').count()).toBe(3);
    expect(await page.getByText(/^（一）严格落实年度能耗双控考核目标任务/).count()).toBe(1);
    // Summary: 13 tasks, 10 completed; history lists the report.
    const summary = page.getByRole('list', { name: '按整改情况分布' });
    expect(await summary.textContent()).toContain('已完成整改10 项');
    expect(await page.getByRole('link', { name: /抚顺市第二轮中央生态环境保护督察整改任务进展情况/ }).count()).toBe(1);
    await screenshot(page, 'public');
    expect(problems).toEqual([]);
  });

  it('switching to English translates the page and is remembered', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Public disclosure of rectification' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    expect(await page.locator('article section h2').first().textContent()).toMatch(/^Task 2: /);
    expect(await page.getByText('Tasks by status').count()).toBe(1);
    await page.reload();
    await page.getByRole('heading', { name: 'Public disclosure of rectification' }).waitFor();
    await screenshot(page, 'public-en');
    expect(problems).toEqual([]);
  });
});
