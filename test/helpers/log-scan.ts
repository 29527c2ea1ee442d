/**
 * Global setup of the node and e2e projects: no secret and no personal data in the logs of the whole suite.
 *
 * Setup makes a fresh folder for the run under test-results/logs/, where every server the tests start logs
 * (test/helpers/test-log.ts: in-process apps through production's logger options, child servers' stdout and stderr).
 * When the run ends, teardown reads every file and fails the run, listing file:line and what leaked (masked), if it
 * finds a password the tests use, an API token, a session id, CSRF token or password-reset token, a cookie or
 * authorization header value, a SECRET_KEY the tests set, a complainant's name or phone number from the fixtures, a
 * phone-shaped number, or an e-mail address (password-reset mails go to them). A run whose tests start servers but
 * leaves no log line fails too: the check must not pass because nothing was logged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { TEST_LOG_DIR, TEST_LOG_DIR_VARIABLE } from './test-log.js';
import { TEST_PASSWORD } from './factories.js';
import { PERSONAL_STRINGS } from '../fixtures/cases/handover-rows.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Fixed values the tests send to servers, by what they are. Grep the tests for new ones when adding a fixture. */
const LITERALS: Record<string, readonly string[]> = {
  'a test password': [
    TEST_PASSWORD, 'a-wrong-password-zz9', 'a-brand-new-passphrase', 'reporter-pass-2024', 'reviewer-pass-2024', 'scale-password-1',
    'cli-password-123', 'wrong-password',
  ],
  'a SECRET_KEY': ['test-secret-key-0123456789abcdef', 'e2e-secret-key-for-sealing-complainants', 'two-instances-secret-key-0123456789'],
  "a complainant's name or phone": [
    ...PERSONAL_STRINGS, '孙海燕', '13998765432', '欧阳某某', '13987654321', '周某某', '13512345678', '13500000000', '13841309999', '孙某',
    '李四', '13812345678', '王五', '13912345678',
  ],
  'a password-reset recipient': ['li.ming.sqlite@example.cn', 'li.ming.postgres@example.cn', 'li.si@example.gov.cn', 'li.ming@example.cn'],
};

