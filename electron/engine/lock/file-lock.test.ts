// The cross-process lock on its own: mutual exclusion, a lock left by a crashed
// process (dead pid, or a file never written) is broken, a live holder makes a
// waiter give up with a clear error after its bounded wait. Real files, real pids.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockFileOf, withLock } from './file-lock';

const dirs: string[] = [];
function lockDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'msm-lock-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The pid of a process that has exited: certainly not running. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('withLock', () => {
  it('runs tasks of one key one at a time and leaves nothing behind', async () => {
    const dir = lockDir();
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withLock(
          'k',
          async () => {
            inside++;
            most = Math.max(most, inside);
            await new Promise((r) => setImmediate(r));
            inside--;
          },
          { dir },
        ),
      ),
    );
    expect(most).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('breaks a lock whose process is gone (a crash)', async () => {
    const dir = lockDir();
    writeFileSync(lockFileOf(dir, 'k'), JSON.stringify({ pid: deadPid(), token: 'old' }));
    expect(await withLock('k', async () => 'ran', { dir, timeoutMs: 2_000 })).toBe('ran');
  });

  it('breaks an empty lock file left by a process that died between create and write', async () => {
    const dir = lockDir();
    const path = lockFileOf(dir, 'k');
    writeFileSync(path, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    expect(await withLock('k', async () => 'ran', { dir, timeoutMs: 2_000 })).toBe('ran');
  });

  it('breaks a lock untouched for longer than staleMs even if its pid runs (hung or reused pid)', async () => {
    const dir = lockDir();
    const path = lockFileOf(dir, 'k');
    writeFileSync(path, JSON.stringify({ pid: process.ppid, token: 'hung' }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    expect(await withLock('k', async () => 'ran', { dir, timeoutMs: 2_000, staleMs: 30_000 })).toBe('ran');
  });

  it('gives up after the bounded wait while a live process holds it, saying so', async () => {
    const dir = lockDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(lockFileOf(dir, 'k'), JSON.stringify({ pid: process.ppid, token: 'live' }));
    await expect(
      withLock('k', async () => 'ran', { dir, timeoutMs: 300, label: 'session 1a2b of app X' }),
    ).rejects.toThrow(/kept session 1a2b of app X locked .*held by process \d+/);
  });

  it('creates its folder when missing', async () => {
    const dir = join(lockDir(), 'nested', 'locks');
    expect(await withLock('k', async () => 1, { dir })).toBe(1);
  });
});
