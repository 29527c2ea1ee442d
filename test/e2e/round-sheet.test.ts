/**
 * The round sheet (调度表) in the browser: a county's reporter downloads the sheet of what the county owes, the test
 * fills it in as a person would in Excel, the reporter uploads it, sees the preview and applies it; the round page
 * shows the county's sheet as returned and the report awaiting review, and the task's page shows the progress.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiSession, type E2EUser } from '../helpers/e2e-server.js';
import { editSheet } from '../helpers/sheet-edit.js';
import { eventually, hasChromium, openPage, screenshot, signIn, useJourney } from './browser.js';

const XB_REPORTER: E2EUser = { username: 'xb-reporter', displayName: '新宾县填报员', password: 'xinbin-pass-2024', role: 'reporter', orgName: '新宾满族自治县' };

describe.skipIf(!hasChromium)('round sheet journey', () => {
  const journey = useJourney([XB_REPORTER]);

  it('a county reporter downloads the round sheet, fills it in, uploads it and applies it', async () => {
    const { server, browser } = journey;
    // The office passes one of 抚顺市's tasks down to 新宾 and opens a round for the county.
    const call = await apiSession(server.baseUrl, server.admin.username, server.admin.password);
    const units = await call<{ items: { id: number; name: string }[] }>('GET', `/api/org-units?q=${encodeURIComponent('新宾')}&pageSize=50`);
    const county = units.items.find((u) => u.name === '新宾满族自治县')!;
    const city = (await call<{ items: { id: number; name: string }[] }>('GET', `/api/org-units?q=${encodeURIComponent('抚顺市')}&pageSize=50`)).items.find((u) => u.name === '抚顺市')!;
    const shares = await call<{ items: { id: number; taskId: number; taskCode: string }[] }>('GET', `/api/assignments?orgUnitId=${city.id}&q=${encodeURIComponent('农村环境')}`);
    const share = shares.items[0]!;
    const mine = await call<{ id: number }>('POST', '/api/assignments', { taskId: share.taskId, orgUnitId: county.id, parentId: share.id, deadlineKind: 'long_term', deadlineDate: null });
    const round = await call<{ id: number; name: string }>('POST', '/api/rounds', { scopeOrgId: county.id, dueDate: '2099-12-31' });

    const { page, problems } = await openPage(browser, server.baseUrl);
    await signIn(page, XB_REPORTER.username, XB_REPORTER.password);
    await eventually(() => page.getByTestId('current-user').textContent()).toContain('新宾满族自治县');
    await page.goto(`/rounds/${round.id}`);
    await page.getByRole('heading', { level: 2, name: new RegExp(round.name) }).waitFor();
    await eventually(() => page.getByTestId('sheet-returns').textContent()).toContain('尚无单位交回调度表');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('下载调度表').click()]);
    expect(download.suggestedFilename()).toMatch(/调度表-新宾满族自治县\.xlsx$/);
    const sheet = fs.readFileSync(await download.path());
    const filled = await editSheet(sheet, { [mine.id]: { status: '达到序时进度', progress: '新宾县已完成 12 个行政村环境整治。', nextSteps: '年底前完成其余村屯。', evidenceNote: '整治验收记录 12 份' } });

    await page.getByRole('button', { name: '上传填好的调度表' }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.locator('input[type=file]').setInputFiles({ name: '新宾县调度表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: filled });
    const preview = dialog.getByTestId('sheet-preview');
    await eventually(() => preview.textContent()).toContain('新宾县已完成 12 个行政村环境整治。');
    expect(await preview.textContent()).toContain('报送进展');
    await screenshot(page, 'round-sheet-preview');
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The round page shows the county's sheet returned and its report awaiting review.
    await eventually(() => page.getByTestId('sheet-returns').textContent()).toContain('新宾满族自治县');
    await eventually(() => page.locator('.ant-table-tbody').last().textContent()).toContain('待审核');
    await screenshot(page, 'round-sheet-returned');

    // The task's page in the ledger shows the progress as reported.
    await page.goto(`/tasks/${mine.id}`);
    await page.getByRole('tab', { name: /进展报送/ }).click();
    const latest = page.locator('[data-testid^="progress-"]').first();
    await eventually(() => latest.textContent()).toContain('新宾县已完成 12 个行政村环境整治。');
    expect(await latest.textContent()).toContain('待审核');
    expect(problems).toEqual([]);
  });
});
