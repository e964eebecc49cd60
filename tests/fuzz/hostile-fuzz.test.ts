// Fuzz: generated MobileApps trees mixing FIFOs, sockets, symlinks in and out of
// the folder, garbage, deep nesting, a huge file, invalid UTF-8 and control
// characters in names, changed while the folder is watched; run against the scan,
// the watcher, the API (Workspace) and the command line (in process). Asserts no
// hang (a global ceiling), no crash, nothing outside read or changed (canary hash,
// canary text in no output), every odd file a session or a problem.
// The seed is printed; FUZZ_SEED=<n> replays a failure.

import { createHash, randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../electron/engine/folder/workspace';
import { rng, hexId, sessionText, appSpecs } from '../../electron/engine/testing/dataset';
import { runCli } from '../../electron/cli/run';
import type { CliIo } from '../../electron/cli/context';
import { mkfifo, RAW_CONTROL } from '../hostile/hostile-tree';

const SEED = Number(process.env['FUZZ_SEED'] ?? randomInt(1, 2 ** 31));
const CANARY = 'FUZZ-CANARY-7f3a9c';
const servers: Server[] = [];
const bases: string[] = [];
afterAll(() => {
  for (const s of servers) s.close();
  for (const b of bases) rmSync(b, { recursive: true, force: true });
});

type Kind = 'session' | 'garbage' | 'deep' | 'fifo' | 'socket' | 'link-out' | 'link-in' | 'dup' | 'bad-utf8' | 'huge';
const KINDS: Kind[] = [
  'session',
  'garbage',
  'deep',
  'fifo',
  'socket',
  'link-out',
  'link-in',
  'dup',
  'bad-utf8',
  'huge',
];

async function makeEntry(
  kind: Kind,
  dir: string,
  name: string,
  rand: () => number,
  ctx: { canary: string; app: ReturnType<typeof appSpecs>[number]; some: string },
): Promise<void> {
  const path = join(dir, name);
  switch (kind) {
    case 'session':
      return writeFileSync(path, sessionText(ctx.app, name, Math.floor(rand() * 100)));
    case 'garbage':
      return writeFileSync(
        path,
        Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 300) }, () => Math.floor(rand() * 256))),
      );
    case 'deep': {
      const n = 100 + Math.floor(rand() * 50_000);
      return writeFileSync(path, '{"a":'.repeat(n) + '1' + '}'.repeat(n));
    }
    case 'fifo':
      return mkfifo(path);
    case 'socket': {
      const s = createServer();
      servers.push(s);
      await new Promise<void>((r) => s.listen(path, r));
      return;
    }
    case 'link-out':
      return symlinkSync(ctx.canary, path);
    case 'link-in':
      return symlinkSync(ctx.some, path);
    case 'dup':
      return writeFileSync(
        path,
        sessionText(ctx.app, name, 1).replace(/\}\s*$/, `,"status":"accepted","email":"\\u001b]0;x\\u0007"}`),
      );
    case 'bad-utf8':
      return writeFileSync(
        path,
        Buffer.concat([Buffer.from('{"email":"'), Buffer.from([0xff, 0xfe, 0x1b, 0x9b]), Buffer.from('"}')]),
      );
    case 'huge':
      return writeFileSync(path, Buffer.alloc(4 * 1024 * 1024 + 10, 0x20));
  }
}

function captureIo(): CliIo & { text: () => string } {
  let buf = '';
  return {
    out: (t) => void (buf += t),
    err: (t) => void (buf += t),
    env: {},
    cwd: tmpdir(),
    interactive: false,
    confirm: async () => false,
    text: () => buf,
  };
}

