// The Problems view's actions on real temporary folders: a garbage file goes to the
// trash and comes back byte for byte (mode and mtime too); a FIFO and a symlink are
// moved as entries, never opened or followed; refs that try to leave the folder are
// refused by the schema and by the engine; undo never overwrites a new file.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  rmSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseApiArgs } from '../../../shared/api-schema';
import type { ProblemRef } from '../../../shared/types';
import { AuditLog } from '../audit/audit-log';
import { newId, type TempTree } from '../testing/engine-fixtures';
import { useWorkspaceFixture } from '../testing/workspace-fixture';
import type { Workspace } from '../folder/workspace';
import { restoreProblemFile, trashProblemFile } from './problem-trash';

const fixture = useWorkspaceFixture();
const MTIME = new Date('2024-03-01T10:20:30Z');

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Every entry below `dir`, recursively (where the app's trash put things). */
function listAll(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((p) => join(dir, p));
}

async function openWith(
  tree: TempTree,
  make: (app: string) => string,
): Promise<{ w: Workspace; ref: ProblemRef; path: string }> {
  const app = tree.apps[0]!.folder;
  const file = make(app);
  const w = fixture.workspace({ audit: new AuditLog(tree.dataDir, { user: 'alice', source: 'app', fsync: false }) });
  await w.open(tree.root);
  const ref = { app, file };
  expect((await w.getState()).problems.map((p) => `${p.app}/${p.file}`)).toContain(`${app}/${file}`);
  return { w, ref, path: join(tree.root, app, file) };
}

async function problemListed(w: Workspace, ref: ProblemRef): Promise<boolean> {
  return (await w.getState()).problems.some((p) => p.app === ref.app && p.file === ref.file);
}

describe('trashProblems / undo', () => {
  it('a garbage file goes to the trash and Undo puts back the exact bytes, mode and mtime', async () => {
    const tree = fixture.makeTree(2, 1);
    const bytes = Buffer.from([0x7b, 0x22, 0x73, 0x74, 0x61, 0x74, 0x75, 0xff, 0x00, 0x0a, 0x7d, 0x7d]);
    const { w, ref, path } = await openWith(tree, (app) => {
      const id = newId();
      const p = join(tree.root, app, id);
      writeFileSync(p, bytes);
      chmodSync(p, 0o640);
      utimesSync(p, MTIME, MTIME);
      return id;
    });

    const result = await w.trashProblems([ref]);
    expect(result.failed).toEqual([]);
    expect(result.done).toEqual([{ app: ref.app, id: ref.file }]);
    expect(result.actionId).toEqual(expect.any(String));
    expect(existsSync(path)).toBe(false);
    expect(await problemListed(w, ref)).toBe(false); // at once, not after the watcher's echo
    const inTrash = listAll(join(tree.dataDir, 'Trash')).filter((p) => p.endsWith(ref.file));
    expect(inTrash).toHaveLength(1);

    const undone = await w.undo(result.actionId!);
    expect(undone.failed).toEqual([]);
    expect(undone.done).toEqual([{ app: ref.app, id: ref.file }]);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(statSync(path).mtimeMs).toBe(MTIME.getTime());
    await expect.poll(() => problemListed(w, ref), { timeout: 10_000 }).toBe(true);

    const audit = await w.readAuditLog({});
    expect(audit.map((e) => e.action)).toEqual(['undo', 'delete']);
    expect(audit[1]).toMatchObject({
      actionId: result.actionId,
      sessions: [{ app: ref.app, id: ref.file, before: { problem: 'encoding', size: bytes.length } }],
    });
    expect(audit[0]).toMatchObject({ undoes: result.actionId, sessions: [{ app: ref.app, id: ref.file }] });
    await expect(w.undo(result.actionId!)).rejects.toMatchObject({ code: 'not-found' }); // an undo is not repeated
  });

  it('hands small regular files to the injected trash (the OS trash on the desktop)', async () => {
    const tree = fixture.makeTree(1, 1);
    const app = tree.apps[0]!.folder;
    const id = newId();
    writeFileSync(join(tree.root, app, id), 'not json');
    const trashed: string[] = [];
    const w = fixture.workspace({
      trash: async (abs) => {
        trashed.push(abs);
        execFileSync('rm', [abs]);
      },
    });
    await w.open(tree.root);
    const result = await w.trashProblems([{ app, file: id }]);
    expect(trashed).toEqual([join(tree.root, app, id)]);
    await w.undo(result.actionId!);
    expect(readFileSync(join(tree.root, app, id), 'utf8')).toBe('not json');
  });

  it('a FIFO is moved into the app trash as it is (never opened), and back on Undo', async () => {
    const tree = fixture.makeTree(1, 1);
    const { w, ref, path } = await openWith(tree, (app) => {
      const id = newId();
      execFileSync('mkfifo', [join(tree.root, app, id)]);
      return id;
    });
    const result = await w.trashProblems([ref]);
    expect(result.failed).toEqual([]);
    expect(existsSync(path)).toBe(false);
    const moved = listAll(join(tree.dataDir, 'Trash')).filter((p) => p.endsWith(ref.file));
    expect(moved).toHaveLength(1);
    expect(lstatSync(moved[0]!).isFIFO()).toBe(true);

    await w.undo(result.actionId!);
    expect(lstatSync(path).isFIFO()).toBe(true);
    expect(existsSync(moved[0]!)).toBe(false);
  });

  it('a symlink: the link itself is moved and restored, its target is never touched', async () => {
    const tree = fixture.makeTree(1, 1);
    const outside = join(tree.base, 'outside.json');
    writeFileSync(outside, '{"email":"canary@outside.example"}');
    const before = sha(outside);
    const { w, ref, path } = await openWith(tree, (app) => {
      const id = newId();
      symlinkSync(outside, join(tree.root, app, id));
      return id;
    });
    const result = await w.trashProblems([ref]);
    expect(result.failed).toEqual([]);
    expect(existsSync(path) || lstatSync(path, { throwIfNoEntry: false }) !== undefined).toBe(false);
    const moved = listAll(join(tree.dataDir, 'Trash')).filter((p) => p.endsWith(ref.file));
    expect(lstatSync(moved[0]!).isSymbolicLink()).toBe(true);
    expect(sha(outside)).toBe(before);

    await w.undo(result.actionId!);
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path)).toBe(outside);
    expect(sha(outside)).toBe(before);
  });

  it('a file over the in-memory bound is moved, not read, and comes back byte for byte', async () => {
    const tree = fixture.makeTree(1, 1);
    const { w, ref, path } = await openWith(tree, (app) => {
      const id = newId();
      writeFileSync(join(tree.root, app, id), Buffer.alloc(5 * 1024 * 1024, 0x61));
      return id;
    });
    const hash = sha(path);
    const result = await w.trashProblems([ref]);
    expect(result.failed).toEqual([]);
    await w.undo(result.actionId!);
    expect(sha(path)).toBe(hash);
  });

  it('Undo refuses to overwrite a file that appeared under the same name', async () => {
    const tree = fixture.makeTree(1, 1);
    const { w, ref, path } = await openWith(tree, (app) => {
      const id = newId();
      writeFileSync(join(tree.root, app, id), 'garbage');
      return id;
    });
    const result = await w.trashProblems([ref]);
    writeFileSync(path, 'a new file');
    const undone = await w.undo(result.actionId!);
    expect(undone.done).toEqual([]);
    expect(undone.failed[0]!.error.message).toMatch(/exists again; it was not overwritten/);
    expect(readFileSync(path, 'utf8')).toBe('a new file');
  });
});

