/**
 * The jobs benchmark's server process: the real app over a copy of the benchmark database, with the job runner's
 * passes driven from stdin instead of a timer, so the benchmark says which day each pass runs as: `pass <ISO time>`
 * runs `runDueJobs` as of that moment (what the worker does on its timer: today's schedule refresh and reminder
 * sweep, then the outbox) and answers `{"pass":…,"ms":…,"summary":…}`; `legacy <YYYY-MM-DD>` runs the refresh as it
 * was before issue #20 (every open assignment, without yielding), for the before figure.
 */
import readline from 'node:readline';
import { parseConfig } from '../src/config.js';
import { openContext } from '../src/bootstrap.js';
import { createApp } from '../src/server/app.js';
import { runDueJobs } from '../src/jobs/run-due-jobs.js';
import { refreshAllSchedules } from '../src/services/schedule.js';

const config = parseConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
const ctx = await openContext(config, { migrate: true });
const app = await createApp(ctx, { serveWeb: false, logger: false });
const api = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ api })}\n`);
for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, arg] = line.trim().split(/\s+/);
  const started = performance.now();
  const summary = command === 'legacy'
    ? await refreshAllSchedules(ctx, arg, { only: 'all', budgetMs: Number.POSITIVE_INFINITY })
    : await runDueJobs(ctx, new Date(arg!), { workerId: 'bench' });
  process.stdout.write(`${JSON.stringify({ pass: line.trim(), ms: Math.round(performance.now() - started), summary })}\n`);
}
await app.close();
await ctx.close();
