/**
 * Old formats (.doc, .wps, .rtf, .odt) → DOCX with LibreOffice, when it is installed. Each call gets its own
 * profile directory (-env:UserInstallation): two conversions sharing one profile block or fail. A conversion over its
 * time is killed with its whole process group (soffice is a script that starts soffice.bin): a hostile document
 * must not leave LibreOffice running after the job that started it has been refused.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../core/errors.js';
import { tooComplex } from './pool/budgets.js';

export const CONVERT_TIMEOUT_MS = 120_000;

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; missing: boolean; timedOut: boolean }> {
  return new Promise((resolve) => {
    let timedOut = false;
    // Its own process group, so the kill below reaches the children soffice starts.
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
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
export async function convertToDocx(
  data: Uint8Array,
  name: string,
  ext: string,
  { soffice = 'soffice', convertTimeoutMs = CONVERT_TIMEOUT_MS }: { soffice?: string; convertTimeoutMs?: number } = {},
): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rectify-lo-'));
  try {
    const input = path.join(dir, `input.${ext}`);
    await writeFile(input, data);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'docx', '--outdir', dir, input];
    const result = await run(soffice, args, convertTimeoutMs);
    if (result.missing) {
      throw new AppError(
        'CONVERTER_MISSING',
        `${name}: .${ext} 文件需要 LibreOffice 转换，但本机未安装 LibreOffice（apt-get install libreoffice-writer-nogui），或请先另存为 .docx`,
      );
    }
    if (result.timedOut) {
      throw tooComplex(name, `LibreOffice 转换超过 ${Math.round(convertTimeoutMs / 1000)} 秒`);
    }
    try {
      return await readFile(path.join(dir, 'input.docx'));
    } catch {
      throw new AppError('BAD_FILE', `${name}: LibreOffice 无法转换该文件（文件可能已损坏）`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
