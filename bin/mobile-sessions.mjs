#!/usr/bin/env node
// `mobile-sessions` (package.json "bin"). Runs the CLI from its TypeScript source
// through tsx when it is installed (a clone after `npm install`: tsx is a dev
// dependency); otherwise the prebuilt bundle out/cli/main.js (`npm run build:cli`).
// Source first, so a clone never runs a stale bundle.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const source = join(root, 'electron', 'cli', 'main.ts');
const bundle = join(root, 'out', 'cli', 'main.js');

function tsxApi() {
  try {
    const require = createRequire(join(root, 'package.json'));
    const pkgPath = require.resolve('tsx/package.json');
    return pathToFileURL(join(dirname(pkgPath), 'dist', 'esm', 'api', 'index.mjs')).href;
  } catch {
    return null;
  }
}

const api = existsSync(source) ? tsxApi() : null;
if (api) {
  const { register } = await import(api);
  register();
  await import(pathToFileURL(source).href);
} else if (existsSync(bundle)) {
  await import(pathToFileURL(bundle).href);
} else {
  process.stderr.write(
    'mobile-sessions: cannot start: neither tsx (run "npm install") nor the bundle out/cli/main.js (run "npm run build:cli") is available.\n',
  );
  process.exitCode = 1;
}