describe('problem refs that leave the folder or name no problem', () => {
  const bad: unknown[] = [
    { app: '..', file: 'x' },
    { app: 'a', file: '..' },
    { app: 'a', file: '.' },
    { app: 'a', file: '' },
    { app: 'a', file: '../../etc/passwd' },
    { app: 'a', file: 'sub\\x' },
    { app: 'a', file: 'nul\0x' },
    { app: 'a/b', file: 'x' },
    { app: 'a', file: 'x'.repeat(256) },
    { app: 'a', file: 'x', path: '/etc/passwd' },
  ];

  it('are refused by the schema', () => {
    for (const ref of bad) {
      expect(() => parseApiArgs('trashProblems', [[ref]]), JSON.stringify(ref)).toThrow(/trashProblems/);
      expect(() => parseApiArgs('revealProblem', [ref]), JSON.stringify(ref)).toThrow(/revealProblem/);
    }
    expect(() => parseApiArgs('trashProblems', [[]])).toThrow();
    expect(parseApiArgs('trashProblems', [[{ app: 'a', file: 'manifest.json' }]])).toEqual([
      [{ app: 'a', file: 'manifest.json' }],
    ]);
  });

  it('are refused by the engine too, and a readable session is never trashed through it', async () => {
    const tree = fixture.makeTree(1, 1);
    const app = tree.apps[0]!.folder;
    const session = tree.ids.get(app)![0]!;
    const outside = join(tree.base, 'victim');
    writeFileSync(outside, 'keep me');
    const w = fixture.workspace();
    await w.open(tree.root);
    const refs = [
      { app: '..', file: 'victim' },
      { app, file: '../../victim' },
      { app, file: '..' },
      { app, file: session }, // a session that reads fine: not a problem
    ];
    const result = await w.trashProblems(refs);
    expect(result.done).toEqual([]);
    expect(result.actionId).toBeNull();
    expect(result.failed.map((f) => f.error.code)).toEqual([
      'outside-root',
      'outside-root',
      'outside-root',
      'not-found',
    ]);
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
    expect(existsSync(join(tree.root, app, session))).toBe(true);
    await expect(w.revealProblem({ app: '..', file: 'victim' })).rejects.toMatchObject({ code: 'outside-root' });
    await expect(w.revealProblem({ app, file: '../x' })).rejects.toMatchObject({ code: 'outside-root' });
  });

  it('reveal hands the file to the injected reveal; without one it returns the path to show', async () => {
    const tree = fixture.makeTree(1, 1);
    const app = tree.apps[0]!.folder;
    const shown: string[] = [];
    const desktop = fixture.workspace({ reveal: async (p) => (shown.push(p), true) });
    await desktop.open(tree.root);
    expect(await desktop.revealProblem({ app, file: 'manifest.json' })).toEqual({
      shown: true,
      location: join(tree.root, app, 'manifest.json'),
    });
    expect(shown).toEqual([join(tree.root, app, 'manifest.json')]);
    const browser = fixture.workspace();
    await browser.open(tree.root);
    expect(await browser.revealProblem({ app, file: 'manifest.json' })).toMatchObject({ shown: false });
  });
});

