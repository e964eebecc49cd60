// Watching a folder on a real network share (sshfs through the delaying proxy,
// client caches of 1 s): opened with no flag, it is recognised as a network file
// system and polled; what the "server" changes (files written in serverDir
// directly) shows up: an addition, an in-place rewrite (same inode, same size,
// the folder's times unchanged) and a removal. The re-check on focus finds a
// rewrite with native watching chosen, where no event ever comes. No timed
// assertion: each change must show before the test's ceiling; the latency
// figures are bench/share-watch.ts's business.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../electron/engine/folder/workspace';
import { appSpecs, manifestText, sessionText, type AppSpec } from '../../electron/engine/testing/dataset';
import { newId, waitFor } from '../../electron/engine/testing/engine-fixtures';
import { shareUnavailable, startTestShare, type TestShare } from './test-share';

const why = shareUnavailable();
const CEILING_MS = 60_000;

describe.skipIf(why !== null)(`watching a network share${why ? ` — skipped: ${why}` : ''}`, () => {
  let share: TestShare;
  let dataDir: string;
  const apps = appSpecs(2);
  const ids = new Map<string, string[]>();
  const serverRoot = () => join(share.serverDir, 'MobileApps');

  beforeAll(async () => {
    share = await startTestShare({ delayMs: 1, cacheSeconds: 1 });
    dataDir = mkdtempSync(join(tmpdir(), 'msm-share-data-'));
    mkdirSync(serverRoot());
    writeFileSync(join(serverRoot(), 'key.mobileapp'), 'key');
    for (const app of apps) {
      mkdirSync(join(serverRoot(), app.folder));
      writeFileSync(join(serverRoot(), app.folder, 'manifest.json'), manifestText(app));
      const list = Array.from({ length: 30 }, (_, i) => {
        const id = newId();
        writeFileSync(join(serverRoot(), app.folder, id), sessionText(app, id, i));
        return id;
      });
      ids.set(app.folder, list);
    }
  }, CEILING_MS);

  afterAll(async () => {
    await share?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Rewrites a session file in place (same inode) with an e-mail of the same length: the size does not change. */
  function rewriteInPlace(app: AppSpec, id: string, from: string, to: string): void {
    const path = join(serverRoot(), app.folder, id);
    const ino = statSync(path).ino;
    const text = readFileSync(path, 'utf8');
    const next = text.replace(from, to);
    expect(next.length).toBe(text.length);
    writeFileSync(path, next);
    expect(statSync(path).ino).toBe(ino);
  }

  it(
    'is detected as a network share and polled: a server-side add, in-place rewrite and removal show up',
    async () => {
      const ws = new Workspace({ platform: 'linux', version: 'test', dataDir });
      try {
        const state = await ws.open(join(share.mountDir, 'MobileApps'));
        expect(state.watchMode).toBe('polling');
        expect(state.watch).toEqual({
          mode: 'polling',
          preference: 'auto',
          reason: 'network',
          fsType: 'fuse.sshfs',
          network: true,
        });
        const app = apps[0] as AppSpec;
        const session = (id: string) => ws['folder']['index'].getSession(app.folder, id);

        const added = newId();
        writeFileSync(join(serverRoot(), app.folder, added), sessionText(app, added, 7));
        await waitFor(() => session(added) !== undefined, 'the server-side addition', CEILING_MS);

        const victim = (ids.get(app.folder) as string[])[3] as string;
        rewriteInPlace(app, victim, 'user3@example.com', 'resu3@example.com');
        await waitFor(() => session(victim)?.email === 'resu3@example.com', 'the in-place rewrite', CEILING_MS);

        unlinkSync(join(serverRoot(), app.folder, added));
        await waitFor(() => session(added) === undefined, 'the server-side removal', CEILING_MS);
      } finally {
        await ws.close();
      }
    },
    3 * CEILING_MS,
  );

  it(
    'with Native chosen for the share, the focus re-check finds an in-place rewrite by listings alone',
    async () => {
      const ws = new Workspace({ platform: 'linux', version: 'test', dataDir, watchPreference: () => 'native' });
      try {
        const state = await ws.open(join(share.mountDir, 'MobileApps'));
        expect(state.watch).toMatchObject({ mode: 'native', reason: 'chosen', fsType: 'fuse.sshfs', network: true });
        const app = apps[1] as AppSpec;
        const victim = (ids.get(app.folder) as string[])[5] as string;
        rewriteInPlace(app, victim, 'user5@example.com', 'resu5@example.com');
        const session = () => ws['folder']['index'].getSession(app.folder, victim);
        // The client's cache may answer the first look with the old attributes: look until it has expired.
        await waitFor(
          () => session()?.email === 'resu5@example.com' || (void ws.recheck(), false),
          'the re-check',
          CEILING_MS,
        );
        expect((await ws.recheck()).files).toBeGreaterThanOrEqual(60);
      } finally {
        await ws.close();
      }
    },
    2 * CEILING_MS,
  );
});
