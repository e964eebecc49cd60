// Issue 11 through browser mode's HTTP server: a 100,000-deep session is a typed
// error, not a 500; FIFOs created while it runs leave pages and the API answering.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../electron/engine/folder/workspace';
import { newId } from '../../electron/engine/testing/engine-fixtures';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../electron/server/http-server';
import { makeHostileTree, mkfifo, type HostileTree } from './hostile-tree';

let tree: HostileTree | null = null;
let ws: Workspace | null = null;
let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  await ws?.close();
  tree?.cleanup();
  server = ws = tree = null;
});

async function serve(): Promise<{ t: HostileTree; s: RunningServer }> {
  tree = makeHostileTree();
  ws = new Workspace({ platform: 'linux', version: 'test', dataDir: tree.dataDir });
  await ws.open(tree.root);
  const staticDir = mkdtempSync(join(tmpdir(), 'msm-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>ok</title>');
  server = await startServer({ api: ws, staticDir, token: 't'.repeat(43) });
  return { t: tree, s: server };
}

async function call(s: RunningServer, method: string, args: unknown[]): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${s.port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: s.token },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: await res.json() };
}

describe.runIf(process.platform !== 'win32')('browser mode on a hostile folder', () => {
  it('row 6: getSession of a 100,000-deep file is a typed error, not a 500', async () => {
    const { t, s } = await serve();
    const r = await call(s, 'getSession', [{ app: t.app, id: t.deep }]);
    expect(r.status).not.toBe(500);
    expect(JSON.stringify(r.body)).toMatch(/invalid-session/);
    expect(JSON.stringify(r.body)).toMatch(/nested more than/);
  });

  it('row 2: FIFOs created while serving leave the page and the API answering', async () => {
    const { t, s } = await serve();
    for (let i = 0; i < 6; i++) mkfifo(join(t.root, t.app, newId()));
    const page = await fetch(`http://127.0.0.1:${s.port}/?token=${s.token}`);
    expect(page.status).toBe(200);
    for (let i = 0; i < 50; i++) {
      const state = await call(s, 'getState', []);
      const text = JSON.stringify(state.body);
      if ((text.match(/not-regular/g) ?? []).length >= 7) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the FIFOs never showed as problems');
  });
});
