// Our own processes editing one session at the same time (issue 10 §2): real
// child processes, each running SessionActions (the pipeline of the desktop app,
// browser mode and the command line), hammer ONE session with e-mail sets (unique
// values) and status flips. With the cross-process lock, no edit is lost: every
// audit `before` is the `after` of exactly one earlier edit (or the initial value),
// and the file ends with the value of the last edit of each chain.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log';
import { makeTree } from '../testing/engine-fixtures';
import { UnpushedStore } from '../push/unpushed-store';

const PROCESSES = 3;
const EDITS = 700;
const TSX = resolve('node_modules/.bin/tsx');
const CHILD = resolve('tests/lock/hammer-child.ts');

function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [CHILD, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

describe('several of our processes editing one session', () => {
  it(`loses none of ${PROCESSES} × ${EDITS} edits`, { timeout: 300_000 }, async () => {
    const tree = makeTree(1, 1);
    try {
      const app = tree.apps[0]!.folder;
      const id = tree.ids.get(app)![0]!;
      const lockDir = join(tree.base, 'locks');
      const listing = () => JSON.stringify(readdirSync(tree.root, { recursive: true }).sort());
      const before = listing();
      const initial = JSON.parse(readFileSync(join(tree.root, app, id), 'utf8')) as { email: string; status: string };
      const env = { ...process.env, MSM_LOCK_DIR: lockDir };

      const t0 = Date.now();
      const runs = await Promise.all(
        Array.from({ length: PROCESSES }, (_, p) =>
          runChild([tree.root, tree.dataDir, app, id, String(p), String(EDITS)], env),
        ),
      );
      const seconds = (Date.now() - t0) / 1000;
      for (const r of runs) expect(r.code, r.err).toBe(0);
      for (const r of runs) expect(JSON.parse(r.out)).toMatchObject({ failed: 0, recordFailures: 0 });
      console.log(`${PROCESSES} processes × ${EDITS} edits of one session: ${seconds.toFixed(1)} s`);

      const entries = (await new AuditLog(tree.dataDir).read({})).entries;
      const file = JSON.parse(readFileSync(join(tree.root, app, id), 'utf8')) as { email: string; status: string };

      // E-mails: unique values, so the chain is exact. A lost edit shows as two edits with the same `before`.
      const emails = entries.filter((e) => e.action === 'set-email').map((e) => e.sessions[0]!);
      expect(emails).toHaveLength(PROCESSES * Math.ceil(EDITS / 2));
      const befores = emails.map((s) => s.before as string);
      const afters = new Set(emails.map((s) => s.after as string));
      expect(new Set(befores).size).toBe(befores.length);
      for (const b of befores) expect(b === initial.email || afters.has(b)).toBe(true);
      const ends = [...afters].filter((a) => !befores.includes(a));
      expect(ends).toEqual([file.email]);

      // Status: every recorded flip starts from the value the previous one left.
      const flips = entries.filter((e) => e.action === 'set-status').map((e) => e.sessions[0]!);
      const toPending = flips.filter((s) => s.before === 'accepted' && s.after === 'pending').length;
      const toAccepted = flips.filter((s) => s.before === 'pending' && s.after === 'accepted').length;
      const net = (file.status === 'accepted' ? 1 : 0) - (initial.status === 'accepted' ? 1 : 0);
      expect(toAccepted - toPending).toBe(net);
      expect(flips.length).toBe(toPending + toAccepted);

      // The unpushed file recorded every action of every process (its read-modify-write is locked too).
      const store = new UnpushedStore(tree.dataDir);
      await store.load();
      expect(store.count(tree.root)).toBe(emails.length + flips.length);

      // Nothing new inside MobileApps; no lock left behind.
      expect(listing()).toBe(before);
      expect(readdirSync(lockDir)).toEqual([]);
    } finally {
      tree.cleanup();
    }
  });
});
