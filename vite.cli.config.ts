import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Optional self-contained bundle of the command line: out/cli/main.js (Node 20+,
// ESM, dependencies such as zod inlined, Node built-ins external). bin/mobile-sessions.mjs
// runs the TypeScript source through tsx when tsx is installed, else this bundle.
// Separate from electron.vite.config.ts on purpose: the CLI never loads Electron.
export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'electron/cli/main.ts'),
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: { output: { format: 'es', entryFileNames: 'main.js' } },
  },
  ssr: { noExternal: true, target: 'node' },
});
