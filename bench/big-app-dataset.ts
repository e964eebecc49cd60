// The data set of `npm run bench:browser -- --big-app <n>`: a MobileApps folder with one
// iOS app of n sessions and two small apps (one iOS, one Android: its folder is the
// bundle id alone), cached under bench/.data/big-<n> with a `complete` marker like
// cachedDataset. The big app's folder sorts first (the engine lists apps by folder name,
// byte order: upper case before lower case), so it is the app the UI selects at start.
// File times are spread over the past year, so "Last changed" is a real order.

import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hexId, manifestText, rng, sessionText, type AppSpec } from '../electron/engine/testing/dataset';

export const BIG_APP: AppSpec = {
  folder: 'AAAAA00000.com.example.big',
  bundleId: 'com.example.big',
  teamId: 'AAAAA00000',
  platform: 'ios',
  name: 'Big App',
};

export const SMALL_APPS: AppSpec[] = [
  {
    folder: 'ABCDE00001.com.example.small',
    bundleId: 'com.example.small',
    teamId: 'ABCDE00001',
    platform: 'ios',
    name: 'Small iOS App',
  },
  { folder: 'com.example.droid', bundleId: 'com.example.droid', teamId: '', platform: 'android', name: 'Small Droid' },
];

/** Sessions in each small app. */
export const SMALL_APP_SESSIONS = 50;

const DAY_S = 86_400;

function writeApp(root: string, app: AppSpec, sessions: number, rand: () => number, nowS: number): void {
  const dir = join(root, app.folder);
  mkdirSync(dir);
  writeFileSync(join(dir, 'manifest.json'), manifestText(app));
  for (let i = 0; i < sessions; i++) {
    const id = hexId(rand);
    const file = join(dir, id);
    writeFileSync(file, sessionText(app, id, i, i % 4 === 0 ? 'accepted' : 'pending'));
    const t = nowS - Math.floor(rand() * 365 * DAY_S);
    utimesSync(file, t, t);
  }
}

/** Writes the folder under `parent`; returns the MobileApps path. */
export function writeBigAppDataset(parent: string, sessions: number, seed = 7): string {
  const root = join(parent, 'MobileApps');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'key.mobileapp'), 'production key');
  const rand = rng(seed);
  const nowS = Math.floor(Date.now() / 1000);
  writeApp(root, BIG_APP, sessions, rand, nowS);
  for (const app of SMALL_APPS) writeApp(root, app, SMALL_APP_SESSIONS, rand, nowS);
  return root;
}

/** The cached big-app data set for `sessions`, generated on first use. */
export function cachedBigAppDataset(baseDir: string, sessions: number): { root: string; generated: boolean } {
  const dir = join(baseDir, `big-${sessions}`);
  const marker = join(dir, 'complete');
  if (existsSync(marker)) return { root: join(dir, 'MobileApps'), generated: false };
  const root = writeBigAppDataset(dir, sessions);
  writeFileSync(marker, new Date().toISOString());
  return { root, generated: true };
}
