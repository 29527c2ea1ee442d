/**
 * Acceptance and closure (验收销号) in the browser: a reporter of 抚顺市 applies to close 任务38 (completed in the
 * sample) with an evidence file as its dossier; a reviewer of 抚顺市 — the accepting unit at the configured city
 * level — accepts and starts the public notice. A notice lasts working days, so its end is moved into the past in the
 * server's database; the reviewer then closes (销号) and files (备案) it, and the ledger shows the task closed.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { endNoticesYesterday, FS_REPORTER, FS_REVIEWER } from '../helpers/e2e-server.js';
import { eventually, hasChromium, openPage, png, screenshot, signIn, confirmDialog, useJourney } from './browser.js';

/** The ledger filtered to 任务38 (挥发性有机物). */
const LEDGER_38 = `/ledger?q=${encodeURIComponent('挥发性有机物')}`;

async function openTask38(page: Page): Promise<void> {
  await page.goto(LEDGER_38);
  const row = page.locator('.ant-table-tbody tr.ant-table-row');
  await eventually(() => row.count()).toBe(1);
  await row.getByRole('link').first().click();
  await page.getByRole('heading', { level: 2, name: /任务38 · 抚顺市/ }).waitFor();
}

/** The closure tab, opened; its steps in the order taken. */
async function openClosure(page: Page) {
  await page.getByRole('tab', { name: '验收销号' }).click();
  const section = page.getByRole('tabpanel');
  const steps = () => section.locator('.ant-timeline-item').evaluateAll((items) => items.map((i) => i.textContent?.split(' · ')[0]?.trim()));
  return { section, steps };
}

describe.skipIf(!hasChromium)('acceptance and closure journey', () => {
  const journey = useJourney([FS_REPORTER, FS_REVIEWER]);

  it('the responsible unit applies with its evidence dossier', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, FS_REPORTER.username, FS_REPORTER.password);
    await openTask38(page);

    // Applying needs evidence: upload a photo first.
    await page.getByRole('tab', { name: /佐证材料/ }).click();
    await page.getByRole('tabpanel').locator('input[type=file]').setInputFiles({ name: '验收照片.png', mimeType: 'image/png', buffer: png(120, 80) });
    await eventually(() => page.getByRole('tab', { name: '佐证材料 (1)' }).count()).toBe(1);

    const { section, steps } = await openClosure(page);
    await section.getByText('尚未申请验收销号').waitFor();
    await section.getByRole('button', { name: '申请验收销号' }).click();
    const dialog = page.locator('.ant-modal');
    // The whole dossier is ticked by default.
    expect(await dialog.getByRole('checkbox', { name: '验收照片.png' }).isChecked()).toBe(true);
    await dialog.getByLabel('说明').fill('VOCs 治理任务已全部完成，申请验收销号。');
    await confirmDialog(dialog, '提交申请');

    await eventually(steps).toEqual(['申请验收销号']);
    expect(await section.textContent()).toContain('已申请验收');
    expect(await section.textContent()).toContain('抚顺市');
    expect(await section.textContent()).toContain('验收照片.png');
    // The applicant decides nothing.
    expect(await section.getByRole('button', { name: '验收通过' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('a reviewer of the accepting unit accepts, gives notice, closes and files it', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, FS_REVIEWER.username, FS_REVIEWER.password);
    await openTask38(page);
    let { section, steps } = await openClosure(page);
    const dialog = page.locator('.ant-modal');

    await section.getByRole('button', { name: '验收通过' }).click();
    await dialog.getByLabel('说明').fill('材料齐全，同意验收。');
    await confirmDialog(dialog, '验收通过');
    await eventually(steps).toEqual(['申请验收销号', '验收通过']);

    await section.getByRole('button', { name: '开始公示' }).click();
    await confirmDialog(dialog, '开始公示');
    await eventually(steps).toEqual(['申请验收销号', '验收通过', '开始公示']);
    expect(await section.textContent()).toContain('公示中');
    expect(await section.textContent()).toContain('公示期');

    // The notice period cannot be waited out: it ended yesterday.
    expect(endNoticesYesterday(journey.server)).toBe(1);
    await page.reload();
    await page.getByRole('heading', { level: 2, name: /任务38 · 抚顺市/ }).waitFor();
    ({ section, steps } = await openClosure(page));
    await eventually(steps).toEqual(['申请验收销号', '验收通过', '开始公示']);

    await section.getByRole('button', { name: /^销\s?号$/ }).click();
    await confirmDialog(dialog, /^销\s?号$/);
    await eventually(steps).toEqual(['申请验收销号', '验收通过', '开始公示', '销号']);
    expect(await section.textContent()).toContain('已销号');

    await section.getByRole('button', { name: /^备\s?案$/ }).click();
    await confirmDialog(dialog, /^备\s?案$/);
    await eventually(steps).toEqual(['申请验收销号', '验收通过', '开始公示', '销号', '备案']);
    expect(await section.textContent()).toContain('已备案');
    await screenshot(page, 'closure');

    // The task is closed in the ledger.
    await page.goto(LEDGER_38);
    const row = page.locator('.ant-table-tbody tr.ant-table-row');
    await eventually(() => row.count()).toBe(1);
    await eventually(() => row.textContent()).toContain('已销号');
    expect(problems).toEqual([]);
  });
});
