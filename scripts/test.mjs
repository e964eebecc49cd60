// `npm test`: the whole suite, in the order that fails fastest.
// typecheck (every layer's tsconfig) → lint (ESLint + Prettier check) → unit/integration
// (vitest) → build → end-to-end in headless Chromium.
// `node scripts/test.mjs lint build` runs only the steps whose names start with those words.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npx', ['tsc', '-b', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '.']],
  ['lint: formatting', 'npx', ['prettier', '--check', '.']],
  ['unit + integration', 'npx', ['vitest', 'run']],
  ['build', 'npx', ['electron-vite', 'build']],
  ['end-to-end', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']],
];

const only = process.argv.slice(2);
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  if (r.status !== 0) {
    console.error(`✖ ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
