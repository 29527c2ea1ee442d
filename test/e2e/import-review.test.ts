/**
 * Importing a report the reader is unsure of (issue #16): the preview puts the doubtful tasks before the person,
 * who corrects one task's status; the preview is read again with the correction, which also applies to the other
 * task written the same way; the import takes the same correction, and the ledger shows the tasks as corrected.
 */
import { describe, expect, it } from 'vitest';
import { eventually, hasChromium, openPage, screenshot, signIn, useJourney } from './browser.js';

// Two sections headed 一、/二、 whose status 有所好转 is no status the reader knows: both are doubtful.
const REPORT = ['抚顺市督察整改工作推进情况', '一、矿山生态修复', '整改情况：有所好转。', '（一）完成修复面积46亩。', '二、尾矿库治理', '整改情况：有所好转。', '（一）完成闭库2座。'].join('\n');

describe.skipIf(!hasChromium)('import review journey', () => {
  const journey = useJourney();

  it('corrects a doubtful status in the preview, sees it applied to the same words, and imports with it', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, journey.server.admin.username, journey.server.admin.password);
    await page.goto('/reports?tab=import');
    await page.locator('.ant-upload input[type=file]').setInputFiles({ name: '推进情况.txt', mimeType: 'text/plain', buffer: Buffer.from(REPORT) });

    // Both tasks are put in front of the person, with the reason.
    const review = page.getByTestId('import-review');
    await review.getByText('需要人工确认的任务（2 项）').waitFor();
    expect(await review.getByText('整改状态「有所好转」无法识别', { exact: false }).count()).toBe(2);
    await screenshot(page, 'import-review');

    // The person says task 一 is in progress and previews again.
    await review.getByRole('combobox', { name: '更正任务一的整改状态' }).click();
    await page.locator('.ant-select-item-option', { hasText: /^正在推进$/ }).click();
    await review.getByRole('button', { name: '按更正重新预览' }).click();

    // The correction is applied, to task 二 as well (same words): nothing is left to confirm.
    await review.getByText('已按 1 条人工更正识别', { exact: false }).waitFor();
    await eventually(() => review.getByText('需要人工确认的任务', { exact: false }).count()).toBe(0);

    // The import reads the file with the same correction.
    await page.getByRole('button', { name: '确认导入 2 项任务' }).click();
    await page.getByText('推进情况.txt 已导入').waitFor();
    expect(await page.getByText('新增 2 项', { exact: false }).count()).toBe(1);

    // The ledger shows both tasks in progress.
    await page.goto('/ledger?status=in_progress');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await eventually(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toMatch(/矿山生态修复|尾矿库治理/);
    expect(problems).toEqual([]);
  });
});
