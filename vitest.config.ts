import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Three projects: node (unit, service, HTTP; SQLite always, PostgreSQL when TEST_DATABASE_URL is set),
// web (React components in jsdom), e2e (real Chromium against a real server).
export default defineConfig({
  test: {
    // Vitest's default on a 2-core machine is one worker, all 160 files in a row; most of a node test's time is spent
    // waiting on PostgreSQL, child servers and converters, so two files at once nearly halve the run. Browser journeys
    // still run one at a time, after the rest (fileParallelism: false below).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    reporters: process.env.CI ? ['default'] : ['default'],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['src/web/**', 'test/e2e/**', 'node_modules/**'],
          // Reads the logs of every server the tests start once the run ends: no secrets, no personal data (docs/security.md).
          globalSetup: ['test/helpers/log-scan.ts'],
          // Generous: a PDF rendered and read back on a loaded 2-core machine can take half a minute; a hang still fails.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['src/web/**/*.test.{ts,tsx}'],
          setupFiles: ['test/helpers/jsdom-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          // A browser journey on a loaded 2-core machine can lose a click to an animation; one retry in CI, never locally.
          retry: process.env.CI ? 1 : 0,
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/log-scan.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