describe.runIf(process.platform === 'linux')(`fuzz: hostile trees (FUZZ_SEED=${SEED})`, () => {
  it(
    'no hang, no crash, nothing outside read or changed, every odd file accounted for',
    { timeout: 30_000 },
    async () => {
      console.log(`hostile fuzz seed: FUZZ_SEED=${SEED}`);
      const rand = rng(SEED);
      const base = mkdtempSync(join(tmpdir(), 'msm-fuzz-'));
      bases.push(base);
      const root = join(base, 'MobileApps');
      const dataDir = join(base, 'data');
      mkdirSync(root);
      mkdirSync(dataDir);
      writeFileSync(join(root, 'key.mobileapp'), 'key');
      const canary = join(base, 'canary.json');
      writeFileSync(canary, JSON.stringify({ email: `${CANARY}@x.y`, application: { name: CANARY } }));
      const hash = () => createHash('sha256').update(readFileSync(canary)).digest('hex');
      const before = hash();

      const apps = appSpecs(3);
      const expected = new Map<string, Kind>();
      for (const [i, app] of apps.entries()) {
        // Control characters in a folder name, sometimes.
        const folder = i === 2 ? `${app.folder}\u001b[2J\u0085` : app.folder;
        const dir = join(root, folder);
        mkdirSync(dir);
        const some = join(dir, hexId(rand));
        writeFileSync(some, sessionText(app, 'x', 0));
        expected.set(`${folder}/${some.slice(dir.length + 1)}`, 'session');
        if (rand() < 0.5) mkfifo(join(dir, 'manifest.json'));
        else symlinkSync(canary, join(dir, 'manifest.json'));
        for (let n = 0; n < 12; n++) {
          const kind = KINDS[Math.floor(rand() * KINDS.length)] as Kind;
          if (kind === 'huge' && [...expected.values()].includes('huge')) continue;
          const name = hexId(rand);
          await makeEntry(kind, dir, name, rand, { canary, app, some });
          expected.set(`${folder}/${name}`, kind);
        }
      }

      const w = new Workspace({ platform: 'linux', version: 'fuzz', dataDir });
      try {
        await w.open(root);
        // Changes while watched: more odd entries.
        const app0 = apps[0]!;
        for (let n = 0; n < 6; n++) {
          const kind = KINDS[Math.floor(rand() * KINDS.length)] as Kind;
          if (kind === 'huge') continue;
          const name = hexId(rand);
          await makeEntry(kind, join(root, app0.folder), name, rand, {
            canary,
            app: app0,
            some: join(root, app0.folder, 'nothing'),
          });
          expected.set(`${app0.folder}/${name}`, kind);
        }
        const accounted = async () => {
          const state = await w.getState();
          const seen = new Set(state.problems.map((p) => `${p.app}/${p.file}`));
          for (const a of state.apps)
            for (const r of await w.listSessions(a.folder).catch(() => [])) seen.add(`${r.app}/${r.id}`);
          return { state, missing: [...expected.keys()].filter((k) => !seen.has(k)) };
        };
        let result = await accounted();
        for (let i = 0; i < 200 && result.missing.length > 0; i++) {
          await new Promise((r) => setTimeout(r, 25));
          result = await accounted();
        }
        expect(result.missing).toEqual([]);

        const outputs: string[] = [JSON.stringify(result.state)];
        for (const key of expected.keys()) {
          const slash = key.lastIndexOf('/');
          const ref = { app: key.slice(0, slash), id: key.slice(slash + 1) };
          const detail = await w.getSession(ref).then(
            (d) => JSON.stringify(d),
            (e: unknown) => String(e),
          );
          outputs.push(detail);
        }
        await w.setStatus(
          [...expected.keys()].map((k) => ({
            app: k.slice(0, k.lastIndexOf('/')),
            id: k.slice(k.lastIndexOf('/') + 1),
          })),
          'accepted',
        );
        outputs.push(JSON.stringify(await w.refresh()));
        for (const args of [['list'], ['list', '--csv'], ['check']]) {
          const io = captureIo();
          await runCli([...args, '--dir', root, '--data-dir', dataDir], io);
          expect(io.text()).not.toMatch(RAW_CONTROL);
          outputs.push(io.text());
        }
        const io = captureIo();
        await runCli(['list', '--json', '--dir', root, '--data-dir', dataDir], io);
        JSON.parse(io.text());
        outputs.push(io.text());
        for (const o of outputs) expect(o).not.toContain(CANARY);
      } finally {
        await w.close();
      }
      expect(hash()).toBe(before);
    },
  );
});
