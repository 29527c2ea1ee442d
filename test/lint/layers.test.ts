/**
 * The layering of ARCHITECTURE.md as ESLint holds it: a snippet placed in a layer lints clean when it imports along the
 * arrows and fails when it imports against them. The rules are the project's own (eslint.config.js), run without the
 * type-checked rules so that a snippet need not be a file of the project.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const { default: config } = (await import(pathToFileURL(path.join(ROOT, 'eslint.config.js')).href)) as { default: Linter.Config[] };
const RULE = '@typescript-eslint/no-restricted-imports';
const ENV_RULE = 'no-restricted-properties';
const layerConfigs = config.filter((c) => c.rules && (RULE in c.rules || ENV_RULE in c.rules));
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [{ languageOptions: { parser: tseslint.parser }, plugins: { '@typescript-eslint': tseslint.plugin } }, ...layerConfigs],
});

async function refused(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the layer rules (eslint.config.js)', () => {
  it('cover every layer of src/', () => {
    const covered = layerConfigs.flatMap((c) => c.files ?? []).map(String);
    for (const layer of ['core', 'db', 'storage', 'services', 'jobs', 'server', 'cli', 'web', 'import', 'export', 'xlsx', 'scale']) {
      expect(covered, layer).toContain(`src/${layer}/**/*.ts`);
    }
    expect(covered).toContain('src/config.ts');
  });

  it.each([
    ['src/core/probe.ts', "import { getUserById } from '../db/users.repository.js';"],
    ['src/core/probe.ts', "import fs from 'node:fs';"],
    ['src/core/probe.ts', "import type { FastifyInstance } from 'fastify';"],
    ['src/db/probe.ts', "import { refreshSchedule } from '../services/schedule.js';"],
    ['src/db/probe.ts', "import { parseReport } from '../import/index.js';"],
    ['src/import/probe.ts', "import { renderHtml } from '../export/html.js';"],
    ['src/import/plan-table/probe.ts', "import { getConfig } from '../../config.js';"],
    ['src/export/probe.ts', "import { parseReport } from '../import/index.js';"],
    ['src/xlsx/probe.ts', "import { renderHtml } from '../export/html.js';"],
    ['src/services/probe.ts', "import { createApp } from '../server/app.js';"],
    ['src/services/cases/probe.ts', "import { runDueJobs } from '../../jobs/run-due-jobs.js';"],
    ['src/jobs/probe.ts', "import { createApp } from '../server/app.js';"],
    ['src/server/routes/probe.ts', "import { getUserById } from '../../db/users.repository.js';"],
    ['src/server/probe.ts', "import { openContext } from '../bootstrap.js';"],
    ['src/storage/probe.ts', "import { appendAuditEvent } from '../db/audit.repository.js';"],
    ['src/web/pages/probe.tsx', "import { listUsers } from '../../services/user-accounts.js';"],
    ['src/web/probe.ts', "import type { Assignment } from '../db/assignments.repository.js';"],
    ['src/cli/commands/probe.ts', "import { App } from '../../web/App';"],
  ])('refuses, in %s: %s', async (file, code) => {
    const messages = await refused(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(RULE);
  });

  it('keeps the environment to config.ts', async () => {
    expect(await refused('src/export/probe.ts', 'export const chromium = process.env.RECTIFY_CHROMIUM;')).toEqual([expect.stringMatching(ENV_RULE)]);
    expect(await refused('src/server/routes/probe.ts', 'export const port = process.env.PORT;')).toEqual([expect.stringMatching(ENV_RULE)]);
    expect(await refused('src/config.ts', 'export const port = process.env.PORT;')).toEqual([]);
  });

  it.each([
    ['src/core/probe.ts', "import { AppError } from './errors.js';"],
    ['src/db/probe.ts', "import { AppError } from '../core/errors.js';\nimport type { Config } from '../config.js';"],
    ['src/import/probe.ts', "import { loadExcel } from '../xlsx/load-excel.js';"],
    ['src/export/probe.ts', "import { loadExcel } from '../xlsx/load-excel.js';"],
    ['src/services/probe.ts', "import { getUserById } from '../db/users.repository.js';\nimport { parseReport } from '../import/index.js';"],
    ['src/jobs/probe.ts', "import { claimNextJob } from '../db/jobs.repository.js';\nimport { refreshSchedule } from '../services/schedule.js';"],
    ['src/server/routes/probe.ts', "import type { Task } from '../../db/tasks.repository.js';\nimport { getManagedUser } from '../../services/user-admin.js';"],
    ['src/server/probe.ts', "import { isBusy } from '../db/db-errors.js';"],
    ['src/web/pages/probe.tsx', "import { STATUS_CODES } from '../../core/status';"],
    ['src/cli/commands/probe.ts', "import { createApp } from '../../server/app.js';\nimport { openContext } from '../../bootstrap.js';"],
  ])('allows, in %s: %s', async (file, code) => {
    expect(await refused(file, code)).toEqual([]);
  });
});
