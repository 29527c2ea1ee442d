#!/usr/bin/env node
// Development: the API server (`rectify serve`) on API_PORT (default 3001) and the Vite dev server on WEB_PORT
// (default 5173) with hot reload, proxying /api to the API. Stop both with Ctrl-C.
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = process.env.API_PORT ?? '3001';
process.env.RECTIFY_API_URL ??= `http://127.0.0.1:${apiPort}`;

const api = spawn(process.execPath, [path.join(root, 'bin/rectify.js'), 'serve', '--port', apiPort], {
  cwd: root, stdio: 'inherit', env: { ...process.env, HOST: process.env.HOST ?? '127.0.0.1' },
});
let stopping = false;
api.on('exit', (code) => {
  if (stopping) return;
  console.error(`API server exited (${code ?? 'signal'}); stopping.`);
  process.exit(code ?? 1);
});

const web = await createServer({ configFile: path.join(root, 'vite.config.ts') });
await web.listen();
web.printUrls();
console.log(`API: ${process.env.RECTIFY_API_URL}`);

function stop() {
  stopping = true;
  api.kill('SIGTERM');
  void web.close().then(() => process.exit(0));
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
