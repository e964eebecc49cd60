import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api-error';
import type { SessionRef } from '../../../shared/types';
import { buildSessionJson } from '../demo/demo-folder';
import { deleteSessionFile, folderTrash, restoreSessionFile } from './session-delete';

const dirs: string[] = [];
async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'msm-delete-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const ID = '7023d9205074199d1c16fc00d24354e778137675';
const APP = 'com.acme.tasks';
const REF: SessionRef = { app: APP, id: ID };
// Unusual bytes on purpose: BOM, CRLF, no trailing newline.
const BYTES = Buffer.from(
  `\uFEFF${buildSessionJson({ bundleId: APP, teamId: null, sessionId: ID, seed: 5, eol: '\r\n' })}`,
);
const MTIME = 1_700_000_123.456;

async function setup() {
  const base = await tmp();
  const root = join(base, 'MobileApps');
  await mkdir(join(root, APP), { recursive: true });
  const file = join(root, APP, ID);
  await writeFile(file, BYTES);
  await utimes(file, MTIME, MTIME);
  return { base, root, file, trashDir: join(base, 'Trash') };
}

async function apiError(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('delete and restore', () => {
  it('moves the file to the trash and restores exact bytes, mode and mtime', async () => {
    const { root, file, trashDir } = await setup();
    if (process.platform !== 'win32') await chmod(file, 0o640);
    const deleted = await deleteSessionFile(root, REF, folderTrash(trashDir));
    expect(deleted.bytes.equals(BYTES)).toBe(true);
    expect(deleted.ref).toEqual(REF);
    await expect(stat(file)).rejects.toThrow();
    const trashed = await listTree(trashDir);
    expect(trashed).toHaveLength(1);
    expect(trashed[0]).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}/${APP}/${ID}$`));
    expect((await readFile(join(trashDir, trashed[0] as string))).equals(BYTES)).toBe(true);

    await restoreSessionFile(root, deleted);
    expect((await readFile(file)).equals(BYTES)).toBe(true);
    const st = await stat(file);
    expect(Math.abs(st.mtimeMs - MTIME * 1000)).toBeLessThan(1);
    if (process.platform !== 'win32') expect(st.mode & 0o777).toBe(0o640);
    expect(await readdir(join(root, APP))).toEqual([ID]);
  });

  it('calls the injected trash with the absolute path', async () => {
    const { root, file } = await setup();
    const seen: string[] = [];
    await deleteSessionFile(root, REF, async (p) => {
      seen.push(p);
      await unlink(p);
    });
    expect(seen).toEqual([file]);
  });

  it('fails with not-found when the session is already gone, and trashes nothing', async () => {
    const { root, file } = await setup();
    await unlink(file);
    let called = false;
    const err = await apiError(deleteSessionFile(root, REF, async () => void (called = true)));
    expect(err.code).toBe('not-found');
    expect(err.message).toContain(ID);
    expect(called).toBe(false);
  });

  it('reports a failing trash as an ApiError and keeps the file', async () => {
    const { root, file } = await setup();
    const err = await apiError(
      deleteSessionFile(root, REF, async () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      }),
    );
    expect(err.code).toBe('io');
    expect((await readFile(file)).equals(BYTES)).toBe(true);
  });

  it('refuses to restore over a file that exists again', async () => {
    const { root, file, trashDir } = await setup();
    const deleted = await deleteSessionFile(root, REF, folderTrash(trashDir));
    await writeFile(file, 'newer content');
    const err = await apiError(restoreSessionFile(root, deleted));
    expect(err.code).toBe('io');
    expect(err.message).toMatch(/exists again/);
    expect(await readFile(file, 'utf8')).toBe('newer content');
    expect(await readdir(join(root, APP))).toEqual([ID]);
  });

  it('recreates the app folder if it vanished', async () => {
    const { root, trashDir } = await setup();
    const deleted = await deleteSessionFile(root, REF, folderTrash(trashDir));
    await rm(join(root, APP), { recursive: true });
    await restoreSessionFile(root, deleted);
    expect((await readFile(join(root, APP, ID))).equals(BYTES)).toBe(true);
  });

  it('never overwrites in the trash folder', async () => {
    const { root, file, trashDir } = await setup();
    const trash = folderTrash(trashDir);
    const first = await deleteSessionFile(root, REF, trash);
    await restoreSessionFile(root, first);
    await writeFile(file, 'second version');
    await deleteSessionFile(root, REF, trash);
    const trashed = await listTree(trashDir);
    expect(trashed).toHaveLength(2);
    const contents = await Promise.all(trashed.map((t) => readFile(join(trashDir, t), 'utf8')));
    expect(contents.sort()).toEqual([BYTES.toString(), 'second version'].sort());
  });

  it('refuses escapes for delete and restore', async () => {
    const { base, root, trashDir } = await setup();
    const trash = folderTrash(trashDir);
    expect((await apiError(deleteSessionFile(root, { app: '..', id: ID }, trash))).code).toBe('outside-root');
    await mkdir(join(base, 'outside'));
    await writeFile(join(base, 'outside', ID), 'x');
    await symlink(join(base, 'outside'), join(root, 'com.evil'));
    expect((await apiError(deleteSessionFile(root, { app: 'com.evil', id: ID }, trash))).code).toBe('outside-root');
    const fake = { ref: { app: 'com.evil', id: 'd'.repeat(40) }, bytes: Buffer.from('{}'), mtimeMs: 0 };
    expect((await apiError(restoreSessionFile(root, fake))).code).toBe('outside-root');
    expect(await readdir(join(base, 'outside'))).toEqual([ID]);
  });
});
