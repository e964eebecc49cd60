import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLastFolder, writeLastFolder } from './last-folder';
import { folderFromArgv } from './argv-folder';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'msm-last-folder-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('last folder', () => {
  it('is null before anything was remembered', async () => {
    expect(await readLastFolder(dir)).toBeNull();
  });

  it('round-trips, replacing the previous value atomically with no temp file left', async () => {
    await writeLastFolder(dir, '/srv/4d/MobileApps');
    await writeLastFolder(dir, '/srv/other/MobileApps');
    expect(await readLastFolder(dir)).toBe('/srv/other/MobileApps');
    expect(await readdir(dir)).toEqual(['last-folder.json']);
    expect(JSON.parse(await readFile(join(dir, 'last-folder.json'), 'utf8'))).toEqual({ lastFolder: '/srv/other/MobileApps' });
  });

  it('treats a corrupt or wrongly shaped file as nothing remembered', async () => {
    await writeFile(join(dir, 'last-folder.json'), '{"lastFolder": ');
    expect(await readLastFolder(dir)).toBeNull();
    await writeFile(join(dir, 'last-folder.json'), '{"lastFolder": 42}');
    expect(await readLastFolder(dir)).toBeNull();
    await writeLastFolder(dir, '/ok');
    expect(await readLastFolder(dir)).toBe('/ok');
  });

  it('creates the data directory when needed', async () => {
    const nested = join(dir, 'a', 'b');
    await writeLastFolder(nested, '/x');
    expect(await readLastFolder(nested)).toBe('/x');
  });
});

describe('folderFromArgv', () => {
  it('takes the last existing directory, skipping flags, files and the app path', async () => {
    const folder = join(dir, 'MobileApps');
    await mkdir(folder);
    await writeFile(join(dir, 'file.txt'), '');
    const argv = ['/usr/bin/app', dir, '--inspect=0', 'MobileApps', 'file.txt', '--no-sandbox'];
    expect(folderFromArgv(argv, dir, dir)).toBe(folder);
    expect(folderFromArgv(['/usr/bin/app', dir], dir, dir)).toBeNull();
    expect(folderFromArgv(['/usr/bin/app', '/does/not/exist'], dir)).toBeNull();
  });
});
