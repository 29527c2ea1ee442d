/**
 * Acceptance by level (验收销号) in the browser: 新宾满族自治县 holds a county share of 抚顺市's 任务38 and, once it is
 * completed, applies with an evidence file; 抚顺市 — the level that assigned the share — accepts it, gives notice
 * and closes it, but cannot file it; 辽宁省 receives the filing (备案), samples the closure (抽查) and sends it back;
 * the county rectifies and applies again, and the city closes it again. A notice lasts working days, so its end is
 * moved into the past in the server's database. Completing the share (a progress report accepted by the city) is set
 * up through the API, as the reporting journey covers it in the browser.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSession, endNoticesYesterday, FS_REVIEWER, LN_REVIEWER, XB_REPORTER } from '../helpers/e2e-server.js';
import { eventually, hasChromium, openPage, png, screenshot, signIn, confirmDialog, useJourney, type Journey } from './browser.js';

/** API sessions, one per user for the whole journey (sign-ins are rate-limited). */
const sessions = new Map<string, ReturnType<typeof apiSession>>();
function session(journey: Journey, username: string, password: string) {
  if (!sessions.has(username)) sessions.set(username, apiSession(journey.server.baseUrl, username, password));
  return sessions.get(username)!;
}

/** The county share of 任务38 is made by the administrator and completed through a progress report the city accepts. */
async function countyShare(journey: Journey): Promise<number> {
  const { server } = journey;
  const admin = await session(journey, server.admin.username, server.admin.password);
  const ledger = await admin<{ items: { id: number; taskId: number; orgName?: string }[] }>('GET', `/api/assignments?q=${encodeURIComponent('挥发性有机物')}`);
  const city = ledger.items[0]!;
  const units = await admin<{ items: { id: number; name: string }[] }>('GET', `/api/org-units?q=${encodeURIComponent('新宾')}&pageSize=50`);
  const county = units.items.find((u) => u.name === '新宾满族自治县')!;
  const share = await admin<{ id: number }>('POST', '/api/assignments', { taskId: city.taskId, orgUnitId: county.id, parentId: city.id });
  await complete(journey, share.id);
  return share.id;
}

/** The county reports the share completed; the city's reviewer accepts the report. */
async function complete(journey: Journey, assignmentId: number): Promise<void> {
  const reporter = await session(journey, XB_REPORTER.username, XB_REPORTER.password);
  const report = await reporter<{ id: number; version: number }>('POST', `/api/assignments/${assignmentId}/progress-reports`, { progress: '辖区涉VOCs企业全部完成一厂一策整治。', statusText: '完成整改' });
  const reviewer = await session(journey, FS_REVIEWER.username, FS_REVIEWER.password);
  await reviewer('POST', `/api/progress-reports/${report.id}/accept`, { version: report.version });
}

/** The share's page at its closure tab; the record of steps in the order taken, and the chain's steps with their state. */
async function openClosure(page: Page, assignmentId: number) {
  await page.goto(`/tasks/${assignmentId}`);
  await page.getByRole('heading', { level: 2, name: /任务38 · 新宾满族自治县/ }).waitFor();
  await page.getByRole('tab', { name: '验收销号' }).click();
  const section = page.getByRole('tabpanel');
  const steps = () => section.locator('.ant-timeline-item').evaluateAll((items) => items.map((i) => i.textContent?.split(' · ')[0]?.trim()));
  const chain = () => section.getByTestId('closure-chain').locator('.ant-steps-item').evaluateAll((items) => items.map((i) => {
    const state = ['finish', 'process', 'wait', 'error'].find((s) => i.classList.contains(`ant-steps-item-${s}`));
    return `${i.querySelector('.ant-steps-item-title')?.textContent ?? ''}:${state}`;
  }));
  return { section, steps, chain, dialog: page.locator('.ant-modal') };
}

async function take(section: ReturnType<Page['getByRole']>, dialog: ReturnType<Page['locator']>, button: string | RegExp, text?: { label: string; value: string }) {
  await section.getByRole('button', { name: button }).click();
  if (text) await dialog.getByLabel(text.label).fill(text.value);
  await confirmDialog(dialog, button);
}

