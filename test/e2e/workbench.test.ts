/**
 * The workbench and rounds run from one page, in the browser: a county reporter signs in to its 工作台, follows what
 * it owes into the task (the round preselected) and submits the round report; the office sends 催办 to every unit
 * that has not reported, and cannot send a second one the same day (the page says when the last went); a reviewer
 * accepts several reports of a round in one batch.
 */
import { describe, expect, it } from 'vitest';
import { apiSession, FS_REVIEWER, XB_REPORTER } from '../helpers/e2e-server.js';
import { eventually, hasChromium, openPage, screenshot, signIn, useJourney } from './browser.js';

describe.skipIf(!hasChromium)('workbench and round journey', () => {
  const journey = useJourney([XB_REPORTER, FS_REVIEWER]);
  let shareId: number, countyRound: { id: number; name: string }, cityRound: { id: number; name: string };
  let cityShares: number[];

  it('a reporter goes from sign-in through its workbench to a submitted round report', async () => {
    const { server, browser } = journey;
    const call = await apiSession(server.baseUrl, server.admin.username, server.admin.password);
    const unit = async (name: string) => (await call<{ items: { id: number; name: string }[] }>('GET', `/api/org-units?q=${encodeURIComponent(name)}&pageSize=50`)).items.find((u) => u.name === name)!;
    const county = await unit('新宾满族自治县');
    const city = await unit('抚顺市');
    const shares = await call<{ items: { id: number; taskId: number; orgUnitId: number }[] }>('GET', `/api/assignments?orgUnitId=${city.id}&pageSize=100`);
    cityShares = shares.items.filter((s) => s.orgUnitId === city.id).map((s) => s.id);
    const parent = shares.items.find((s) => s.orgUnitId === city.id)!;
    shareId = (await call<{ id: number }>('POST', '/api/assignments', { taskId: parent.taskId, orgUnitId: county.id, parentId: parent.id, deadlineKind: 'long_term', deadlineDate: null })).id;
    countyRound = await call('POST', '/api/rounds', { scopeOrgId: county.id, dueDate: '2099-12-31' });
    cityRound = await call('POST', '/api/rounds', { scopeOrgId: city.id, dueDate: '2099-12-31' });

    const { page, problems } = await openPage(browser, server.baseUrl);
    await signIn(page, XB_REPORTER.username, XB_REPORTER.password);
    await page.waitForURL(/\/workbench$/);
    const owed = page.getByTestId('wb-round-reports');
    await eventually(() => owed.textContent()).toContain(countyRound.name);
    expect(await owed.textContent()).toContain('2099年12月31日截止');
    // The bell counts what the workbench lists: the share owed in each of the two rounds.
    await eventually(() => page.getByTestId('workbench-total').textContent()).toBe('待办 2 项');
    await eventually(() => page.getByRole('button', { name: /^待办 2 项，通知 \d+ 条未读$/ }).count()).toBe(1);
    await screenshot(page, 'workbench-reporter');

    // The county's own round: its link carries the round to the task.
    await page.getByTestId(`wb-round-${countyRound.id}`).getByTestId(`wb-report-${shareId}`).click();
    await page.waitForURL(new RegExp(`/tasks/${shareId}\\?round=${countyRound.id}$`));
    const round = countyRound.id;
    await page.getByRole('button', { name: '报送进展' }).click();
    const drawer = page.locator('.ant-drawer');
    await eventually(() => drawer.textContent()).toContain(`本报告将计入调度“${countyRound.name}”。`);
    await drawer.getByLabel('整改状态').fill('达到序时进度');
    await drawer.getByLabel('进展情况').fill('新宾县已完成 12 个行政村环境整治。');
    await drawer.getByRole('button', { name: '提交审核' }).click();
    await drawer.waitFor({ state: 'detached' });
    await eventually(() => page.locator('[data-testid^="progress-"]').first().textContent()).toContain('待审核');

    // The report belongs to the round: the round counts the county as reported, and the workbench has one less.
    await page.goto(`/rounds/${round}`);
    await eventually(() => page.getByTestId('unit-grid').textContent()).toContain('新宾满族自治县');
    await eventually(() => page.locator('.ant-table-tbody').last().textContent()).toContain('待审核');
    await page.goto('/workbench');
    await eventually(() => page.getByTestId('workbench-total').textContent()).toBe('待办 1 项');
    expect(problems).toEqual([]);
  });

  it('the office sends 催办 to every unit that has not reported, once a day', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, journey.server.admin.username, journey.server.admin.password);
    await page.goto(`/rounds/${cityRound.id}`);
    const urgeAll = page.getByTestId('urge-all');
    await eventually(() => urgeAll.isEnabled()).toBe(true);
    await urgeAll.click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /^催\s?办$/ }).click();
    await eventually(() => page.locator('.ant-message').textContent()).toMatch(/已向\d+个单位发送催办/);
    // Every unit is reminded today: the buttons are off, and say when the reminder went.
    await eventually(() => urgeAll.isDisabled()).toBe(true);
    const grid = page.getByTestId('unit-grid');
    const unitButton = grid.locator('[data-testid^="urge-"]').first();
    await eventually(() => unitButton.isDisabled()).toBe(true);
    await unitButton.locator('xpath=..').hover();
    await eventually(() => page.locator('.ant-tooltip').last().textContent()).toMatch(/^今天\d{2}:\d{2}已催办，每个单位每天最多催办一次$/);
    await screenshot(page, 'round-urged');

    // A second try by the API is refused with the time of the first; nothing is sent twice.
    const call = await apiSession(journey.server.baseUrl, journey.server.admin.username, journey.server.admin.password);
    const again = await call<{ sent: unknown[]; skipped: { lastSentAt: string }[] }>('POST', `/api/rounds/${cityRound.id}/urge`, {});
    expect(again.sent).toEqual([]);
    expect(again.skipped.length).toBeGreaterThan(0);
    // The county's reporter finds the reminder in the bell.
    const reporter = await apiSession(journey.server.baseUrl, XB_REPORTER.username, XB_REPORTER.password);
    const notices = await reporter<{ items: { kind: string; link: string }[] }>('GET', '/api/notifications');
    expect(notices.items.filter((n) => n.kind === 'round_urge').map((n) => n.link)).toEqual([`/rounds/${cityRound.id}`]);
    expect(problems).toEqual([]);
  });

  it('a reviewer accepts several reports of the round in one batch', async () => {
    const call = await apiSession(journey.server.baseUrl, journey.server.admin.username, journey.server.admin.password);
    for (const id of cityShares.slice(0, 2)) {
      await call('POST', `/api/assignments/${id}/progress-reports`, { roundId: cityRound.id, progress: '本期整改按计划推进。', statusText: '达到序时进度' });
    }
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, FS_REVIEWER.username, FS_REVIEWER.password);
    await page.waitForURL(/\/workbench$/);
    await eventually(() => page.getByTestId('wb-to-review').textContent()).toContain('达到序时进度');
    await page.goto(`/rounds/${cityRound.id}?status=awaiting_review`);
    const batch = page.getByTestId('batch-review');
    await eventually(() => batch.textContent()).toContain('批量审核整体生效');
    const rows = page.locator('.ant-table-tbody').last().locator('tr.ant-table-row');
    await eventually(() => rows.count()).toBe(2);
    await page.locator('.ant-table-thead').last().getByRole('checkbox').check();
    await eventually(() => batch.textContent()).toContain('已选 2 份待审核报告');
    await batch.getByRole('button', { name: '批量通过' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '批量通过' }).click();
    await eventually(() => page.locator('.ant-message').textContent()).toContain('已审核 2 份报告');
    await eventually(() => rows.count()).toBe(0);
    await page.goto(`/rounds/${cityRound.id}?status=accepted`);
    await eventually(() => page.locator('.ant-table-tbody').last().locator('tr.ant-table-row').count()).toBe(2);
    await screenshot(page, 'round-batch-accepted');
    expect(problems).toEqual([]);
  });
});