// A trash on another disk than the folder (here /dev/shm, when it is one): an entry that
// cannot be read cannot be renamed there either.
const otherDisk = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(tmpdir()).dev;

describe.runIf(otherDisk)('the app trash on another disk', () => {
  it('a FIFO is refused with the reason (left in place); a symlink is removed and recreated from its target', async () => {
    const tree = fixture.makeTree(1, 1);
    const app = tree.apps[0]!.folder;
    const fifo = newId();
    const link = newId();
    execFileSync('mkfifo', [join(tree.root, app, fifo)]);
    symlinkSync('/nowhere/target', join(tree.root, app, link));
    const trashDir = mkdtempSync('/dev/shm/msm-trash-');
    try {
      const opts = { trash: async () => undefined, trashDir };
      await expect(trashProblemFile(tree.root, { app, file: fifo }, opts)).rejects.toThrow(/on another disk/);
      expect(lstatSync(join(tree.root, app, fifo)).isFIFO()).toBe(true);
      const moved = await trashProblemFile(tree.root, { app, file: link }, opts);
      expect(moved.how).toBe('link');
      expect(lstatSync(join(tree.root, app, link), { throwIfNoEntry: false })).toBeUndefined();
      await restoreProblemFile(tree.root, moved);
      expect(readlinkSync(join(tree.root, app, link))).toBe('/nowhere/target');
    } finally {
      rmSync(trashDir, { recursive: true, force: true });
    }
  });
});
