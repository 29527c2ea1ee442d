import type { Command } from 'commander';
import { getConfig } from '../../config.js';
import { openContext } from '../../bootstrap.js';
import { action } from '../output.js';
import { productionLoggerOptions } from '../../server/log-serializers.js';
import { handOverFirstPassword } from '../first-password.js';
import { tuneServerHeap } from '../../server/heap.js';

export function registerServeCommand(program: Command): void {
  program.command('serve')
    .description('migrate the database, load the sample when it is empty, and serve the API and web app')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .action(action(async (opts: { port?: string }) => {
      tuneServerHeap();
      // Loaded here, not at the top: `rectify --help` and the other commands need none of the server.
      const [{ createApp }, { seedSampleIfEmpty }, { startJobWorker }, { closeParsePools }] = await Promise.all([
        import('../../server/app.js'), import('../../services/seed-sample.js'), import('../../jobs/worker.js'), import('../../services/parse-jobs.js')]);
      const config = getConfig();
      const ctx = await openContext(config);
      if (config.loadSample) {
        const seeded = await seedSampleIfEmpty(ctx);
        if (seeded) {
          process.stdout.write(`已载入示例数据：${seeded.report.org}，${seeded.report.created} 项任务。\n`);
          process.stdout.write(handOverFirstPassword(config, seeded.admin));
        }
      }
      const app = await createApp(ctx, { logger: productionLoggerOptions(config.logLevel) });
      const port = opts.port ? Number(opts.port) : config.port;
      const address = await app.listen({ port, host: config.host });
      process.stdout.write(`Rectify 已启动：${address.replace('0.0.0.0', 'localhost')} （数据库：${ctx.dialect}）\n`);
      // Reminders, the daily schedule refresh and outbox delivery run beside the server; stop waits for a pass under way.
      const worker = startJobWorker(ctx, { intervalMs: config.jobPollMs, onError: (error) => app.log.error({ err: error }, 'job runner pass failed') });
      const stop = () => { void worker.stop().then(() => app.close()).then(closeParsePools).then(() => ctx.close()).then(() => process.exit(0)); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }));
}
