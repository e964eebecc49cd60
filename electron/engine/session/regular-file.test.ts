import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IrregularFileError, readRegularFile, readRegularFileSync } from './regular-file';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'msm-regular-'));
  dirs.push(d);
  return d;
}

const bounds = { maxBytes: 1024, timeoutMs: 2000 };
const posix = process.platform !== 'win32';

describe('readRegularFile', () => {
  it('reads a regular file, sync and async, with its stats', async () => {
    const d = await tmp();
    await writeFile(join(d, 'a.json'), '{"a":1}');
    expect(readRegularFileSync(join(d, 'a.json'), bounds).bytes.toString()).toBe('{"a":1}');
    const r = await readRegularFile(join(d, 'a.json'), bounds);
    expect(r.bytes.toString()).toBe('{"a":1}');
    expect(r.stats.size).toBe(7);
  });

  it.runIf(posix)('refuses a FIFO at once instead of waiting for a writer', async () => {
    const d = await tmp();
    const fifo = join(d, 'abcdef');
    execFileSync('mkfifo', [fifo]);
    expect(() => readRegularFileSync(fifo, bounds)).toThrow(/named pipe/);
    await expect(readRegularFile(fifo, bounds)).rejects.toMatchObject({ kind: 'fifo' });
  });

  it.runIf(posix)('refuses a socket', async () => {
    const d = await tmp();
    const path = join(d, 'sock');
    const server = createServer();
    await new Promise<void>((r) => server.listen(path, r));
    try {
      await expect(readRegularFile(path, bounds)).rejects.toMatchObject({
        kind: expect.stringMatching(/socket|other/),
      });
    } finally {
      server.close();
    }
  });

  it('never follows a symlink, even to a readable file', async () => {
    const d = await tmp();
    await writeFile(join(d, 'outside.json'), '{"secret":1}');
    await symlink(join(d, 'outside.json'), join(d, 'link'));
    expect(() => readRegularFileSync(join(d, 'link'), bounds)).toThrow(IrregularFileError);
    await expect(readRegularFile(join(d, 'link'), bounds)).rejects.toMatchObject({ kind: 'symlink' });
  });

  it('refuses a file over the size bound without reading it', async () => {
    const d = await tmp();
    await writeFile(join(d, 'big'), Buffer.alloc(4096, 0x20));
    expect(() => readRegularFileSync(join(d, 'big'), bounds)).toThrow(/too large/);
    await expect(readRegularFile(join(d, 'big'), bounds)).rejects.toMatchObject({ kind: 'too-large' });
  });

  it('refuses a folder', async () => {
    const d = await tmp();
    await expect(readRegularFile(d, bounds)).rejects.toMatchObject({ kind: 'directory' });
  });
});
