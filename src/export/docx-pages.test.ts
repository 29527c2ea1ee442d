/**
 * Renders the sample DOCX to page images with LibreOffice (scripts/render-docx-pages.sh), the way a reviewer would
 * look at it, and checks the pages and their page numbers. CI installs LibreOffice, so there its absence is a failure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitSampleText } from '../../test/fixtures/export/factory.js';
import { renderDocx } from './docx.js';
import { reportFromParsed } from './types.js';

const root = new URL('../../', import.meta.url).pathname;
const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice && command -v pdftoppm && command -v pdftotext']).status === 0;
const outDir = join(root, 'test-results', 'docx-pages');

describe('DOCX pages rendered by LibreOffice', () => {
  if (!hasSoffice && process.env.CI) {
    it('needs LibreOffice and poppler-utils in CI', () => {
      expect.fail('soffice/pdftoppm/pdftotext not found: CI must install libreoffice-writer-nogui and poppler-utils');
    });
    return;
  }
  if (!hasSoffice) {
    it.skip('skipped: soffice/pdftoppm/pdftotext not on PATH (apt: libreoffice-writer-nogui poppler-utils)', () => undefined);
    return;
  }

  it('renders the sample on two or more pages numbered — n —', async () => {
    const sampleText = readFileSync(join(root, 'test/fixtures/fushun-progress-2023.txt'), 'utf8');
    const docx = await renderDocx({ ...reportFromParsed(splitSampleText(sampleText)), label: '附件' });
    mkdirSync(outDir, { recursive: true });
    const input = join(outDir, 'fushun-progress-2023.docx');
    writeFileSync(input, docx);
    execFileSync('bash', [join(root, 'scripts/render-docx-pages.sh'), input, outDir], { stdio: 'pipe', timeout: 120_000 });
    const pages = readdirSync(outDir).filter((f) => /^fushun-progress-2023-\d+\.png$/.test(f));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // -raw keeps the spaces of "— 2 —" that the default layout mode drops between CJK dashes and digits.
    const text = execFileSync('pdftotext', ['-raw', join(outDir, 'fushun-progress-2023.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('— 2 —');
    expect(text.replace(/\s+/g, '')).toContain('抚顺市第二轮中央生态环境保护督察整改任务进展情况');
  });
});
