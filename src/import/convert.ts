/**
 * Old formats (.doc, .wps, .rtf, .odt) → DOCX and spreadsheets (.xls, .et, .ods) → XLSX with LibreOffice, when it
 * is installed. Each call gets its own profile directory (-env:UserInstallation): two conversions sharing one
 * profile block or fail.
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

type Target = 'docx' | 'xlsx';

const PACKAGE: Record<Target, { app: string; apt: string }> = {
  docx: { app: 'LibreOffice', apt: 'libreoffice-writer-nogui' },
  xlsx: { app: 'LibreOffice Calc', apt: 'libreoffice-calc-nogui' },
};

async function convertWithLibreOffice(data: Uint8Array, name: string, ext: string, target: Target, soffice: string): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rectify-lo-'));
  try {
    const input = path.join(dir, `input.${ext}`);
    await writeFile(input, data);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', target, '--outdir', dir, input];
    const result = await run(soffice, args, CONVERT_TIMEOUT_MS);
    if (result.missing) {
      const { app, apt } = PACKAGE[target];
      const save = target === 'docx' ? '.docx' : '.xlsx';
      throw new AppError('CONVERTER_MISSING', `${name}: .${ext} 文件需要 ${app} 转换，但本机未安装 LibreOffice（apt-get install ${apt}），或请先另存为 ${save}`);
    }
    if (result.timedOut) throw new AppError('BAD_FILE', `${name}: LibreOffice 转换超时（${CONVERT_TIMEOUT_MS / 1000} 秒）`);
    try {
      return await readFile(path.join(dir, `input.${target}`));
    } catch {
      throw new AppError('BAD_FILE', `${name}: LibreOffice 无法转换该文件（文件可能已损坏）`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Converts a document to DOCX with LibreOffice (`soffice` on the PATH unless another command is given).
 * Throws CONVERTER_MISSING when LibreOffice is not installed, BAD_FILE when it cannot convert the file.
 */
export function convertToDocx(data: Uint8Array, name: string, ext: string, soffice = 'soffice'): Promise<Uint8Array> {
  return convertWithLibreOffice(data, name, ext, 'docx', soffice);
}

/**
 * Converts a spreadsheet (.xls, WPS .et, .ods) to XLSX with LibreOffice Calc. Throws CONVERTER_MISSING naming
 * LibreOffice Calc when it is not installed, BAD_FILE when it cannot convert the file.
 */
export function convertToXlsx(data: Uint8Array, name: string, ext: string, soffice = 'soffice'): Promise<Uint8Array> {
  return convertWithLibreOffice(data, name, ext, 'xlsx', soffice);
}
