// Watching a MobileApps folder on a network share, measured on the real test
// share (sshfs through the delaying proxy: 1 ms each way, client caches of 1 s).
//
//   node --import tsx bench/share-watch.ts [--sessions 5000] [--changes 8] [--idle-s 30]
//
// Needs root, sshfs and sshd (tests/share/test-share.ts says what is missing).
// The folder is opened with no flag: the watch mode is chosen automatically.
// Prints one JSON document: the mode chosen and why, the time to open, the idle
// traffic on the wire (bytes the proxy carried, both ways, over --idle-s while
// nothing changes), and the latency from a change made on the server to the
// engine's index showing it, for additions, in-place rewrites (same inode, same
// size) and removals (p50 and max over --changes each, spaced at random so the
// changes fall anywhere in the polling rotation).
//
// Figures (2 shared cores, other work running), 5,000 sessions / 20 app folders, 12 changes each:
//   watch: polling, reason network, fuse.sshfs (no flag given)
//   idle: 96.6 KiB/s over 30 s (was 177 KB/s with the previous poller at 5,126 sessions)
//   add: p50 1.7 s, max 2.2 s; remove: p50 1.3 s, max 1.9 s
//   rewrite in place: p50 6.6 s, max 8.9 s (the rewritten folder had just been listed for the
//   addition before it: close to the worst case of one pass, ~9.3 s)
//   openMs: 76 s — the scan's, not the watcher's (issue 10 §3, first point).

import { mkdirSync, readFileSync, rmSync, mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Workspace } from '../electron/engine/folder/workspace';
import { appSpecs, manifestText, sessionText, type AppSpec } from '../electron/engine/testing/dataset';
import { newId } from '../electron/engine/testing/engine-fixtures';
import { shareUnavailable, startTestShare } from '../tests/share/test-share';

const SESSIONS_PER_APP = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(ms: number[]): { p50: number; max: number; n: number } {
  return { p50: Math.round(percentile(ms, 50)), max: Math.round(Math.max(...ms)), n: ms.length };
}

async function until(cond: () => boolean, ceilingMs = 60_000): Promise<number> {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > ceilingMs) return Infinity;
    await sleep(20);
  }
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sessions: { type: 'string', default: '5000' },
      changes: { type: 'string', default: '8' },
      'idle-s': { type: 'string', default: '30' },
    },
  });
  const sessions = Number(values.sessions);
  const changes = Number(values.changes);
  const idleS = Number(values['idle-s']);
  const why = shareUnavailable();
  if (why) throw new Error(`No test share: ${why}`);

  const share = await startTestShare({ delayMs: 1, cacheSeconds: 1 });
  const dataDir = mkdtempSync(join(tmpdir(), 'msm-share-bench-'));
  const root = join(share.serverDir, 'MobileApps');
  const apps = appSpecs(Math.max(1, Math.ceil(sessions / SESSIONS_PER_APP)));
  const ids = new Map<string, string[]>();
  mkdirSync(root);
  writeFileSync(join(root, 'key.mobileapp'), 'key');
  for (const [a, app] of apps.entries()) {
    mkdirSync(join(root, app.folder));
    writeFileSync(join(root, app.folder, 'manifest.json'), manifestText(app));
    const list: string[] = [];
    for (let i = a; i < sessions; i += apps.length) {
      const id = newId();
      writeFileSync(join(root, app.folder, id), sessionText(app, id, i));
      list.push(id);
    }
    ids.set(app.folder, list);
  }
  await sleep(3000); // the files' times are older than the racy window, as on a share in use

  const ws = new Workspace({ platform: 'linux', version: 'bench', dataDir });
  try {
    const t0 = performance.now();
    const state = await ws.open(join(share.mountDir, 'MobileApps'));
    const openMs = performance.now() - t0;
    const index = () => ws['folder']['index'];
    await sleep(5000); // first ticks and caches settle

    const b0 = await share.proxy.bytes();
    await sleep(idleS * 1000);
    const b1 = await share.proxy.bytes();
    const idleBytes = b1.up - b0.up + (b1.down - b0.down);

    const add: number[] = [];
    const rewrite: number[] = [];
    const remove: number[] = [];
    for (let k = 0; k < changes; k++) {
      const app = apps[k % apps.length] as AppSpec;
      const dir = join(root, app.folder);
      await sleep(Math.random() * 3000);
      const id = newId();
      writeFileSync(join(dir, id), sessionText(app, id, k));
      add.push(await until(() => index().getSession(app.folder, id) !== undefined));

      await sleep(Math.random() * 3000);
      const victim = (ids.get(app.folder) as string[])[k] as string;
      const path = join(dir, victim);
      const text = readFileSync(path, 'utf8');
      const email = /"email": "([^"]+)"/.exec(text)?.[1] as string;
      const swapped = email.replace(/^user/, 'resu');
      writeFileSync(path, text.replace(email, swapped)); // same inode, same size
      rewrite.push(await until(() => index().getSession(app.folder, victim)?.email === swapped));

      await sleep(Math.random() * 3000);
      unlinkSync(join(dir, id));
      remove.push(await until(() => index().getSession(app.folder, id) === undefined));
    }
    console.log(
      JSON.stringify(
        {
          sessions,
          appFolders: apps.length,
          share: 'sshfs via loopback proxy, 1 ms each way, dcache/attr/entry timeouts 1 s',
          watch: state.watch,
          openMs: Math.round(openMs),
          idle: { seconds: idleS, bytes: idleBytes, kbPerSecond: Math.round((idleBytes / 1024 / idleS) * 10) / 10 },
          latencyMs: { add: summary(add), rewriteInPlace: summary(rewrite), remove: summary(remove) },
        },
        null,
        2,
      ),
    );
  } finally {
    await ws.close();
    await share.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
