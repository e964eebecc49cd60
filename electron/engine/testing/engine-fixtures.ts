// Test support for the live engine tests: real temporary MobileApps folders,
// well-formed session files, and waiting for a condition (no timed assertions:
// tests wait until something is true, with a generous ceiling).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineEvent } from '../../../shared/types';
import { appSpecs, hexId, manifestText, rng, sessionText, type AppSpec } from './dataset';

export { appSpecs, sessionText, type AppSpec };

export interface TempTree {
  base: string;
  root: string;
  dataDir: string;
  apps: AppSpec[];
  ids: Map<string, string[]>;
  cleanup(): void;
}

const nextId = rng(Date.now() % 100000);
export function newId(): string {
  return hexId(nextId);
}

/** A MobileApps folder with `perApp` sessions in each of the given apps (iOS team, Android, FAKETEAMID by default). */
export function makeTree(perApp = 3, appCount = 3): TempTree {
  const base = mkdtempSync(join(tmpdir(), 'msm-live-'));
  const root = join(base, 'MobileApps');
  const dataDir = join(base, 'data');
  mkdirSync(root);
  mkdirSync(dataDir);
  writeFileSync(join(root, 'key.mobileapp'), 'key');
  const apps = appSpecs(appCount);
  const ids = new Map<string, string[]>();
  for (const app of apps) {
    mkdirSync(join(root, app.folder));
    writeFileSync(join(root, app.folder, 'manifest.json'), manifestText(app));
    const list: string[] = [];
    for (let i = 0; i < perApp; i++) {
      const id = newId();
      writeFileSync(join(root, app.folder, id), sessionText(app, id, i));
      list.push(id);
    }
    ids.set(app.folder, list);
  }
  return { base, root, dataDir, apps, ids, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export async function waitFor(cond: () => boolean, what: string, ceilingMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ceilingMs) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function recordEvents(subscribe: (l: (e: EngineEvent) => void) => () => void): {
  events: EngineEvent[];
  stop: () => void;
} {
  const events: EngineEvent[] = [];
  const stop = subscribe((e) => events.push(e));
  return { events, stop };
}