/** Shapes of secrets made at run time (see src/services/auth.ts, src/services/password-reset.ts, the session cookie). */
const SHAPES: { what: string; re: RegExp; accept?: (match: string) => boolean }[] = [
  // Headers first: a finding covers the whole value, and the header says best what leaked.
  { what: 'a header carrying credentials', re: /"(?:cookie|set-cookie|authorization|x-csrf-token)"\s*:\s*"(?!\[Redacted\])[^"]*/gi },
  { what: 'a header carrying credentials', re: /(?:^|\s)(?:cookie|authorization|x-csrf-token):[ \t]*(?!\[Redacted\])[^\s"][^"\n]*/gi },
  { what: 'the session cookie', re: /rectify_session=[^;\s"]*/g },
  { what: 'a bearer token', re: /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi },
  { what: 'an API token (rt_…)', re: /\brt_[A-Za-z0-9_-]{40,}/g },
  // 32 random bytes, base64url: session ids, CSRF tokens, password-reset tokens.
  { what: 'a session id, CSRF token or reset token (32 random bytes)', re: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    accept: (m) => /[a-z]/.test(m) && /[A-Z]/.test(m) && /[0-9]/.test(m) },
  { what: 'a mobile phone number', re: /(?<![\w.])1[3-9]\d{9}(?!\w)/g },
  { what: 'an e-mail address', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each literal as written and URL-encoded (a name in a query string), lower-cased for a case-insensitive look-up. */
const LITERAL_KIND = new Map<string, string>();
for (const [what, values] of Object.entries(LITERALS)) {
  for (const v of values.filter((s) => s.length >= 2)) {
    LITERAL_KIND.set(v.toLowerCase(), what);
    LITERAL_KIND.set(encodeURIComponent(v).toLowerCase(), what);
  }
}
// A number only where it stands alone: 57123456 inside a timestamp or a fraction is not the phone number.
const LITERAL_RE = new RegExp([...LITERAL_KIND.keys()].sort((a, b) => b.length - a.length)
  .map((v) => (/^\d+$/.test(v) ? `(?<![\\d.])${v}(?!\\d)` : escapeRe(v))).join('|'), 'gi');

/** One line of log that leaks: where, what (each kind with its value masked), and the line around it, masked. */
export interface Finding { file: string; line: number; leaks: string[]; excerpt: string }

/** A value as the report shows it: its first characters and its length, or a header's name and its value masked. */
export function mask(value: string): string {
  const header = /^("?[\w-]+"?\s*:\s*"?)([\s\S]*)$/.exec(value);
  if (header && /cookie|authorization|csrf/i.test(header[1]!)) return `${header[1]}${mask(header[2]!)}`;
  const chars = [...value];
  return `${chars.slice(0, chars.length > 8 ? 3 : 1).join('')}…(${chars.length} chars)`;
}

/** What leaks in one line of log. */
export function scanLine(text: string): { what: string; value: string; index: number }[] {
  const found: { what: string; value: string; index: number }[] = [];
  for (const m of text.matchAll(LITERAL_RE)) found.push({ what: LITERAL_KIND.get(m[0].toLowerCase())!, value: m[0], index: m.index });
  for (const shape of SHAPES) {
    for (const m of text.matchAll(shape.re)) {
      const lead = m[0].length - m[0].trimStart().length;
      const value = m[0].trim();
      const index = m.index + lead;
      if (shape.accept && !shape.accept(value)) continue;
      if (found.some((f) => f.index < index + value.length && index < f.index + f.value.length)) continue;
      found.push({ what: shape.what, value, index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The line from a little before its first finding, every finding masked. */
function excerpt(text: string, found: { value: string; index: number }[]): string {
  let masked = text;
  for (const f of [...found].reverse()) masked = masked.slice(0, f.index) + mask(f.value) + masked.slice(f.index + f.value.length);
  const at = Math.max(0, found[0]!.index - 60);
  return (at > 0 ? '…' : '') + masked.slice(at, at + 220).replace(/\s+/g, ' ') + (masked.length > at + 220 ? '…' : '');
}

export interface ScanResult { files: number; lines: number; bytes: number; findings: Finding[]; tally: Map<string, number> }

export function scanLogs(dir: string): ScanResult {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.log')).sort() : [];
  const result: ScanResult = { files: names.length, lines: 0, bytes: 0, findings: [], tally: new Map() };
  for (const name of names) {
    const content = fs.readFileSync(path.join(dir, name), 'utf8');
    result.bytes += Buffer.byteLength(content);
    const rows = content.split('\n');
    if (rows.at(-1) === '') rows.pop();
    result.lines += rows.length;
    rows.forEach((text, i) => {
      const found = scanLine(text);
      if (!found.length) return;
      for (const f of found) result.tally.set(f.what, (result.tally.get(f.what) ?? 0) + 1);
      result.findings.push({ file: name, line: i + 1, leaks: found.map((f) => `${f.what} ${mask(f.value)}`), excerpt: excerpt(text, found) });
    });
  }
  return result;
}

/** The report of a failed scan: totals by kind, then leaking lines, a few from each file so every server shows. */
function report(findings: Finding[], tally: Map<string, number>, where: string): string {
  const perFile = new Map<string, Finding[]>();
  for (const f of findings) perFile.set(f.file, [...(perFile.get(f.file) ?? []), f]);
  const quota = Math.max(3, Math.floor(40 / perFile.size));
  const shown = [...perFile.values()].flatMap((rows) => rows.slice(0, quota)).slice(0, 60);
  const kinds = [...tally].sort((a, b) => b[1] - a[1]).map(([what, n]) => `${what} ×${n}`).join(', ');
  const lines = shown.map((f) => `  ${where}/${f.file}:${f.line}  ${f.leaks.join('; ')}\n      ${f.excerpt}`);
  const more = findings.length - shown.length;
  return `${findings.length} log lines in ${perFile.size} files leak: ${kinds}\n${lines.join('\n')}${more > 0 ? `\n  … and ${more} more lines` : ''}`;
}

/** Test files that ran and import the log helper (directly or through another test helper): those start servers. */
function filesStartingServers(project: TestProject): string[] {
  const helper = path.join(ROOT, 'test/helpers/test-log.ts');
  const seen = new Map<string, boolean>();
  const reaches = (file: string): boolean => {
    if (file === helper) return true;
    if (seen.has(file)) return seen.get(file)!;
    seen.set(file, false);
    const source = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const imports = [...source.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) => path.resolve(path.dirname(file), m[1]!).replace(/\.js$/, '.ts'));
    const result = imports.some((i) => i.startsWith(path.join(ROOT, 'test')) && reaches(i));
    seen.set(file, result);
    return result;
  };
  return project.vitest.state.getFilepaths().filter((f) => reaches(f));
}

const PATTERN_COUNT = Object.values(LITERALS).reduce((n, v) => n + v.length, 0) + SHAPES.length;

// The node and e2e projects both name this file and each loads its own copy: the first setup makes the run's folder,
// the last teardown (once every project's tests are done) reads it.
const shared = globalThis as { rectifyLogScan?: { users: number; dir: string } };

let project: TestProject | undefined;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Empties test-results/logs/ of earlier runs and makes this run's folder, named by this process: a run started
 * meanwhile in the same checkout neither clears this run's logs nor gets them read as its own.
 */
export function setup(p: TestProject): void {
  project = p;
  if (shared.rectifyLogScan) {
    shared.rectifyLogScan.users++;
    return;
  }
  fs.mkdirSync(TEST_LOG_DIR, { recursive: true });
  for (const entry of fs.readdirSync(TEST_LOG_DIR)) {
    const pid = /^run-(\d+)$/.exec(entry)?.[1];
    if (!pid || !alive(Number(pid))) fs.rmSync(path.join(TEST_LOG_DIR, entry), { recursive: true, force: true });
  }
  const dir = path.join(TEST_LOG_DIR, `run-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  // Read by test/helpers/test-log.ts in the workers, which inherit this environment.
  process.env[TEST_LOG_DIR_VARIABLE] = dir;
  shared.rectifyLogScan = { users: 1, dir };
}

export function teardown(): void {
  const state = shared.rectifyLogScan!;
  if (--state.users > 0) return;
  shared.rectifyLogScan = undefined;
  const { files, lines, bytes, findings, tally } = scanLogs(state.dir);
  const where = path.relative(ROOT, state.dir);
  const summary = `log scan: ${files} files, ${lines} lines (${(bytes / 1e6).toFixed(1)} MB) in ${where}/, ${PATTERN_COUNT} patterns checked`;
  let failure: string | undefined;
  if (findings.length) {
    failure = `${summary}: secrets or personal data in the logs\n${report(findings, tally, where)}`;
  } else if (lines === 0) {
    const starters = project ? filesStartingServers(project) : [];
    if (starters.length) {
      failure = `${summary}: no server logged anything, though ${starters.length} test files start servers (e.g. ${path.relative(ROOT, starters[0]!)}); `
        + 'the check would pass without looking at anything (is test/helpers/test-log.ts still wired into the servers?)';
    } else {
      process.stdout.write(`${summary}: no test in this run starts a server, nothing to check\n`);
      return;
    }
  }
  if (failure) {
    // Vitest reports an error thrown here but would still exit 0.
    process.exitCode = 1;
    throw new Error(failure);
  }
  process.stdout.write(`${summary}: no secrets or personal data\n`);
}
