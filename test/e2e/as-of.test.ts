/**
 * Replaying time in the browser (issue #17): an administrator picks a past day on the ledger — before the sample
 * report's date nothing was recorded, on that date its thirteen tasks are there — goes back to today, and opens the
 * dashboard of a past day.
 */
import { describe, expect, it } from 'vitest';
import { eventually, hasChromium, openPage, screenshot, signIn, useJourney } from './browser.js';

describe.skipIf(!hasChromium)('as-of journey', () => {
  const journey = useJourney();

  it('the ledger and the dashboard of a past day, then back to today', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, journey.server.admin.username, journey.server.admin.password);
    await page.goto('/ledger');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await eventually(() => rows.count()).toBe(13);

    // The sample report speaks for 2023-12-31: the day before, the ledger held nothing.
    const picker = page.getByLabel('查看某一日结束时的台账记录');
    await picker.click();
    await picker.fill('2023年12月30日');
    await picker.press('Enter');
    await eventually(() => page.url()).toContain('asOf=2023-12-30');
    await eventually(() => page.getByTestId('asof-notice').textContent()).toContain('正在查看2023年12月30日结束时的台账记录');
    await eventually(() => rows.count()).toBe(0);

    await page.goto('/ledger?asOf=2023-12-31');
    await eventually(() => page.getByTestId('asof-notice').textContent()).toContain('2023年12月31日');
    await eventually(() => rows.count()).toBe(13);
    await screenshot(page, 'ledger-as-of');

    await page.getByRole('button', { name: '回到今天' }).click();
    await eventually(() => page.getByTestId('asof-notice').count()).toBe(0);
    expect(page.url()).not.toContain('asOf');
    await eventually(() => rows.count()).toBe(13);

    await page.goto('/dashboard?asOf=2023-12-30');
    await eventually(() => page.getByTestId('asof-notice').textContent()).toContain('2023年12月30日');
    await eventually(() => page.getByText('您的管理范围内还没有整改任务').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
