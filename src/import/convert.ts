/**
 * Old formats (.doc, .wps, .rtf, .odt) → DOCX with LibreOffice, when it is installed. Each call gets its own
 * profile directory (-env:UserInstallation): two conversions sharing one profile block or fail.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../core/errors.js';

export const CONVERT_TIMEOUT_MS = 120_000;

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; missing: boolean; timedOut: boolean }> {
  return new Promise((resolve) => {
    let timedOut = false;
    const child = spawn(cmd, args, { stdio: 'ignore' });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ code: null, missing: e.code === 'ENOENT' || e.code === 'EACCES', timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, missing: false, timedOut });
    });
  });
}

/**
 * Converts a document to DOCX with LibreOffice (`soffice` on the PATH unless another command is given).
 * Throws CONVERTER_MISSING when LibreOffice is not installed, BAD_FILE when it cannot convert the file.
 */
export async function convertToDocx(data: Uint8Array, name: string, ext: string, soffice = 'soffice'): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rectify-lo-'));
  try {
    const input = path.join(dir, `input.${ext}`);
    await writeFile(input, data);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'docx', '--outdir', dir, input];
    const result = await run(soffice, args, CONVERT_TIMEOUT_MS);
    if (result.missing) {
      throw new AppError(
        'CONVERTER_MISSING',
        `${name}: .${ext} 文件需要 LibreOffice 转换，但本机未安装 LibreOffice（apt-get install libreoffice-writer-nogui），或请先另存为 .docx`,
      );
    }
    if (result.timedOut) throw new AppError('BAD_FILE', `${name}: LibreOffice 转换超时（${CONVERT_TIMEOUT_MS / 1000} 秒）`);
    try {
      return await readFile(path.join(dir, 'input.docx'));
    } catch {
      throw new AppError('BAD_FILE', `${name}: LibreOffice 无法转换该文件（文件可能已损坏）`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
