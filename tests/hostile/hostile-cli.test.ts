// Issue 11's table through the real command line (a child process, from source via
// the bin launcher): nothing hangs, nothing from outside is printed, no raw control
// character reaches the terminal, and an unreadable app folder fails `check` — run
// as user nobody (setpriv), since root reads every folder.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli/cli-helpers';
import {
  CANARY_EMAIL,
  CANARY_NAME,
  RAW_CONTROL,
  makeHostileTree,
  openToNobody,
  type HostileTree,
} from './hostile-tree';

const canSetpriv =
  process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], asNobody = false): Promise<Run> {
  const cmd = asNobody ? 'setpriv' : process.execPath;
  const prefix = asNobody ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [];
  const env = { ...process.env, NO_COLOR: '1', HOME: tmpdir(), MSM_DIR: undefined };
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...prefix, BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let tree: HostileTree;
let dataDir: string;
beforeAll(() => {
  tree = makeHostileTree();
  dataDir = mkdtempSync(join(tmpdir(), 'msm-hostile-data-'));
  openToNobody(tree);
});
afterAll(() => tree.cleanup());

function expectSafe(r: Run): void {
  expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
  expect(r.stdout + r.stderr).not.toContain(CANARY_EMAIL);
  expect(r.stdout + r.stderr).not.toContain(CANARY_NAME);
}

describe.runIf(process.platform === 'linux')('mobile-sessions on a hostile folder', () => {
  it('list (table, --csv, --json) finishes; no raw control character; --json is exact', async () => {
    for (const extra of [[], ['--csv']]) {
      const r = await run(['list', '--dir', tree.root, ...extra]);
      expect(r.code).toBe(0);
      expectSafe(r);
    }
    const json = await run(['list', '--dir', tree.root, '--json']);
    expectSafe(json);
    const rows = JSON.parse(json.stdout) as { app: string; email: string }[];
    expect(rows.some((r) => r.email.includes('\u001b[31m') && r.email.includes('\u009b'))).toBe(true);
  });

  it('check finishes, names the odd files, and prints no raw control character', async () => {
    const r = await run(['check', '--dir', tree.root, '--data-dir', dataDir]);
    expect(r.code).toBe(3);
    expectSafe(r);
    expect(r.stdout).toContain(tree.fifo);
    expect(r.stdout).toMatch(/not-regular/);
  });

  it('accept and delete of the ESC app session: messages are terminal-safe', async () => {
    const list = JSON.parse((await run(['list', '--dir', tree.root, '--json'])).stdout) as {
      app: string;
      id: string;
    }[];
    const esc = list.find((r) => r.id === tree.escSession)!;
    const ref = `${esc.app}/${esc.id}`;
    const accept = await run(['accept', ref, '--dir', tree.root, '--data-dir', dataDir]);
    expectSafe(accept);
    const del = await run(['delete', ref, '--yes', '--dir', tree.root, '--data-dir', dataDir]);
    expectSafe(del);
    expect(del.stderr).toMatch(/Moved 1 session/);
  });

  it.runIf(canSetpriv)('row 8: an app folder nobody can read makes check fail (as user nobody)', async () => {
    const r = await run(['check', '--dir', tree.root, '--data-dir', dataDir, '--app', tree.lockedApp], true);
    expect(r.stdout + r.stderr).toMatch(/permission denied/);
    expect(r.code).not.toBe(0);
    const json = await run(['check', '--dir', tree.root, '--data-dir', dataDir, '--json'], true);
    const report = JSON.parse(json.stdout) as { problems: { app: string; code: string }[] };
    expect(report.problems.some((p) => p.app === tree.lockedApp && p.code === 'unreadable')).toBe(true);
  });
});
