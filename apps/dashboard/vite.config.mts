import { defineConfig } from 'vite';

/**
 * The case-lead dashboard: static files in `dist/dashboard`, served by the hub under `/dashboard/`.
 * `vite build apps/dashboard` builds it; `vite apps/dashboard` serves it for development with the
 * API proxied to a hub on port 3000 (or SAMENLOOP_URL).
 */
export default defineConfig({
  base: '/dashboard/',
  // Vite 8 transforms TSX with oxc; React 19's automatic runtime needs no `import React`.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    // Relative to this folder (Vite's root when run as `vite build apps/dashboard`).
    outDir: '../../dist/dashboard',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: { '/v1': process.env.SAMENLOOP_URL ?? 'http://localhost:3000' },
  },
});
