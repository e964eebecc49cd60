// Issue 11's rule on the scan's reads, on real files: FIFOs, sockets and symlinks
// named like sessions are problems and never opened blocking nor followed; deep
// JSON is refused with a reason; a manifest that is a FIFO or a link is not read;
// an app folder the user cannot read is a problem. Every case runs through the
// three read paths: main thread, workers (synchronous reads), and many reads in
// flight (the network-share path, forced with MSM_SCAN_ASYNC=1).

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanChunk } from './scan-folder';
import { startScan } from './scanner';
import { makeTree, newId, type TempTree } from '../testing/engine-fixtures';
import { MAX_JSON_DEPTH } from '../session/json-depth';

let tree: TempTree | null = null;
let socket: Server | null = null;
afterEach(async () => {
  delete process.env['MSM_SCAN_ASYNC'];
  await new Promise<void>((resolve) => (socket ? socket.close(() => resolve()) : resolve()));
  socket = null;
  tree?.cleanup();
  tree = null;
});

async function scanAll(root: string, folders: string[], maxWorkers: number, async = false) {
  if (async) process.env['MSM_SCAN_ASYNC'] = '1';
  const chunks: ScanChunk[] = [];
  const stats = await startScan(root, folders, (c) => chunks.push(c), { maxWorkers }).done;
  delete process.env['MSM_SCAN_ASYNC'];
  return {
    records: chunks.flatMap((c) => c.records),
    problems: chunks.flatMap((c) => c.problems),
    done: chunks.filter((c) => c.done),
    stats,
  };
}

const PATHS: [string, number, boolean][] = [
  ['main thread', 0, false],
  ['workers', 2, false],
  ['many reads in flight (main thread)', 0, true],
  ['many reads in flight (workers)', 2, true],
];

type HostileNames = Record<'fifo' | 'link' | 'sock' | 'deep' | 'dir', string>;

async function hostileTree(): Promise<{ root: string; folders: string[]; names: HostileNames }> {
  tree = makeTree(3, 3);
  const [a, b, c] = tree.apps.map((x) => join(tree!.root, x.folder));
  const outside = join(tree.base, 'outside.json');
  writeFileSync(outside, JSON.stringify({ status: 'accepted', email: 'canary@outside.example' }));
  const names = { fifo: newId(), link: newId(), sock: newId(), deep: newId(), dir: newId() };
  execFileSync('mkfifo', [join(a!, names.fifo)]);
  symlinkSync(outside, join(a!, names.link));
  socket = createServer();
  await new Promise<void>((resolve) => socket!.listen(join(a!, names.sock), resolve));
  writeFileSync(join(b!, names.deep), '['.repeat(100_000) + ']'.repeat(100_000));
  mkdirSync(join(b!, names.dir));
  // manifest.json as a FIFO (app b) and as a link out of the folder (app c)
  execFileSync('rm', [join(b!, 'manifest.json'), join(c!, 'manifest.json')]);
  execFileSync('mkfifo', [join(b!, 'manifest.json')]);
  writeFileSync(join(tree.base, 'evil-manifest.json'), JSON.stringify({ application: { name: 'From outside' } }));
  symlinkSync(join(tree.base, 'evil-manifest.json'), join(c!, 'manifest.json'));
  return { root: tree.root, folders: tree.apps.map((x) => x.folder), names };
}

