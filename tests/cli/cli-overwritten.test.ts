// `mobile-sessions check` lists a change that another program overwrote before a push
// (issue 10 §1): accepted with the command line, written back as pending by "4D",
// then `check` names the session, what was set and what the file says, and exits 3.

import { readFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoFolder } from '../../electron/engine/demo/demo-folder';
import { buildCliBundle, readSessions, refOf, runCli } from './cli-helpers';

let bundleDir: string;
let parent: string;
beforeAll(async () => {
  bundleDir = await buildCliBundle();
  parent = await mkdtemp(join(tmpdir(), 'msm-cli-overwritten-'));
});
afterAll(async () => {
  await rm(join(bundleDir, '..'), { recursive: true, force: true });
  await rm(parent, { recursive: true, force: true });
});

describe('check and overwritten changes', () => {
  it('names the overwritten session and exits 3; --json carries it', async () => {
    const root = await writeDemoFolder(parent, { seed: 5, apps: 1, sessionsPerApp: 4 });
    const dataDir = join(parent, 'app-data');
    const cli = (args: string[]) => runCli(args, { cwd: parent, env: { MSM_DATA_DIR: dataDir } });
    const target = (await readSessions(root)).find((s) => s.json.status === 'pending')!;
    const path = join(root, target.app, target.id);
    const original = await readFile(path);
    expect((await cli(['accept', refOf(target), '--dir', root])).code).toBe(0);

    const before = await cli(['check', '--dir', root, '--json']);
    expect(JSON.parse(before.stdout).overwritten).toEqual([]);

    await writeFile(join(parent, 'tmp'), original); // "4D" writes its older copy back
    await rename(join(parent, 'tmp'), path);

    const text = await cli(['check', '--dir', root]);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain(
      `${target.app}/${target.id}\n  overwritten: status set to "accepted", the file now says "pending"`,
    );
    const json = await cli(['check', '--dir', root, '--json']);
    expect(JSON.parse(json.stdout).overwritten).toEqual([
      { ref: { app: target.app, id: target.id }, field: 'status', set: 'accepted', now: 'pending' },
    ]);
  });
});
