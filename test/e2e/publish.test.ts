/**
 * Publishing is a deliberate act (issue #21): the administrator previews the city's report, the dialog names the
 * report and the version it becomes, publishing needs a reason past the checks' errors, and the same report cannot
 * be published twice (said before the click). The public page then lists the report once, its first version (the
 * sample published at first start) under it, and a reader of the first version is pointed to the newest.
 */
import { describe, expect, it } from 'vitest';
import { eventually, hasChromium, openPage, screenshot, signIn, useJourney } from './browser.js';

const TITLE = '抚顺市第二轮中央生态环境保护督察整改任务进展情况';

describe.skipIf(!hasChromium)('publishing journey', () => {
  const journey = useJourney();

  it('previews, confirms and publishes version 2; refuses an unchanged one; the public page shows the versions', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, journey.server.admin.username, journey.server.admin.password);
    await page.goto('/reports?tab=generate');
    await page.getByRole('tab', { name: '生成报告与台账', selected: true }).waitFor();
    await page.locator('#gen-org').click();
    await page.locator('.ant-select-tree-title', { hasText: /^抚顺市$/ }).click();
    // Publishing waits for the preview: the button stays disabled until the report has been seen.
    const publish = page.getByRole('button', { name: /发布到信息公开/ });
    expect(await publish.isDisabled()).toBe(true);
    await page.getByRole('button', { name: /预览并检查/ }).click();
    await page.frameLocator('iframe[title="报告预览"]').getByText(TITLE).first().waitFor();
    await publish.click();

    const dialog = page.getByRole('dialog');
    await eventually(() => dialog.textContent()).toContain(TITLE);
    expect(await dialog.textContent()).toContain('第2版');
    expect(await dialog.textContent()).toMatch(/将作为第2版公开，第1版（\d{4}年\d{1,2}月\d{1,2}日发布）及更早的版本仍可在信息公开页面查看/);
    expect(await dialog.textContent()).toMatch(/抚顺市 · 截至 \d{4}年\d{1,2}月\d{1,2}日 · 13 项任务/);
    const ok = dialog.getByRole('button', { name: /发布到信息公开/ });
    expect(await ok.isDisabled()).toBe(true);
    await dialog.getByLabel('发布理由').fill('佐证材料已线下报送市督改办存档');
    await screenshot(page, 'publish-dialog');
    await ok.click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('已发布为第2版。').waitFor();

    // The same report again: the dialog says it is unchanged and does not offer publishing.
    await publish.click();
    await eventually(() => dialog.textContent()).toMatch(/与已公开的第2版（\d{4}年\d{1,2}月\d{1,2}日发布）内容相同，无需再次发布/);
    expect(await dialog.getByRole('button', { name: /发布到信息公开/ }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: /取\s?消/ }).click();

    // The public page: the report once, version 2 on screen, version 1 under it.
    await page.goto('/');
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('抚顺市');
    const history = page.getByRole('list', { name: '历次公开' });
    expect(await history.getByRole('link', { name: TITLE }).count()).toBe(1);
    await history.getByText('更早的版本（1）').click();
    await history.getByRole('link', { name: '第1版' }).click();
    await page.getByText('您正在查看第1版，已有更新的第2版。').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    await screenshot(page, 'public-versions');
    await page.getByRole('link', { name: '查看最新版' }).click();
    await page.getByText('您正在查看第1版').waitFor({ state: 'detached' });
    expect(await page.locator('article').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(problems).toEqual([]);
  });
});
