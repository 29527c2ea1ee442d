/**
 * Chromium for the browser journeys (Debian's /usr/bin/chromium through playwright-core). Without it the journeys
 * are skipped with a message, except under CI, where a missing browser fails the run.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createUser, startE2EServer, type E2EServer, type E2EUser } from '../helpers/e2e-server.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export const hasChromium = fs.existsSync(CHROMIUM_PATH);
if (!hasChromium) {
  if (process.env.CI) throw new Error(`CI: Chromium is required for the browser journeys but ${CHROMIUM_PATH} is missing (apt-get install chromium fonts-noto-cjk)`);
  console.warn(`Skipping browser journeys: ${CHROMIUM_PATH} not found (apt-get install chromium fonts-noto-cjk to run them).`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The server and browser of a journey, for its tests (not before its beforeAll has run). */
export interface Journey {
  readonly server: E2EServer;
  readonly browser: Browser;
}

/**
 * A journey's fixtures, as hooks of the calling describe: beforeAll starts the server, creates `users` (in order,
 * as the administrator) and launches Chromium; afterAll closes the browser and the server, whatever of them was
 * started (also when the setup failed part-way).
 */
export function useJourney(users: readonly E2EUser[] = [], env: Record<string, string> = {}): Journey {
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startE2EServer(env);
    for (const user of users) await createUser(server, user);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`the journey's ${what} is not started: read it in a test, after useJourney's beforeAll`);
    return value;
  };
  return {
    get server() { return started('server', server); },
    get browser() { return started('browser', browser); },
  };
}

/**
 * A fresh page (own cookies and storage) that records script errors and failed API calls, so a journey can assert
 * the app stayed healthy. The 401 of /api/auth/me for a visitor is expected and not recorded.
 */
export async function openPage(browser: Browser, baseUrl: string, viewport = { width: 1366, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/') && r.status() >= 400 && !(url.pathname === '/api/auth/me' && r.status() === 401)) {
      problems.push(`${r.request().method()} ${url.pathname} → ${r.status()}`);
    }
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('401 (Unauthorized)')) problems.push(`console: ${m.text()}`);
  });
  return { page, problems };
}

/** A full-page picture for looking at by eye: from the top, after charts have finished their entry animation. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  if (await page.locator('canvas').count()) await page.waitForTimeout(1200);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Signs in on the sign-in page it is on (keeping its ?next=), or on a fresh one (which leads to the workbench). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/sign-in')) await page.goto('/sign-in');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.locator('form').getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/** expect.poll with a timeout fit for a page that loads lazily over a real server (vitest's default is 1 s). */
export const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });

/** A small solid green PNG: real image bytes, since the server checks what a file contains. */
export function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([0x2f, 0x9e, 0x44]))]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * Confirms an antd dialog: waits until its opening animation is over (a click during the zoom can be lost on a busy
 * machine), clicks the button, and waits for the dialog to close; if it stays open, fails with what it shows
 * (the API's error message) instead of a bare timeout.
 */
export async function confirmDialog(dialog: Locator, button: string | RegExp): Promise<void> {
  await dialog.and(dialog.page().locator('.ant-zoom-appear')).waitFor({ state: 'detached' });
  await dialog.getByRole('button', { name: button }).click();
  try {
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
  } catch {
    throw new Error(`the dialog stayed open after “${String(button)}”: ${(await dialog.textContent()) ?? ''}`);
  }
}
