/**
 * The frame of the app in the browser: an administrator walks every page in Chinese and in English and no page shows
 * a dictionary key, a Chinese word on an English page that is not data from the API, or an ISO date in Chinese text;
 * the English side menu shows every item at 1440 px; at 390 px the ledger is cards; the print views and the 404 page.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSession } from '../helpers/e2e-server.js';
import { zh } from '../../src/web/i18n/zh.js';
import { eventually, hasChromium, openPage, screenshot, signIn, useJourney } from './browser.js';

const KEYS = Object.keys(zh);
const CJK = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/g;
/** Chinese that belongs on an English page: the language switch names each language in its own words. */
const OWN_NAMES = new Set(['中文']);

/** A page is ready when nothing spins and the network has been quiet: its data is on screen. */
async function settle(page: Page, address: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // A loaded machine can take a while over a page's data; the spinner must go, however long it takes within a minute.
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count(), { timeout: 60_000, interval: 200, message: `${address} still loading` }).toBe(0);
  await page.waitForLoadState('networkidle');
}

describe.skipIf(!hasChromium)('layout, languages and print views', () => {
  const journey = useJourney();

  async function addresses(): Promise<string[]> {
    const { baseUrl, admin } = journey.server;
    const call = await apiSession(baseUrl, admin.username, admin.password);
    const task = (await call<{ items: { id: number }[] }>('GET', '/api/assignments?pageSize=1')).items[0]!;
    const plan = (await call<{ items: { id: number }[] }>('GET', '/api/plans?pageSize=1')).items[0]!;
    const units = await call<{ items: { id: number; name: string }[] }>('GET', `/api/org-units?q=${encodeURIComponent('抚顺市')}&pageSize=5`);
    const city = units.items.find((u) => u.name === '抚顺市')!;
    const rounds = await call<{ items: { id: number }[] }>('GET', '/api/rounds');
    const round = rounds.items[0] ?? await call<{ id: number }>('POST', '/api/rounds', { scopeOrgId: city.id, dueDate: '2099-12-31' });
    const cases = await call<{ items: { id: number }[] }>('GET', '/api/cases?pageSize=1');
    const reports = await call<{ items: { id: number }[] }>('GET', '/api/public/reports');
    return [
      '/dashboard', '/ledger', `/tasks/${task.id}`, `/tasks/${task.id}/print`, '/ledger/print', '/plans', `/plans/${plan.id}`,
      '/rounds', `/rounds/${round.id}`, '/cases', ...(cases.items[0] ? [`/cases/${cases.items[0].id}`] : []), '/reports',
      '/admin?tab=users', '/admin?tab=org', '/admin?tab=settings', '/admin?tab=calendar', '/admin?tab=audit', '/account',
      '/', ...(reports.items[0] ? [`/public/${reports.items[0].id}`] : []), '/no-such-page',
    ];
  }

  // Some forty pages on a shared 2-core machine: minutes, not seconds.
  it('walks every page in both languages: no raw keys, no untranslated words, no ISO dates in Chinese', { timeout: 600_000 }, async () => {
    const pages = await addresses();
    const findings: string[] = [];
    for (const locale of ['zh', 'en'] as const) {
      const { page, problems } = await openPage(journey.browser, journey.server.baseUrl, { width: 1440, height: 900 });
      await page.addInitScript((l) => localStorage.setItem('rectify.locale', l), locale);
      // What the API said is data: Chinese words in it may stand on an English page.
      const data: string[] = [];
      page.on('response', (r) => {
        if (new URL(r.url()).pathname.startsWith('/api/') && (r.headers()['content-type'] ?? '').includes('json')) {
          r.text().then((body) => data.push(body), () => undefined);
        }
      });
      await signIn(page, journey.server.admin.username, journey.server.admin.password);
      for (const address of pages) {
        await page.goto(address);
        await settle(page, address);
        const text = await page.locator('body').innerText();
        for (const key of KEYS) if (text.includes(key)) findings.push(`${locale} ${address}: raw key ${key}`);
        if (locale === 'zh') {
          for (const m of text.matchAll(ISO_DATE)) findings.push(`zh ${address}: ISO date ${m[0]} in “${text.slice(Math.max(0, m.index - 20), m.index + 30).replace(/\s+/g, ' ')}”`);
        } else {
          const known = data.join('\n');
          for (const m of text.matchAll(CJK)) {
            if (!OWN_NAMES.has(m[0]) && !known.includes(m[0])) findings.push(`en ${address}: Chinese not from data “${m[0]}” in “${text.slice(Math.max(0, m.index - 20), m.index + 30).replace(/\s+/g, ' ')}”`);
          }
        }
      }
      await screenshot(page, `walk-${locale}-last`);
      expect(problems.filter((p) => !p.includes('/no-such-page'))).toEqual([]);
      await page.context().close();
    }
    expect([...new Set(findings)]).toEqual([]);
  });

  it('shows every navigation item in English at 1440 px, none behind ···', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl, { width: 1440, height: 900 });
    await page.addInitScript(() => localStorage.setItem('rectify.locale', 'en'));
    await signIn(page, journey.server.admin.username, journey.server.admin.password);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Dashboard' }).waitFor();
    await page.goto('/admin?tab=audit');
    await nav.getByRole('link', { name: 'Audit trail' }).waitFor();
    for (const name of ['Dashboard', 'Ledger', 'Inspections & plans', 'Reporting rounds', 'Complaint cases', 'Reports', 'Users and roles', 'Org units', 'Settings', 'Holiday calendar', 'Audit trail', 'Public disclosure']) {
      const item = nav.getByRole('link', { name, exact: true });
      expect(await item.isVisible(), name).toBe(true);
      const box = (await item.boundingBox())!;
      expect(box.x + box.width, name).toBeLessThanOrEqual(1440);
    }
    expect(await page.locator('.ant-menu-overflow-item-rest:visible').count()).toBe(0);
    expect(await page.getByText('Administration').count()).toBeGreaterThan(0);
    // Breadcrumbs: home, the section, the tab.
    const crumbs = page.locator('.app-breadcrumbs');
    await eventually(() => crumbs.innerText()).toContain('Audit trail');
    expect(await crumbs.innerText()).toContain('Administration');
    await screenshot(page, 'nav-en-1440');

    // A task page names itself in the breadcrumbs under the ledger.
    await page.goto('/ledger');
    await page.locator('.ant-table-tbody tr.ant-table-row').first().getByRole('link').click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await eventually(() => crumbs.innerText()).toMatch(/Ledger\s*\/\s*Task \S+ · /);
    expect(problems).toEqual([]);
  });

  it('shows only what a role may use', async () => {
    const { baseUrl, admin } = journey.server;
    const call = await apiSession(baseUrl, admin.username, admin.password);
    const units = await call<{ items: { id: number; name: string }[] }>('GET', `/api/org-units?q=${encodeURIComponent('抚顺市')}&pageSize=5`);
    const city = units.items.find((u) => u.name === '抚顺市')!;
    await call('POST', '/api/users', { username: 'layout-viewer', displayName: '抚顺市领导', password: 'viewer-pass-2024', memberships: [{ orgUnitId: city.id, role: 'viewer' }] });
    const { page, problems } = await openPage(journey.browser, baseUrl);
    await signIn(page, 'layout-viewer', 'viewer-pass-2024');
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('link', { name: '整改台账' }).waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['工作台', '总览', '整改台账', '督察与方案', '调度', '信访件', '报告', '信息公开']);
    expect(await nav.getByText('系统管理').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows the ledger as cards at 390 px, with the camera on the report form', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl, { width: 390, height: 844 });
    await signIn(page, journey.server.admin.username, journey.server.admin.password);
    await page.goto('/ledger');
    const cards = page.getByTestId('ledger-card');
    await eventually(() => cards.count()).toBe(13);
    expect(await page.locator('.ant-table').count()).toBe(0);
    const first = await cards.first().innerText();
    expect(first).toMatch(/^第1项 · 任务\S+/);
    expect(first).toContain('整改时限：');
    // Nothing wider than the screen: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The side menu is closed on a phone and opens over the page.
    expect(await page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(false);
    await screenshot(page, 'ledger-390');

    await cards.first().getByRole('link').click();
    await page.waitForURL(/\/tasks\/\d+$/);
    const report = page.getByRole('button', { name: '报送进展' });
    if (await report.count()) {
      await report.click();
      const drawer = page.locator('.ant-drawer-content-wrapper');
      const camera = page.locator('.ant-drawer input[type=file][capture=environment]');
      await eventually(() => camera.count()).toBe(1);
      expect(await camera.getAttribute('accept')).toBe('image/*');
      const box = (await drawer.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(390);
      await screenshot(page, 'progress-form-390');
    }
    expect(problems).toEqual([]);
  });

  it('prints the ledger with 序号 and a Chinese date, and a 404 leads a signed-in user home', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, journey.server.admin.username, journey.server.admin.password);
    await page.goto('/ledger');
    const head = page.locator('.ant-table-thead th').first();
    await eventually(() => head.innerText()).toBe('序号');
    const popup = page.waitForEvent('popup');
    await page.getByRole('link', { name: /打印/ }).click();
    const print = await popup;
    await print.waitForURL(/\/ledger\/print/);
    const table = print.getByTestId('print-ledger');
    await eventually(() => table.locator('tbody tr').count()).toBe(13);
    expect(await table.locator('thead th').first().innerText()).toBe('序号');
    expect(await table.locator('tbody tr').last().locator('td').first().innerText()).toBe('13');
    expect(await print.getByTestId('print-date').innerText()).toMatch(/^打印日期：\d{4}年\d{1,2}月\d{1,2}日$/);
    // No menus on the print view.
    expect(await print.getByRole('navigation', { name: '主导航' }).count()).toBe(0);
    await print.emulateMedia({ media: 'print' });
    expect(await print.getByRole('button', { name: /打印/ }).isVisible()).toBe(false);
    await screenshot(print, 'ledger-print');
    await print.close();

    await page.goto('/no-such-page');
    await page.getByRole('button', { name: '返回工作台' }).click();
    await page.waitForURL(/\/workbench$/);
    expect(problems).toEqual([]);
  });
});
