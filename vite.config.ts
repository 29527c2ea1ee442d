/**
 * The web app (src/web) built into dist/web, which the API server serves with an SPA fallback. The manifest lets
 * bench/web.ts measure exactly what the landing page loads. In development (`npm run dev`, scripts/dev.mjs) the
 * Vite server proxies /api to the API server started beside it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.join(here, 'src/web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist/web'),
    emptyOutDir: true,
    manifest: true,
    // antd is one large vendor chunk shared by every page; the chart pages are split off lazily.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      treeshake: {
        // src/core is pure by rule, and the web app takes only constants from it; chinese-days (the holiday tables
        // src/core/workdays.ts reads) declares no sideEffects, so without this its tables ride along unused.
        moduleSideEffects: (id) => (/[\\/](node_modules[\\/]chinese-days|src[\\/]core)[\\/]/.test(id) ? false : undefined),
      },
    },
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    // The API lives under /api/, and so do the client's own modules (src/web/api/*.ts): those are served by Vite.
    proxy: { '^/api/(?!.*\\.tsx?(\\?|$))': { target: process.env.RECTIFY_API_URL ?? 'http://127.0.0.1:3001', changeOrigin: false } },
  },
});
