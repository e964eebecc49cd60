// The built scan worker (out/main/scan-worker.cjs, one CommonJS file: what app.asar holds)
// really scans, and the stats say which path the scan took (worker or main-thread fallback).

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { makeTree, type TempTree } from '../../electron/engine/testing/engine-fixtures';
import { onScanFinished, startScan, type ScanStats } from '../../electron/engine/scan/scanner';
import { describeScanPath } from '../../electron/main/scan-path';
import { ensureBuilt, ROOT } from './ensure-built';

const WORKER = join(ROOT, 'out', 'main', 'scan-worker.cjs');
let tree: TempTree | null = null;
const savedEnv = process.env['MSM_SCAN_WORKER_SCRIPT'];

beforeAll(() => ensureBuilt(), 300_000);
afterEach(() => {
  tree?.cleanup();
  tree = null;
  if (savedEnv === undefined) delete process.env['MSM_SCAN_WORKER_SCRIPT'];
  else process.env['MSM_SCAN_WORKER_SCRIPT'] = savedEnv;
});

async function scanWith(script: string): Promise<{ stats: ScanStats; reported: ScanStats[]; records: number }> {
  tree = makeTree(300, 6);
  process.env['MSM_SCAN_WORKER_SCRIPT'] = script;
  const reported: ScanStats[] = [];
  const stop = onScanFinished((s) => reported.push(s));
  let records = 0;
  const stats = await startScan(
    tree.root,
    tree.apps.map((a) => a.folder),
    (c) => (records += c.records.length),
    { maxWorkers: 2 },
  ).done;
  stop();
  return { stats, reported, records };
}

describe('scan worker bundle', () => {
  it('scans in worker threads from scan-worker.cjs, and says so', async () => {
    const { stats, reported, records } = await scanWith(WORKER);
    expect(records).toBe(1800);
    expect(stats.foldersByWorkers).toBeGreaterThan(0);
    expect(reported).toHaveLength(1);
    expect(describeScanPath(stats)).toMatch(/^Scan: worker threads/);
  }, 60_000);

  it('falls back to the main thread when the worker cannot load, and says so', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'msm-broken-worker-')), 'scan-worker.cjs');
    writeFileSync(broken, 'throw new Error("cannot load from app.asar");');
    const { stats, records } = await scanWith(broken);
    expect(records).toBe(1800);
    expect(stats.foldersByWorkers).toBe(0);
    expect(describeScanPath(stats)).toMatch(/^Scan: main-thread fallback/);
  }, 60_000);
});