describe.skipIf(!hasChromium)('acceptance by level journey', () => {
  const journey = useJourney([XB_REPORTER, FS_REVIEWER, LN_REVIEWER]);
  let shareId: number;
  // One signed-in page per user for the whole journey: sign-ins are rate-limited (10 a minute).
  const pages = new Map<string, Awaited<ReturnType<typeof openPage>>>();
  async function as(user: { username: string; password: string }) {
    let p = pages.get(user.username);
    if (!p) {
      p = await openPage(journey.browser, journey.server.baseUrl);
      await signIn(p.page, user.username, user.password);
      pages.set(user.username, p);
    }
    return p;
  }

  it('the county applies for its completed share with its evidence dossier', async () => {
    shareId = await countyShare(journey);
    const { page, problems } = await as(XB_REPORTER);
    await page.goto(`/tasks/${shareId}`);
    await page.getByRole('heading', { level: 2, name: /任务38 · 新宾满族自治县/ }).waitFor();
    await page.getByRole('tab', { name: /佐证材料/ }).click();
    await page.getByRole('tabpanel').locator('input[type=file]').setInputFiles({ name: '验收照片.png', mimeType: 'image/png', buffer: png(120, 80) });
    await eventually(() => page.getByRole('tab', { name: '佐证材料 (1)' }).count()).toBe(1);

    const { section, steps, chain, dialog } = await openClosure(page, shareId);
    await section.getByText('尚未申请验收销号').waitFor();
    await section.getByRole('button', { name: '申请验收销号' }).click();
    expect(await dialog.getByRole('checkbox', { name: '验收照片.png' }).isChecked()).toBe(true);
    await dialog.getByLabel('说明').fill('VOCs 治理任务已全部完成，县级自验合格，申请验收销号。');
    await confirmDialog(dialog, '提交申请');
    await eventually(steps).toEqual(['申请验收销号']);
    // The chain: the county applied, the city accepts, then notice, closure and filing with the province.
    await eventually(chain).toEqual([
      '自验并申请 · 新宾满族自治县:finish', '验收 · 抚顺市:process', '公示 · 抚顺市:wait', '销号 · 抚顺市:wait', '备案 · 辽宁省:wait',
    ]);
    expect(await section.getByRole('button', { name: '验收通过' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('the city accepts, gives notice and closes, but files nothing itself', async () => {
    const { page, problems } = await as(FS_REVIEWER);
    let { section, steps, dialog } = await openClosure(page, shareId);
    await take(section, dialog, '验收通过', { label: '说明', value: '现场核查，同意验收。' });
    await eventually(steps).toEqual(['申请验收销号', '验收通过']);
    await take(section, dialog, '开始公示');
    await eventually(steps).toEqual(['申请验收销号', '验收通过', '开始公示']);

    expect(endNoticesYesterday(journey.server)).toBe(1);
    ({ section, steps, dialog } = await openClosure(page, shareId));
    await take(section, dialog, /^销\s?号$/);
    await eventually(steps).toEqual(['申请验收销号', '验收通过', '开始公示', '销号']);
    expect(await section.textContent()).toContain('已销号');
    // 备案 is the province's step.
    expect(await section.getByRole('button', { name: /^备\s?案$/ }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('the province receives the filing, samples the closure and sends it back', async () => {
    const { page, problems } = await as(LN_REVIEWER);
    const { section, steps, chain, dialog } = await openClosure(page, shareId);
    expect(await section.getByRole('button', { name: '验收通过' }).count()).toBe(0);
    await take(section, dialog, /^备\s?案$/, { label: '说明', value: '已收到备案材料。' });
    await eventually(steps).toEqual(['申请验收销号', '验收通过', '开始公示', '销号', '备案']);
    expect(await section.textContent()).toContain('已备案');
    await take(section, dialog, /^抽\s?查$/, { label: '意见', value: '抽查台账，材料齐全。' });
    await take(section, dialog, '抽查退回', { label: '理由', value: '现场复核发现一家企业废气收集设施停用。' });
    await eventually(steps).toEqual(['申请验收销号', '验收通过', '开始公示', '销号', '备案', '抽查', '抽查退回']);
    expect(await section.textContent()).toContain('退回整改');
    await eventually(chain).toEqual([
      '自验并申请 · 新宾满族自治县:finish', '验收 · 抚顺市:finish', '公示 · 抚顺市:finish', '销号 · 抚顺市:finish', '备案 · 辽宁省:finish',
      '抽查 · 辽宁省:finish', '抽查退回 · 辽宁省:error',
    ]);
    await screenshot(page, 'closure-sent-back');
    expect(problems).toEqual([]);
  });

  it('the county rectifies and applies again; the city closes it again', async () => {
    await complete(journey, shareId);
    const county = await as(XB_REPORTER);
    const c = await openClosure(county.page, shareId);
    await c.section.getByRole('button', { name: '申请验收销号' }).click();
    await confirmDialog(c.dialog, '提交申请');
    await eventually(c.steps).toEqual(['申请验收销号']);
    expect(county.problems).toEqual([]);

    const { page, problems } = await as(FS_REVIEWER);
    let { section, steps, dialog } = await openClosure(page, shareId);
    await take(section, dialog, '验收通过');
    await take(section, dialog, '开始公示');
    await eventually(steps).toEqual(['申请验收销号', '验收通过', '开始公示']);
    expect(endNoticesYesterday(journey.server)).toBe(1);
    ({ section, steps, dialog } = await openClosure(page, shareId));
    await take(section, dialog, /^销\s?号$/);
    await eventually(steps).toEqual(['申请验收销号', '验收通过', '开始公示', '销号']);
    expect(await section.textContent()).toContain('已销号');
    // The earlier procedure stays on the page, returned.
    expect(await section.getByText(/的程序$/).count()).toBe(2);
    await screenshot(page, 'closure');
    expect(problems).toEqual([]);
  });
});
