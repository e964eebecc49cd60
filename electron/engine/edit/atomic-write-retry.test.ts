// Windows sharing violations (EBUSY/EPERM/EACCES while antivirus or 4D holds the file)
// are simulated by making the first renames fail.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const failures = { left: 0, code: 'EBUSY' };
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    rename: async (from: string, to: string) => {
      if (failures.left > 0) {
        failures.left--;
        throw Object.assign(new Error(`${failures.code}: resource busy`), { code: failures.code });
      }
      return real.rename(from, to);
    },
  };
});

const { writeFileAtomic } = await import('./atomic-write');
const { ApiError } = await import('../../../shared/api-error');

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('writeFileAtomic rename retries', () => {
  it('retries transient sharing violations', async () => {
    const d = await mkdtemp(join(tmpdir(), 'msm-retry-'));
    dirs.push(d);
    for (const code of ['EBUSY', 'EPERM', 'EACCES']) {
      Object.assign(failures, { left: 3, code });
      await writeFileAtomic(join(d, 'f'), code);
      expect(await readFile(join(d, 'f'), 'utf8')).toBe(code);
    }
    expect(await readdir(d)).toEqual(['f']);
  });

  it('gives up after about a second with a clear error and no temp file', async () => {
    const d = await mkdtemp(join(tmpdir(), 'msm-retry-'));
    dirs.push(d);
    Object.assign(failures, { left: 1000, code: 'EBUSY' });
    const err = await writeFileAtomic(join(d, 'f'), 'x').catch((e: unknown) => e);
    failures.left = 0;
    expect(err).toBeInstanceOf(ApiError);
    expect((err as InstanceType<typeof ApiError>).message).toMatch(/in use by another program/);
    expect(await readdir(d)).toEqual([]);
  });
});