describe('scan of a hostile folder', () => {
  for (const [label, workers, async] of PATHS) {
    it(`lists FIFOs, sockets, links, folders and deep JSON as problems, never follows nor blocks: ${label}`, async () => {
      const { root, folders, names } = await hostileTree();
      const { records, problems, done } = await scanAll(root, folders, workers, async);
      expect(records).toHaveLength(9);
      expect(JSON.stringify(records)).not.toContain('canary');
      const byFile = new Map(problems.map((p) => [p.file, p]));
      for (const name of [names.fifo, names.link, names.sock, names.dir]) {
        expect(byFile.get(name)?.code).toBe('not-regular');
        expect(byFile.get(name)?.reason).toMatch(/^Not a regular file/);
      }
      expect(byFile.get(names.link)?.reason).toMatch(/symbolic link/);
      expect(byFile.get(names.fifo)?.reason).toMatch(/FIFO/);
      expect(byFile.get(names.deep)?.code).toBe('too-deep');
      expect(byFile.get(names.deep)?.reason).toContain(String(MAX_JSON_DEPTH));
      // The FIFO manifest and the manifest linked out are listed, as the watcher lists them (issue 11, rows 3 and 5).
      const manifests = problems.filter((p) => p.file === 'manifest.json');
      expect(manifests.map((p) => `${p.app} ${p.code}`).sort()).toEqual(
        [`${folders[1]} not-regular`, `${folders[2]} not-regular`].sort(),
      );
      expect(problems).toHaveLength(7);
      const info = new Map(done.map((c) => [c.app, c.info]));
      expect(info.get(folders[0]!)?.manifest?.name).toBe('App 0');
      expect(info.get(folders[1]!)?.manifest).toBeNull(); // a FIFO: not opened blocking
      expect(info.get(folders[2]!)?.manifest).toBeNull(); // a link out of the folder: not followed
      expect(done).toHaveLength(3);
    });
  }

  it('gives the same records on the many-reads-in-flight path as on the synchronous one', async () => {
    tree = makeTree(600, 6);
    const folders = tree.apps.map((a) => a.folder);
    const sync = await scanAll(tree.root, folders, 2);
    const inFlight = await scanAll(tree.root, folders, 2, true);
    const byId = (rs: { app: string; id: string }[]) => [...rs].sort((x, y) => (x.app + x.id < y.app + y.id ? -1 : 1));
    expect(inFlight.records).toHaveLength(3600);
    expect(byId(inFlight.records)).toEqual(byId(sync.records));
    expect(inFlight.stats.slowReads).toBe(true);
    expect(sync.stats.slowReads).toBe(false);
  });
});

describe('an app folder that cannot be read', () => {
  const asNobody = ['--reuid=65534', '--regid=65534', '--clear-groups'];
  const canSwitchUser = process.getuid?.() === 0 && spawnSync('setpriv', [...asNobody, 'true']).status === 0;

  it.skipIf(!canSwitchUser)('is a problem with the reason, on every path (as a non-root user)', () => {
    tree = makeTree(2, 2);
    chmodSync(tree.base, 0o755);
    const locked = tree.apps[1]!.folder;
    chmodSync(join(tree.root, locked), 0o000);
    const script = join(tree.base, 'scan-as-user.mts');
    const scanner = join(__dirname, 'scanner.ts');
    writeFileSync(
      script,
      `import { startScan } from ${JSON.stringify(scanner)};
const folders = ${JSON.stringify(tree.apps.map((a) => a.folder))};
const out = [];
for (const [workers, async] of [[0, false], [2, false], [0, true], [2, true]]) {
  process.env.MSM_SCAN_ASYNC = async ? '1' : '0';
  const chunks = [];
  await startScan(${JSON.stringify(tree.root)}, folders, (c) => chunks.push(c), { maxWorkers: workers }).done;
  out.push({ records: chunks.flatMap((c) => c.records).length, problems: chunks.flatMap((c) => c.problems) });
}
console.log(JSON.stringify(out));
`,
    );
    const run = spawnSync('setpriv', [...asNobody, process.execPath, '--import', 'tsx', script], {
      cwd: join(__dirname, '../../..'),
      encoding: 'utf8',
      env: { ...process.env, HOME: tree.base, TSX_TSCONFIG_PATH: '' },
    });
    chmodSync(join(tree.root, locked), 0o755);
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout.trim().split('\n').pop() as string) as {
      records: number;
      problems: { app: string; file: string; code: string; reason: string }[];
    }[];
    expect(results).toHaveLength(4);
    for (const r of results) {
      expect(r.records).toBe(2);
      expect(r.problems).toEqual([
        expect.objectContaining({
          app: locked,
          file: '',
          code: 'unreadable',
          reason: expect.stringMatching(/permission denied/),
        }),
      ]);
    }
  });
});
