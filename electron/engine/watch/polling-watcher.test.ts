// The polling watcher alone, on real temporary folders, with a recording sink:
// it names what changed (in-place rewrites of the same size included), never
// follows a link (a symlinked app folder is not listed; a symlinked file is
// judged by the link's own attributes, so a change of its target outside the
// folder is not seen through it), and recheck() finds a change at once.
import { lstatSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/engine-fixtures';
import type { WatchSink } from './folder-watcher';
import { PollingWatcher } from './polling-watcher';

let base = '';
let watcher: PollingWatcher | null = null;
afterEach(() => {
  watcher?.close();
  watcher = null;
  if (base) rmSync(base, { recursive: true, force: true });
});

function recorder(): WatchSink & { files: string[]; roots: (string | null)[] } {
  const files: string[] = [];
  const roots: (string | null)[] = [];
  return { files, roots, file: (app, name) => files.push(`${app}/${name}`), root: (name) => roots.push(name) };
}

/** root/app/<ids>, with file times well in the past (not "racy"); the index knows them as written. */
function setup(ids: string[]) {
  base = mkdtempSync(join(tmpdir(), 'msm-poll-'));
  const root = join(base, 'MobileApps');
  mkdirSync(join(root, 'app'), { recursive: true });
  const past = new Date(Date.now() - 60_000);
  for (const id of ids) {
    writeFileSync(join(root, 'app', id), `{"id":"${id}","status":"pending"}`);
    utimesSync(join(root, 'app', id), past, past);
  }
  const known = new Map(
    ids.map((id) => [
      id,
      { mtimeMs: statSync(join(root, 'app', id)).mtimeMs, size: statSync(join(root, 'app', id)).size },
    ]),
  );
  return { root, known: () => new Map(known), past };
}

describe('PollingWatcher', () => {
  it('names a file rewritten in place with the same size (same inode, folder times unchanged)', async () => {
    const { root, known } = setup(['AA01', 'AA02']);
    const sink = recorder();
    watcher = new PollingWatcher(root, sink, known, { intervalMs: 20, minPassMs: 20 });
    watcher.addApp('app');
    await watcher.ready;
    const path = join(root, 'app', 'AA02');
    const dirTimes = statSync(join(root, 'app')).mtimeMs;
    const ino = statSync(path).ino;
    writeFileSync(
      path,
      '{"id":"AA02","status":"refused"}'.slice(0, statSync(path).size).padEnd(statSync(path).size, ' '),
    );
    expect(statSync(path).ino).toBe(ino);
    expect(statSync(join(root, 'app')).mtimeMs).toBe(dirTimes);
    await waitFor(() => sink.files.includes('app/AA02'), 'the in-place rewrite');
    expect(sink.files).not.toContain('app/AA01');
  });

  it('never follows a link: a symlinked app folder is not listed, a symlinked file is judged by the link', async () => {
    const { root, known, past } = setup(['AA01']);
    const outside = join(base, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'BB01'), 'outside');
    symlinkSync(outside, join(root, 'linked-app'));
    const link = join(root, 'app', 'CC01');
    symlinkSync(join(outside, 'BB01'), link);
    utimesSync(join(outside, 'BB01'), past, past);
    // The index lists the link as a problem, with the link's own time (no size), as the reader records it.
    const withLink = () => new Map([...known(), ['CC01', { mtimeMs: lstatSync(link).mtimeMs, size: -1 }]]);
    const sink = recorder();
    watcher = new PollingWatcher(root, sink, withLink, { intervalMs: 20, minPassMs: 20 });
    watcher.addApp('app');
    await watcher.ready;
    writeFileSync(join(outside, 'BB01'), 'the target outside changed, and grew');
    writeFileSync(join(root, 'app', 'AA01'), '{"id":"AA01","status":"accepted"}'); // a real change, to know a pass ran
    await waitFor(() => sink.files.includes('app/AA01'), 'the real change');
    await watcher.recheck();
    expect(sink.files.filter((f) => f === 'app/CC01')).toEqual([]);
    expect(sink.roots).not.toContain('linked-app');
    expect(sink.files.some((f) => f.startsWith('linked-app/'))).toBe(false);
  });

  it('recheck() lists every folder at once and names what differs from the index', async () => {
    const { root, known } = setup(['AA01', 'AA02', 'AA03']);
    const sink = recorder();
    watcher = new PollingWatcher(root, sink, known, { intervalMs: 600_000, minPassMs: 600_000 });
    watcher.addApp('app');
    await watcher.ready;
    writeFileSync(join(root, 'app', 'AA03'), '{"id":"AA03","status":"accepted"}');
    writeFileSync(join(root, 'app', 'AA04'), '{}');
    const outcome = await watcher.recheck();
    expect(outcome.files).toBe(4);
    expect(sink.files.sort()).toEqual(['app/AA03', 'app/AA04']);
  });
});
