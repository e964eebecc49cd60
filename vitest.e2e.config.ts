import { defineConfig } from 'vitest/config';

// End-to-end: the real browser-mode server on real temporary folders, driven in
// Debian's headless Chromium through playwright-core. Run after `electron-vite build`.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
