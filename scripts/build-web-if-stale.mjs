#!/usr/bin/env node
// Builds the web app when dist/web is missing or older than any source file of it (src/web, vite.config.ts);
// otherwise returns at once. `npm start` and `npm test` run it first, so a fresh clone serves a built app.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = path.join(root, 'dist/web/index.html');
const sources = [path.join(root, 'src/web'), path.join(root, 'vite.config.ts'), path.join(root, 'package-lock.json')];

/** Newest modification time under a file or directory (test files excluded: they are not part of the build). */
function newest(p) {
  let stat;
  try { stat = fs.statSync(p); } catch { return 0; }
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

function builtAt() {
  try { return fs.statSync(builtIndex).mtimeMs; } catch { return 0; }
}

const built = builtAt();
const changed = Math.max(...sources.map(newest));
if (built > 0 && built >= changed) {
  if (process.argv.includes('--verbose')) console.log('web app is up to date (dist/web)');
  process.exit(0);
}
console.log(built === 0 ? 'building the web app (dist/web is missing)…' : 'building the web app (sources changed)…');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');
const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('vite build failed');
  process.exit(result.status ?? 1);
}
