import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanChunk } from './scan-folder';
import { startScan } from './scanner';
import { makeTree, newId, sessionText, type TempTree } from '../testing/engine-fixtures';
import { MAX_SESSION_BYTES } from '../session/session-file';

let tree: TempTree | null = null;
afterEach(() => {
  tree?.cleanup();
  tree = null;
});

async function scanAll(root: string, folders: string[], maxWorkers?: number) {
  const chunks: ScanChunk[] = [];
  const stats = await startScan(root, folders, (c) => chunks.push(c), maxWorkers === undefined ? {} : { maxWorkers })
    .done;
  const records = chunks.flatMap((c) => c.records);
  const problems = chunks.flatMap((c) => c.problems);
  const done = chunks.filter((c) => c.done);
  return { chunks, records, problems, done, stats };
}

describe('scan', () => {
  it('reads every layout: team folder, Android bundle-id folder, FAKETEAMID folder; ignores non-sessions', async () => {
    tree = makeTree(4, 3);
    const [ios, android, fake] = tree.apps;
    expect(ios?.folder).toMatch(/^ABCDE\d+\./);
    expect(android?.folder).toMatch(/^com\./);
    expect(fake?.folder).toMatch(/^FAKETEAMID\./);
    writeFileSync(join(tree.root, android!.folder, '.DS_Store'), Buffer.from([0, 1, 2]));
    writeFileSync(join(tree.root, android!.folder, 'notes.txt'), 'hello');
    writeFileSync(join(tree.root, android!.folder, '.ABCDEF0123456789.msm-1.tmp'), '{');
    const folders = tree.apps.map((a) => a.folder);
    const { records, problems, done } = await scanAll(tree.root, folders, 0);
    expect(records).toHaveLength(12);
    expect(problems).toEqual([]);
    expect(done.map((c) => c.app).sort()).toEqual([...folders].sort());
    for (const c of done) expect(c.info?.manifest?.name).toMatch(/^App \d+$/);
    const androidRecords = records.filter((r) => r.app === android!.folder);
    expect(androidRecords.every((r) => r.os === 'Android' && r.warnings.length === 0)).toBe(true);
    expect(records.filter((r) => r.app === fake!.folder).every((r) => r.warnings.length === 0)).toBe(true);
  });

  it('lists unreadable, malformed and too-large files as problems and never changes them', async () => {
    tree = makeTree(2, 1);
    const app = tree.apps[0]!;
    const dir = join(tree.root, app.folder);
    const bad = newId();
    const half = newId();
    const big = newId();
    const locked = newId();
    writeFileSync(join(dir, bad), 'not json at all');
    writeFileSync(join(dir, half), sessionText(app, half, 1).slice(0, 100));
    writeFileSync(join(dir, big), Buffer.alloc(MAX_SESSION_BYTES + 10, 0x20));
    writeFileSync(join(dir, locked), sessionText(app, locked, 2));
    chmodSync(join(dir, locked), 0o000);
    const { records, problems } = await scanAll(tree.root, [app.folder], 0);
    chmodSync(join(dir, locked), 0o644);
    const byFile = new Map(problems.map((p) => [p.file, p]));
    expect(byFile.get(bad)?.code).toBe('malformed-json');
    expect(byFile.get(half)?.code).toBe('malformed-json');
    expect(byFile.get(big)?.code).toBe('too-large');
    expect(byFile.get(big)?.location).toBe(join(dir, big));
    // root can read anything: the permission case only shows up for other users
    if (process.getuid?.() !== 0) expect(byFile.get(locked)?.code).toBe('unreadable');
    expect(records.length + problems.length).toBe(6);
  });

  it('streams chunks and uses workers for a larger tree, with the same result as the main thread', async () => {
    tree = makeTree(600, 6);
    const folders = tree.apps.map((a) => a.folder);
    const withWorkers = await scanAll(tree.root, folders, 2);
    const mainOnly = await scanAll(tree.root, folders, 0);
    expect(withWorkers.records).toHaveLength(3600);
    expect(withWorkers.chunks.length).toBeGreaterThan(6);
    const ids = (rs: { app: string; id: string }[]) => rs.map((r) => `${r.app}/${r.id}`).sort();
    expect(ids(withWorkers.records)).toEqual(ids(mainOnly.records));
    expect(new Set(ids(withWorkers.records)).size).toBe(3600);
    expect(withWorkers.stats.workersStarted).toBeGreaterThan(0);
  });

  it('reports a folder that vanished before it was read as an empty, finished app', async () => {
    tree = makeTree(1, 1);
    mkdirSync(join(tree.root, 'com.example.empty'));
    const { done } = await scanAll(tree.root, [tree.apps[0]!.folder, 'com.example.empty', 'com.example.gone'], 0);
    expect(done).toHaveLength(3);
    expect(done.find((c) => c.app === 'com.example.gone')?.error).toBeTruthy();
  });
});
