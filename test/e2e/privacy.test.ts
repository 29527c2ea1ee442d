/**
 * First sign-in and complainants' details in the browser, on a server that makes users choose their own password
 * (FORCE_PASSWORD_CHANGE): the administrator and then a reporter meet the change-password page before anything else;
 * the reporter sees a case's complainant masked; the administrator grants the reporter complainants' details in user
 * administration; the reporter opens them with 查看举报人信息, and the view is in the case's history.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSession } from '../helpers/e2e-server.js';
import { eventually, hasChromium, openPage, screenshot, signIn, useJourney } from './browser.js';

const ADMIN_PASSWORD = 'lantern-harbour-quartz-61';
const REPORTER = { username: 'fs-privacy', displayName: '抚顺市信访填报员', first: 'given-by-admin-pass-2031', own: 'copper-meadow-violet-47' };

/** The change-password page stands in front: fill it in and land where the user was going. */
async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await page.getByRole('heading', { name: '请先设置您自己的密码' }).waitFor();
  await page.getByLabel('当前密码').fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('再次输入新密码').fill(next);
  await page.getByRole('button', { name: '修改密码' }).click();
  await page.getByRole('heading', { name: '请先设置您自己的密码' }).waitFor({ state: 'detached' });
}

describe.skipIf(!hasChromium)('first sign-in and complainants\' details journey', () => {
  const journey = useJourney([], { FORCE_PASSWORD_CHANGE: 'true' });

  it('makes each user choose a password first, masks the complainant, and opens it only after a grant, recorded', async () => {
    const { baseUrl, admin: first } = journey.server;
    const admin = await openPage(journey.browser, baseUrl);
    // The first password (from the console) works once: the administrator must choose their own before the dashboard.
    await admin.page.goto('/dashboard');
    await admin.page.waitForURL(/\/sign-in/);
    await signIn(admin.page, first.username, first.password);
    await changePassword(admin.page, first.password, ADMIN_PASSWORD);
    await eventually(() => admin.page.getByTestId('current-user').textContent()).toContain('系统管理员');
    await admin.page.waitForURL(/\/dashboard$/);

    // A case of 抚顺市 naming its complainant, registered through the API; and a reporter of 抚顺市.
    const call = await apiSession(baseUrl, first.username, ADMIN_PASSWORD);
    const unit = (await call<{ items: { id: number; name: string }[] }>('GET', `/api/org-units?q=${encodeURIComponent('抚顺市')}&pageSize=50`)).items.find((u) => u.name === '抚顺市')!;
    const inspection = (await call<{ items: { id: number }[] }>('GET', '/api/inspections')).items[0]!;
    const batch = await call<{ id: number }>('POST', '/api/case-batches', { inspectionId: inspection.id, orgUnitId: unit.id, batchNo: '9', handedOverAt: '2025-06-01' });
    const created = await call<{ id: number }>('POST', '/api/cases', {
      batchId: batch.id, caseNo: 'X3LN202506010009', orgUnitId: unit.id, targetName: '某某养殖场',
      content: '养殖场粪污直排河道。举报人：李秀英，联系电话13841301234，要求保密。', complainantName: '李秀英', complainantContact: '13841301234',
    });
    await call('POST', '/api/users', {
      username: REPORTER.username, displayName: REPORTER.displayName, password: REPORTER.first, memberships: [{ orgUnitId: unit.id, role: 'reporter' }],
    });

    // The reporter's first sign-in also begins with the change-password page; then the case shows the complainant masked.
    const reporter = await openPage(journey.browser, baseUrl);
    await signIn(reporter.page, REPORTER.username, REPORTER.first);
    await changePassword(reporter.page, REPORTER.first, REPORTER.own);
    await reporter.page.goto(`/cases/${created.id}`);
    await reporter.page.getByRole('heading', { level: 2, name: 'X3LN202506010009' }).waitFor();
    const complainant = reporter.page.getByTestId('complainant');
    await eventually(() => complainant.textContent()).toBe('李** · 138****1234');
    expect(await reporter.page.getByRole('button', { name: /查看举报人信息/ }).count()).toBe(0);
    const body = await reporter.page.locator('main').first().textContent();
    expect(body).not.toContain('李秀英');
    expect(body).not.toContain('13841301234');
    await screenshot(reporter.page, 'complainant-masked');

    // The administrator grants the reporter complainants' details at 抚顺市, in user administration.
    await admin.page.goto('/admin');
    await admin.page.getByRole('searchbox', { name: '搜索用户名或姓名' }).fill(REPORTER.username);
    await admin.page.getByRole('searchbox', { name: '搜索用户名或姓名' }).press('Enter');
    await admin.page.getByRole('button', { name: `${REPORTER.username} 的操作` }).click();
    await admin.page.getByRole('menuitem', { name: '修改角色与邮箱' }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: '可查看举报人信息' }).check();
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(() => admin.page.locator('.ant-table-tbody').textContent()).toContain('举报人信息');

    // The reporter now opens the details; the view is recorded and shows in the case's history.
    await reporter.page.reload();
    await reporter.page.getByRole('button', { name: /查看举报人信息/ }).click();
    await eventually(() => complainant.textContent()).toBe('李秀英 · 13841301234');
    await reporter.page.getByText('已显示完整信息，本次查看已记录').waitFor();
    expect(await reporter.page.locator('main').first().textContent()).toContain('举报人：李秀英，联系电话13841301234');
    await screenshot(reporter.page, 'complainant-opened');
    await reporter.page.reload();
    await eventually(() => complainant.textContent()).toBe('李** · 138****1234');
    await reporter.page.getByRole('tab', { name: /操作记录/ }).click();
    await eventually(() => reporter.page.getByRole('tabpanel').textContent()).toContain('查看举报人信息');
    expect(await reporter.page.getByRole('tabpanel').textContent()).toContain(REPORTER.username);

    expect(admin.problems).toEqual([]);
    expect(reporter.problems).toEqual([]);
  });
});
