// Which path the folder scan took: worker threads (scan-worker.cjs beside the
// main bundle, inside app.asar when installed) or the main-thread fallback. A
// worker that cannot load from app.asar would otherwise only make scans slower,
// silently: the shell logs every scan's path and shows the last in the About
// panel. No Electron import.

import type { ScanStats } from '../engine/scan/scanner';

export function describeScanPath(stats: ScanStats): string {
  const ms = Math.round(stats.durationMs);
  if (stats.foldersByWorkers > 0) {
    const main = stats.foldersByMainThread > 0 ? `, ${stats.foldersByMainThread} on the main thread` : '';
    return `Scan: worker threads (${stats.workersStarted} started, ${stats.foldersByWorkers} folders${main}) in ${ms} ms`;
  }
  if (stats.workersStarted === 0 && stats.foldersByMainThread > 0 && !stats.workerError) {
    return `Scan: main thread (${stats.foldersByMainThread} folders, too few for workers or workers off) in ${ms} ms`;
  }
  const why = stats.workerError ? `the worker failed: ${stats.workerError}` : 'no worker ran';
  return `Scan: main-thread fallback (${stats.foldersByMainThread} folders; ${why}) in ${ms} ms`;
}
