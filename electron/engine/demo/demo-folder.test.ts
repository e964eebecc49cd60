import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeDemoFolder } from './demo-folder';
import { isSessionFileName, parseAppFolderName, parseSessionBytes, readManifest } from '../session/session-file';

const dirs: string[] = [];
async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'msm-demo-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function snapshot(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (e.isFile())
      out.set(join(e.parentPath, e.name).slice(root.length), await readFile(join(e.parentPath, e.name), 'utf8'));
  }
  return out;
}

describe('writeDemoFolder', () => {
  it('writes every layout, with sessions that pass the server checks', async () => {
    const root = await writeDemoFolder(await tmp(), { seed: 1 });
    const entries = (await readdir(root)).sort();
    expect(entries).toContain('key.mobileapp');
    const apps = entries.filter((e) => e !== 'key.mobileapp');
    expect(apps).toHaveLength(6);
    const parsed = apps.map(parseAppFolderName);
    expect(parsed.filter((p) => p.teamId === null).length).toBeGreaterThanOrEqual(2); // Android
    expect(parsed.filter((p) => p.fakeTeam)).toHaveLength(1);
    const bundles = parsed.map((p) => p.bundleId);
    expect(new Set(bundles).size).toBeLessThan(bundles.length); // one bundle under two folders

    const seen = { ios: 0, ipados: 0, android: 0, pending: 0, accepted: 0, simulator: 0 };
    for (const app of apps) {
      const names = await readdir(join(root, app));
      const sessions = names.filter(isSessionFileName);
      expect(sessions.length).toBeGreaterThanOrEqual(5);
      expect(sessions.length).toBeLessThanOrEqual(40);
      if (names.includes('manifest.json'))
        expect(readManifest(await readFile(join(root, app, 'manifest.json')))).not.toBeNull();
      for (const id of sessions) {
        const bytes = await readFile(join(root, app, id));
        const st = await stat(join(root, app, id));
        const r = parseSessionBytes(app, id, bytes, st);
        expect(r.ok, `${app}/${id}`).toBe(true);
        if (!r.ok) continue;
        expect(r.record.warnings, `${app}/${id}`).toEqual([]);
        seen[r.record.status ?? 'pending']++;
        if (r.record.os === 'iOS') seen.ios++;
        if (r.record.os === 'iPadOS') seen.ipados++;
        if (r.record.os === 'Android') {
          seen.android++;
          expect(typeof (r.json.device as Record<string, unknown>).simulator).toBe('boolean');
          expect(r.json.team).toBeUndefined();
        }
        if (r.record.simulator) seen.simulator++;
      }
    }
    for (const [k, v] of Object.entries(seen)) expect(v, k).toBeGreaterThan(0);
  });

  it('is deterministic for a seed', async () => {
    const a = await snapshot(await writeDemoFolder(await tmp(), { seed: 9, apps: 8 }));
    const b = await snapshot(await writeDemoFolder(await tmp(), { seed: 9, apps: 8 }));
    expect(a).toEqual(b);
    const c = await snapshot(await writeDemoFolder(await tmp(), { seed: 10, apps: 8 }));
    expect(c).not.toEqual(a);
  });

  it('adds one truncated file and one token mismatch with withProblems', async () => {
    const root = await writeDemoFolder(await tmp(), { seed: 2, sessionsPerApp: 3, withProblems: true });
    const problems: string[] = [];
    const warnings: string[] = [];
    for (const app of (await readdir(root)).filter((e) => e !== 'key.mobileapp')) {
      const sessions = (await readdir(join(root, app))).filter(isSessionFileName);
      for (const id of sessions) {
        const bytes = await readFile(join(root, app, id));
        const r = parseSessionBytes(app, id, bytes, { mtimeMs: 0, size: bytes.length });
        if (!r.ok) problems.push(r.code);
        else warnings.push(...r.record.warnings.map((w) => w.code));
      }
    }
    expect(problems).toEqual(['malformed-json']);
    expect(warnings).toEqual(['token-mismatch']);
  });

  it('generates exact counts for big sets', async () => {
    const root = await writeDemoFolder(await tmp(), { apps: 12, sessionsPerApp: 50 });
    let total = 0;
    for (const app of (await readdir(root)).filter((e) => e !== 'key.mobileapp')) {
      total += (await readdir(join(root, app))).filter(isSessionFileName).length;
    }
    expect(total).toBe(600);
  });
});
