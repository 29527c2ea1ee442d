/**
 * The API benchmark's server process: the real app over the benchmark database, and a bare Fastify JSON route beside
 * it, on loopback ports printed as one JSON line. A process of its own, so the load generator does not share its
 * event loop (in one process, autocannon's own work would be counted as the server's latency).
 */
import Fastify from 'fastify';
import { parseConfig } from '../src/config.js';
import { openContext } from '../src/bootstrap.js';
import { createApp } from '../src/server/app.js';

const config = parseConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
const ctx = await openContext(config, { migrate: false });
const app = await createApp(ctx, { serveWeb: false, logger: false });
const bare = Fastify({ logger: false });
bare.get('/bare', async () => ({ items: [], total: 0, page: 1, pageSize: 50 }));
const api = await app.listen({ host: '127.0.0.1', port: 0 });
const floor = await bare.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ api, bare: floor })}\n`);
process.on('SIGTERM', () => {
  void Promise.all([app.close(), bare.close()]).then(() => ctx.close()).then(() => process.exit(0));
});
