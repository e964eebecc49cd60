import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { build, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Builds the scan worker as ONE CommonJS file beside the main bundle (out/main/scan-worker.cjs),
 * in its own build once the main bundle is written: worker threads are known to load CommonJS
 * from inside app.asar, ESM there is unconfirmed, and one file has no chunk to miss.
 */
function scanWorkerAsCommonJs(entry: string): Plugin {
  let outDir = '';
  return {
    name: 'msm-scan-worker-cjs',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir; // follows `electron-vite build --outDir …`
    },
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          ssr: entry,
          outDir,
          emptyOutDir: false,
          minify: false,
          rollupOptions: { output: { format: 'cjs', entryFileNames: 'scan-worker.cjs', inlineDynamicImports: true } },
        },
      });
    },
  };
}

// Three targets: main (ESM, Node inside Electron), preload (one CommonJS file,
// as a sandboxed preload must be), renderer (the React UI, also served in browser mode).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
        },
      },
    },
    // The scan runs in worker threads; the engine looks for scan-worker.cjs beside the main bundle.
    plugins: [scanWorkerAsCommonJs(resolve(__dirname, 'electron/engine/scan/scan-worker.ts'))],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
