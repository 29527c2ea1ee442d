/**
 * Old formats (.doc, .wps, .rtf, .odt) → DOCX and spreadsheets (.xls, .et, .ods) → XLSX with LibreOffice, when it
 * is installed. Each call gets its own profile directory (-env:UserInstallation): two conversions sharing one
 * profile block or fail. A conversion over its time is killed with its whole process group (soffice is a script that
 * starts soffice.bin): a hostile document must not leave LibreOffice running after the job that started it has been
 * refused.
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

type Target = 'docx' | 'xlsx';

const PACKAGE: Record<Target, { app: string; apt: string }> = {
  docx: { app: 'LibreOffice', apt: 'libreoffice-writer-nogui' },
  xlsx: { app: 'LibreOffice Calc', apt: 'libreoffice-calc-nogui' },
};

export interface ConvertOptions {
  /** The LibreOffice command (default `soffice` on the PATH). */
  soffice?: string;
  /** How long a conversion may take before it is killed (default CONVERT_TIMEOUT_MS). */
  convertTimeoutMs?: number;
}

async function convertWithLibreOffice(data: Uint8Array, name: string, ext: string, target: Target, options: ConvertOptions): Promise<Uint8Array> {
  const { soffice = 'soffice', convertTimeoutMs = CONVERT_TIMEOUT_MS } = options;
  const dir = await mkdtemp(path.join(tmpdir(), 'rectify-lo-'));
  try {
    const input = path.join(dir, `input.${ext}`);
    await writeFile(input, data);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', target, '--outdir', dir, input];
    const result = await run(soffice, args, convertTimeoutMs);
    if (result.missing) {
      const { app, apt } = PACKAGE[target];
      const save = target === 'docx' ? '.docx' : '.xlsx';
      throw new AppError('CONVERTER_MISSING', `${name}: .${ext} 文件需要 ${app} 转换，但本机未安装 LibreOffice（apt-get install ${apt}），或请先另存为 ${save}`);
    }
    if (result.timedOut) throw tooComplex(name, `LibreOffice 转换超过 ${Math.round(convertTimeoutMs / 1000)} 秒`);
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
 * Converts a document to DOCX with LibreOffice. Throws CONVERTER_MISSING when LibreOffice is not installed,
 * FILE_TOO_COMPLEX when it runs over its time, BAD_FILE when it cannot convert the file.
 */
export function convertToDocx(data: Uint8Array, name: string, ext: string, options: ConvertOptions = {}): Promise<Uint8Array> {
  return convertWithLibreOffice(data, name, ext, 'docx', options);
}

/**
 * Converts a spreadsheet (.xls, WPS .et, .ods) to XLSX with LibreOffice Calc. Throws CONVERTER_MISSING naming
 * LibreOffice Calc when it is not installed, FILE_TOO_COMPLEX over its time, BAD_FILE when it cannot convert it.
 */
export function convertToXlsx(data: Uint8Array, name: string, ext: string, options: ConvertOptions = {}): Promise<Uint8Array> {
  return convertWithLibreOffice(data, name, ext, 'xlsx', options);
}
