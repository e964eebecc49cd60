// Generates a MobileApps folder of realistic session files (~700 bytes each),
// fast (synchronous writes), deterministic, cached by size under bench/.data.
// Also used by the engine tests to write well-formed sessions.

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../demo/demo-folder';
import { encodeSessionToken } from '../session/session-token';

/** Small deterministic PRNG: the demo folder's (mulberry32). */
export const rng = createRng;

export function hexId(rand: () => number, length = 40): string {
  let s = '';
  while (s.length < length)
    s += Math.floor(rand() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return s.slice(0, length).toUpperCase();
}

export interface AppSpec {
  folder: string;
  bundleId: string;
  teamId: string; // '' for Android / no team
  platform: 'ios' | 'android';
  name: string;
}

/** One session file's text, shaped like the files 4D writes. */
export function sessionText(app: AppSpec, id: string, i: number, status: 'accepted' | 'pending' = 'pending'): string {
  const ios = app.platform === 'ios';
  const json: Record<string, unknown> = {
    application: { id: app.bundleId, name: app.name, version: '1.2.' + (i % 7) },
    ...(ios ? { team: { id: app.teamId } } : {}),
    language: { id: 'en_US', code: 'en', region: 'US' },
    email: `user${i}@example.com`,
    device: ios
      ? {
          id: `D${i}-${id.slice(0, 12)}`,
          description: i % 3 ? 'iPhone 15 Pro' : 'iPad Air',
          version: '17.4',
          os: i % 3 ? 'iOS' : 'iPadOS',
          token: id.toLowerCase() + id.toLowerCase().slice(0, 24),
        }
      : {
          id: `A${i}-${id.slice(0, 12)}`,
          description: 'Pixel 8',
          version: '34 (Android U)',
          os: 'Android',
          simulator: false,
        },
    ...(ios ? { send: 'link' } : {}),
    session: { id, ip: `10.0.${i % 250}.${(i * 7) % 250}` },
    status,
    token: encodeSessionToken(app.bundleId, id, app.teamId),
    userInfo: { department: 'Field sales', region: 'North' },
  };
  return JSON.stringify(json, null, 2) + '\n';
}

export function appSpecs(count: number): AppSpec[] {
  const specs: AppSpec[] = [];
  for (let a = 0; a < count; a++) {
    const kind = a % 3;
    const bundleId = `com.example.app${a}`;
    if (kind === 0)
      specs.push({
        folder: `ABCDE${String(a).padStart(5, '0')}.${bundleId}`,
        bundleId,
        teamId: `ABCDE${String(a).padStart(5, '0')}`,
        platform: 'ios',
        name: `App ${a}`,
      });
    else if (kind === 1) specs.push({ folder: bundleId, bundleId, teamId: '', platform: 'android', name: `App ${a}` });
    else
      specs.push({
        folder: `FAKETEAMID.${bundleId}`,
        bundleId,
        teamId: 'FAKETEAMID',
        platform: 'ios',
        name: `App ${a}`,
      });
  }
  return specs;
}

export function manifestText(app: AppSpec): string {
  return JSON.stringify({
    application: { id: app.bundleId, name: app.name },
    ...(app.teamId ? { team: { id: app.teamId } } : {}),
    info: { version: '1.2.0', target: app.platform === 'ios' ? 'iOS' : 'android', ideVersion: '20R8' },
  });
}

/** Writes `sessions` files spread over ~sessions/1000 (at least 3) app folders; returns the MobileApps path. */
export function writeDataset(parent: string, sessions: number, seed = 1): string {
  const root = join(parent, 'MobileApps');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'key.mobileapp'), 'production key');
  const apps = appSpecs(Math.max(3, Math.round(sessions / 970)));
  const rand = rng(seed);
  for (const app of apps) {
    mkdirSync(join(root, app.folder));
    writeFileSync(join(root, app.folder, 'manifest.json'), manifestText(app));
  }
  for (let i = 0; i < sessions; i++) {
    const app = apps[i % apps.length] as AppSpec;
    const id = hexId(rand);
    writeFileSync(join(root, app.folder, id), sessionText(app, id, i, i % 4 === 0 ? 'accepted' : 'pending'));
  }
  return root;
}

/** The cached data set for `sessions`, generated on first use. */
export function cachedDataset(baseDir: string, sessions: number): { root: string; generated: boolean } {
  const dir = join(baseDir, String(sessions));
  const marker = join(dir, 'complete');
  if (existsSync(marker)) return { root: join(dir, 'MobileApps'), generated: false };
  const root = writeDataset(dir, sessions);
  writeFileSync(marker, new Date().toISOString());
  return { root, generated: true };
}
