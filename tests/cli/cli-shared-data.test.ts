// The command line and the app share one data directory and one action
// pipeline: a change made with `mobile-sessions accept` or `delete` is in the
// app's Push count and Activity log exactly like a click, whether the app opens
// the folder afterwards or is already running (it reads the unpushed changes
// again on refresh and on every reopen).

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeDemoFolder } from '../../electron/engine/demo/demo-folder';
import { WorkspaceSet } from '../../electron/engine/folder-set/workspace-set';
import { unpushedFile } from '../../electron/engine/paths';
import { startFourDPeer } from '../peer/four-d-peer';
import { buildCliBundle, readSessions, refOf, runCli } from './cli-helpers';

let bundleDir: string;
beforeAll(async () => {
  bundleDir = await buildCliBundle();
});
afterAll(async () => {
  await rm(join(bundleDir, '..'), { recursive: true, force: true });
});

let parent: string;
let root: string;
let dataDir: string;
const open: WorkspaceSet[] = [];

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'msm-cli-shared-'));
  root = await writeDemoFolder(parent, { seed: 11, apps: 2, sessionsPerApp: 6 });
  dataDir = join(parent, 'app-data');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await rm(parent, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { cwd: parent, env: { MSM_DATA_DIR: dataDir, ...env } });

/** The desktop app's engine on the same data directory (what Electron's main process builds). */
function app(): WorkspaceSet {
  const set = new WorkspaceSet({ platform: 'linux', version: 'test', dataDir, healthIntervalMs: 0 });
  open.push(set);
  return set;
}

async function pendingSessions() {
  return (await readSessions(root)).filter((s) => s.json.status === 'pending');
}

describe('a change made with the command line, seen by the app', () => {
  it('accept: opening the folder afterwards shows it in the Push count, the pre-flight check and Activity', async () => {
    const [target] = await pendingSessions();
    expect((await cli(['accept', refOf(target!), '--dir', root])).code).toBe(0);

    const set = app();
    const state = await set.add(root);
    expect(state.unpushed).toBe(1);
    expect((await set.preflight()).checked).toBe(1);
    const log = await set.readAuditLog({});
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'set-status', source: 'cli', pushed: false, folder: state.root });
    expect(log[0]!.sessions).toEqual([{ app: target!.app, id: target!.id, before: 'pending', after: 'accepted' }]);
    expect((await set.listFolders())[0]?.unpushed).toBe(1);
  });

  it('delete: counted as unpushed too', async () => {
    const [target] = await pendingSessions();
    expect((await cli(['delete', '--yes', refOf(target!), '--dir', root])).code).toBe(0);
    const state = await app().add(root);
    expect(state.unpushed).toBe(1);
  });

  it('an app already running picks it up on refresh, and its own next change keeps the command line’s', async () => {
    const [first] = await pendingSessions();
    const second = (await readSessions(root)).find((s) => s.id !== first!.id);
    const set = app();
    expect((await set.add(root)).unpushed).toBe(0);

    expect((await cli(['accept', refOf(first!), '--dir', root])).code).toBe(0);
    expect((await set.refresh()).unpushed).toBe(1);
    expect((await set.readAuditLog({})).map((e) => e.source)).toEqual(['cli']);

    const result = await set.setEmail([{ app: second!.app, id: second!.id }], 'admin@example.com');
    expect(result.failed).toEqual([]);
    expect((await set.getState()).unpushed).toBe(2);
    await set.close();
    // Both on disk: the app's write did not replace the file with its older copy.
    const file = JSON.parse(await readFile(unpushedFile(dataDir), 'utf8')) as { roots: Record<string, unknown[]> };
    expect(Object.values(file.roots).flat()).toHaveLength(2);
    expect((await app().add(root)).unpushed).toBe(2);
  });
});

describe('mobile-sessions push, seen by the app', () => {
  const SECRET = 's3cret-token';

  it('a successful push clears the unpushed changes the app counts', async () => {
    const peer = await startFourDPeer({ secret: SECRET });
    try {
      const [target] = await pendingSessions();
      expect((await cli(['accept', refOf(target!), '--dir', root])).code).toBe(0);
      const r = await cli(['push', '--push-url', peer.url, '--dir', root], { PUSH_SECRET: SECRET });
      expect(r.code, r.stderr).toBe(0);
      expect(peer.refreshCount()).toBe(1);
      expect((await app().add(root)).unpushed).toBe(0);
    } finally {
      await peer.close();
    }
  });

  it('a change overwritten in the file before the push: incomplete (exit 1), named, and still unpushed', async () => {
    const peer = await startFourDPeer({ secret: SECRET });
    try {
      const [target] = await pendingSessions();
      const path = join(root, target!.app, target!.id);
      const original = await readFile(path);
      expect((await cli(['accept', refOf(target!), '--dir', root])).code).toBe(0);
      await writeFile(path, original); // another program writes its older copy back: "pending" again
      const r = await cli(['push', '--push-url', peer.url, '--dir', root], { PUSH_SECRET: SECRET });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/incomplete/);
      expect(r.stderr).toContain(target!.id);
      expect((await app().add(root)).unpushed).toBe(1);
    } finally {
      await peer.close();
    }
  });
});
