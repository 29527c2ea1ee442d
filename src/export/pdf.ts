/**
 * The PDF writer: Chromium (Debian's, driven by playwright-core) prints the report's HTML. One browser is launched
 * lazily and reused, because starting Chromium costs about a second; `closePdfRenderer()` ends it. Which Chromium is
 * the configuration's (`RECTIFY_CHROMIUM`), set by `openContext` through `usePdfBrowser`: a converter reads no environment.
 */
import type { Browser } from 'playwright-core';
import { AppError } from '../core/errors.js';
import { renderHtml } from './html.js';
import type { ExportReport } from './types.js';

let chromiumPath = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

let browser: Promise<Browser> | null = null;

/** The Chromium executable to launch from now on (a browser already running is kept until it is closed). */
export function usePdfBrowser(executablePath: string): void {
  chromiumPath = executablePath;
}

function getBrowser(): Promise<Browser> {
  if (!browser) {
    // Loaded on first use: the browser driver is large, and most server processes never print a PDF.
    const launching = import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath: chromiumPath, args: ARGS }).catch((error: unknown) => {
      browser = null; // let the next call try again, e.g. once chromium is installed
      throw new AppError('CONVERTER_MISSING', `无法启动 Chromium（${chromiumPath}），不能生成 PDF：${String(error)}`);
    }));
    browser = launching;
    launching.then((b) => b.on('disconnected', () => { if (browser === launching) browser = null; }), () => undefined);
  }
  return browser;
}

/** Closes the shared browser, if one was launched. Call it on shutdown and in test teardown. */
export async function closePdfRenderer(): Promise<void> {
  const current = browser;
  browser = null;
  if (current) await (await current.catch(() => null))?.close();
}

/** Renders an HTML document to A4 PDF; the page numbers come from the document's own @page margin boxes. */
export async function renderHtmlToPdf(html: string): Promise<Buffer> {
  const context = await (await getBrowser()).newContext();
  try {
    const page = await context.newPage();
    // The document is self-contained: nothing to wait for but layout and fonts.
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new AppError('INTERNAL', 'Chromium 未生成有效的 PDF');
    }
    return pdf;
  } finally {
    await context.close();
  }
}

/** Renders a report to PDF in the GB/T 9704 layout (A4, official margins, `— n —` page numbers). */
export async function renderPdf(report: ExportReport): Promise<Buffer> {
  return renderHtmlToPdf(renderHtml(report, { forPrint: true }));
}
