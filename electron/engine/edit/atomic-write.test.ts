import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api-error';
import { AtomicWriteAborted, tempPathFor, writeFileAtomic } from './atomic-write';
import { isSessionFileName } from '../session/session-file';

const dirs: string[] = [];
async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'msm-atomic-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const ID = '7023d9205074199d1c16fc00d24354e778137675';

describe('writeFileAtomic', () => {
  it('creates and replaces files, leaving only the target', async () => {
    const d = await tmp();
    const p = join(d, ID);
    await writeFileAtomic(p, 'one');
    await writeFileAtomic(p, Buffer.from('two'));
    expect(await readFile(p, 'utf8')).toBe('two');
    expect(await readdir(d)).toEqual([ID]);
  });

  it('uses temp names no scanner takes for a session', () => {
    const t = tempPathFor(join('/x', ID));
    const name = t.slice(3);
    expect(name.startsWith('.')).toBe(true);
    expect(isSessionFileName(name)).toBe(false);
  });

  it("keeps the existing file's mode", async () => {
    if (process.platform === 'win32') return;
    const d = await tmp();
    const p = join(d, ID);
    await writeFile(p, 'x');
    await chmod(p, 0o640);
    await writeFileAtomic(p, 'y');
    expect((await stat(p)).mode & 0o777).toBe(0o640);
    await writeFileAtomic(p, 'z', { mode: 0o600, fsync: false });
    expect((await stat(p)).mode & 0o777).toBe(0o600);
  });

  it('leaves no temp file when the rename fails', async () => {
    const d = await tmp();
    const target = join(d, ID);
    await mkdir(join(target, 'child'), { recursive: true }); // a non-empty folder cannot be replaced by a file
    const err = await writeFileAtomic(target, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(await readdir(d)).toEqual([ID]);
  });

  it('fails with a clear ApiError when the folder is gone', async () => {
    const d = await tmp();
    const err = await writeFileAtomic(join(d, 'gone', ID), 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('not-found');
    expect((err as ApiError).message).not.toMatch(/ENOENT/);
  });

  it('abandons the write when beforeRename says no, and removes the temp', async () => {
    const d = await tmp();
    const p = join(d, ID);
    await writeFile(p, 'original');
    const err = await writeFileAtomic(p, 'new', { beforeRename: () => false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtomicWriteAborted);
    expect(await readFile(p, 'utf8')).toBe('original');
    expect(await readdir(d)).toEqual([ID]);
  });

  it('never overwrites with noOverwrite', async () => {
    const d = await tmp();
    const p = join(d, ID);
    await writeFile(p, 'original');
    const err = await writeFileAtomic(p, 'new', { noOverwrite: true }).catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('io');
    expect(await readFile(p, 'utf8')).toBe('original');
    expect(await readdir(d)).toEqual([ID]);
    await writeFileAtomic(join(d, 'other'), 'fresh', { noOverwrite: true });
    expect(await readFile(join(d, 'other'), 'utf8')).toBe('fresh');
  });

  it('gives the file its modification time before it takes the name (undo: no reader sees another time)', async () => {
    const d = await tmp();
    const mtimeMs = Date.UTC(2024, 1, 3, 4, 5, 6);
    for (const noOverwrite of [true, false]) {
      const p = join(d, noOverwrite ? ID : 'replaced');
      let seenBeforeRename = NaN;
      await writeFileAtomic(p, 'restored', {
        noOverwrite,
        mtimeMs,
        beforeRename: async () => {
          const [temp] = (await readdir(d)).filter((n) => n.endsWith('.tmp'));
          seenBeforeRename = (await stat(join(d, temp!))).mtimeMs;
          return true;
        },
      });
      expect(seenBeforeRename).toBe(mtimeMs);
      expect((await stat(p)).mtimeMs).toBe(mtimeMs);
    }
  });
});
