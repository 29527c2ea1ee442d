/**
 * Web bundle benchmark: what the public landing page downloads on first load (index.html plus the JS and CSS it
 * references, followed through the build manifest's static imports, never the lazily loaded screens), gzipped; the
 * target is under 400 kB. Also checks that no ECharts code rides in the landing files (charts load with the
 * dashboard and task screens only). Builds the web app first when it is stale.
 * Run alone with `npx tsx bench/web.ts`, or through `runWebBench()` from the bench command.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Figure } from './load.js';


interface ManifestChunk { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist/web');
export const LANDING_BUDGET_KB = 400;
/** Property names minification keeps, found only in ECharts/zrender code. */
const ECHARTS_MARKERS = ['getZr', '__ec_', 'ecModel'];

/** Files the landing page loads before anything is clicked: the entry, its static imports (transitively), their CSS. */
export function landingFiles(dist = DIST): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('no entry in the build manifest');
  const files = new Set<string>(['index.html']);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  return [...files];
}

const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

export async function runWebBench(): Promise<Figure[]> {
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-web-if-stale.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the web build failed');
  const files = landingFiles();
  const sizes = files.map((f) => ({ file: f, gzip: gzipSize(path.join(DIST, f)) }));
  const landing = sizes.reduce((s, f) => s + f.gzip, 0);
  const js = files.filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(DIST, f), 'utf8'));
  const echartsInLanding = js.some((code) => ECHARTS_MARKERS.some((m) => code.includes(m)));
  const all = fs.readdirSync(path.join(DIST, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  const total = all.reduce((s, f) => s + gzipSize(path.join(DIST, 'assets', f)), 0);
  const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
  return [
    { name: 'web.landing.first-load.gzip', value: kb(landing), unit: 'kB gzip' },
    { name: 'web.landing.files', value: files.length, unit: 'files' },
    { name: 'web.landing.echarts-bundled', value: echartsInLanding ? 1 : 0, unit: 'yes=1' },
    { name: 'web.all-assets.gzip', value: kb(total), unit: 'kB gzip' },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await runWebBench()) console.log(`${r.name.padEnd(36)} ${String(r.value).padStart(10)} ${r.unit}`);
}
