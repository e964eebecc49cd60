import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Unit and integration tests. Engine tests run in Node on real temporary folders;
// renderer tests (*.test.tsx) run in jsdom. End-to-end tests live in tests/e2e and
// run through `node scripts/test.mjs end-to-end` (vitest.e2e.config.ts) against the
// real browser-mode server.
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'out/**', 'dist/**', 'tests/e2e/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
