import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../engine/folder/workspace';
import { openStartupFolder } from './startup-folder';

const dirs: string[] = [];
const workspaces: Workspace[] = [];

async function workspace(): Promise<Workspace> {
  const dataDir = await mkdtemp(join(tmpdir(), 'msm-startup-'));
  dirs.push(dataDir);
  const ws = new Workspace({ platform: 'linux', version: 'test', dataDir });
  workspaces.push(ws);
  return ws;
}

afterEach(async () => {
  await Promise.all(workspaces.splice(0).map((w) => w.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('openStartupFolder', () => {
  it('opens the demo folder when the remembered folder has vanished (does not reject)', async () => {
    const ws = await workspace();
    const result = await openStartupFolder(ws, join(tmpdir(), 'msm-no-such-folder-' + Date.now()));
    expect(result.state.phase).toBe('ready');
    expect(result.state.isDemo).toBe(true);
    expect(result.warning).toMatch(/msm-no-such-folder/);
  });

  it('opens the demo folder when there is no folder to open', async () => {
    const ws = await workspace();
    const result = await openStartupFolder(ws, null);
    expect(result.state.isDemo).toBe(true);
    expect(result.warning).toBeNull();
  });
});
