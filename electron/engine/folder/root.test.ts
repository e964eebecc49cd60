import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api-error';
import { appPath, assertInsideRoot, resolveMobileAppsRoot, sessionPath } from './root';

const dirs: string[] = [];
async function tmp(): Promise<string> {
  const d = await realpath(await mkdtemp(join(tmpdir(), 'msm-root-')));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const ID = '7023d9205074199d1c16fc00d24354e778137675';

async function code(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return (err as ApiError).code;
}
function syncCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return (e as ApiError).code;
  }
  throw new Error('did not throw');
}

describe('resolveMobileAppsRoot', () => {
  it('accepts the MobileApps folder itself', async () => {
    const d = await tmp();
    await mkdir(join(d, 'MobileApps'));
    expect(await resolveMobileAppsRoot(join(d, 'MobileApps'))).toBe(join(d, 'MobileApps'));
  });
  it('accepts a data folder holding "mobileapps" in any case, returning its realpath', async () => {
    const d = await tmp();
    await mkdir(join(d, 'Data', 'mobileApps'), { recursive: true });
    await symlink(join(d, 'Data'), join(d, 'link'));
    expect(await resolveMobileAppsRoot(join(d, 'link'))).toBe(join(d, 'Data', 'mobileApps'));
  });
  it('accepts a renamed MobileApps folder recognised by its content', async () => {
    const d = await tmp();
    await mkdir(join(d, 'Copy', 'ABCDE12345.com.x'), { recursive: true });
    await writeFile(join(d, 'Copy', 'ABCDE12345.com.x', ID), '{}');
    expect(await resolveMobileAppsRoot(join(d, 'Copy'))).toBe(join(d, 'Copy'));
  });
  it('refuses missing folders, files and unrelated folders with the path in the message', async () => {
    const d = await tmp();
    await writeFile(join(d, 'file'), 'x');
    await mkdir(join(d, 'Other', 'sub'), { recursive: true });
    for (const p of [join(d, 'missing'), join(d, 'file'), join(d, 'Other')]) {
      const err = await resolveMobileAppsRoot(p).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('no-folder');
      expect((err as ApiError).message).toContain(p);
    }
  });
  it('refuses an unreadable folder', async () => {
    if (process.platform === 'win32' || process.getuid?.() === 0) return; // root reads everything
    const { chmod } = await import('node:fs/promises');
    const d = await tmp();
    await mkdir(join(d, 'locked'));
    await chmod(join(d, 'locked'), 0o000);
    try {
      expect(await code(resolveMobileAppsRoot(join(d, 'locked')))).toBe('no-folder');
    } finally {
      await chmod(join(d, 'locked'), 0o755);
    }
  });
});

describe('sessionPath / appPath', () => {
  const root = '/srv/MobileApps';
  it('builds paths from plain names', () => {
    expect(sessionPath(root, { app: 'ABCDE12345.com.x', id: ID })).toBe(join(root, 'ABCDE12345.com.x', ID));
    expect(appPath(root, 'com.x')).toBe(join(root, 'com.x'));
  });
  it('refuses escapes', () => {
    const bad = [
      { app: '..', id: ID },
      { app: '.', id: ID },
      { app: '../etc', id: ID },
      { app: '/etc', id: ID },
      { app: 'a\\b', id: ID },
      { app: 'C:', id: ID },
      { app: '', id: ID },
      { app: 'com.x', id: '../x' },
      { app: 'com.x', id: '..' },
      { app: 'com.x', id: 'a/b' },
      { app: 'com.x', id: '/etc/passwd' },
      { app: 'com.x', id: 'x.json' },
      { app: 'com.x\0', id: ID },
    ];
    for (const ref of bad)
      expect(
        syncCode(() => sessionPath(root, ref)),
        JSON.stringify(ref),
      ).toBe('outside-root');
  });
});

describe('assertInsideRoot', () => {
  it('accepts real and not-yet-existing paths inside', async () => {
    const d = await tmp();
    const root = join(d, 'MobileApps');
    await mkdir(join(root, 'com.x'), { recursive: true });
    await assertInsideRoot(root, join(root, 'com.x', ID));
    await assertInsideRoot(root, join(root, 'com.gone', ID));
  });
  it('refuses a symlinked app folder pointing outside', async () => {
    const d = await tmp();
    const root = join(d, 'MobileApps');
    await mkdir(root);
    await mkdir(join(d, 'elsewhere'));
    await writeFile(join(d, 'elsewhere', ID), '{}');
    await symlink(join(d, 'elsewhere'), join(root, 'com.evil'));
    expect(await code(assertInsideRoot(root, sessionPath(root, { app: 'com.evil', id: ID })))).toBe('outside-root');
  });
  it('refuses a symlinked session file pointing outside, and dangling links', async () => {
    const d = await tmp();
    const root = join(d, 'MobileApps');
    await mkdir(join(root, 'com.x'), { recursive: true });
    await writeFile(join(d, 'secret'), '{}');
    await symlink(join(d, 'secret'), join(root, 'com.x', ID));
    expect(await code(assertInsideRoot(root, join(root, 'com.x', ID)))).toBe('outside-root');
    const other = 'b'.repeat(40);
    await symlink(join(d, 'nowhere'), join(root, 'com.x', other));
    expect(await code(assertInsideRoot(root, join(root, 'com.x', other)))).toBe('outside-root');
  });
  it('allows a symlink that stays inside the root', async () => {
    const d = await tmp();
    const root = join(d, 'MobileApps');
    await mkdir(join(root, 'com.real'), { recursive: true });
    await symlink(join(root, 'com.real'), join(root, 'com.alias'));
    await assertInsideRoot(root, join(root, 'com.alias', ID));
  });
});
