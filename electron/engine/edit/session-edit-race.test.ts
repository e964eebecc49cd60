// Races at the worst moment: another writer acts after our temp file is written and
// just before the rename (injected through the atomic writer's beforeRename hook).
import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WriteAtomicOptions } from './atomic-write';

const hook: { run: null | (() => Promise<void>) } = { run: null };
vi.mock('./atomic-write', async (importOriginal) => {
  const real = await importOriginal<typeof import('./atomic-write')>();
  return {
    ...real,
    writeFileAtomic: (path: string, data: string | Buffer, opts: WriteAtomicOptions = {}) =>
      real.writeFileAtomic(path, data, {
        ...opts,
        beforeRename: async () => {
          const run = hook.run;
          hook.run = null;
          if (run) await run();
          return opts.beforeRename ? opts.beforeRename() : true;
        },
      }),
  };
});

const { editSessionFile } = await import('./session-edit');
const { buildSessionJson } = await import('../demo/demo-folder');
const { ApiError } = await import('../../../shared/api-error');

const ID = '7023d9205074199d1c16fc00d24354e778137675';
const APP = 'com.acme.tasks';
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function setup(text: string) {
  const d = await mkdtemp(join(tmpdir(), 'msm-race-'));
  dirs.push(d);
  const root = join(d, 'MobileApps');
  await mkdir(join(root, APP), { recursive: true });
  await writeFile(join(root, APP, ID), text);
  return { root, file: join(root, APP, ID) };
}

const mine = buildSessionJson({
  bundleId: APP,
  teamId: null,
  sessionId: ID,
  status: 'pending',
  seed: 1,
  style: 'spaces2',
});
const theirs = buildSessionJson({
  bundleId: APP,
  teamId: null,
  sessionId: ID,
  status: 'pending',
  email: 'theirs@example.com',
  seed: 2,
  style: 'tabs',
});

describe('editSessionFile races', () => {
  it('re-applies the edit when another writer replaced the file just before our rename', async () => {
    const { root, file } = await setup(mine);
    hook.run = () => writeFile(file, theirs);
    const r = await editSessionFile(root, { app: APP, id: ID }, { status: 'accepted' });
    expect(r.before.toString()).toBe(theirs);
    expect(await readFile(file, 'utf8')).toBe(theirs.replace('"pending"', '"accepted"'));
    expect(await readdir(join(root, APP))).toEqual([ID]);
  });

  it('does not resurrect a session deleted just before our rename', async () => {
    const { root, file } = await setup(mine);
    hook.run = () => unlink(file);
    const err = await editSessionFile(root, { app: APP, id: ID }, { status: 'accepted' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as InstanceType<typeof ApiError>).code).toBe('not-found');
    expect(await readdir(join(root, APP))).toEqual([]);
  });
});
