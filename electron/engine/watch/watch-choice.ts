// Which watcher a folder gets, and why (shown to the user: "Polling: network
// share (fuse.sshfs)"). In order: a mode forced for every folder (browser mode's
// --polling, tests), the user's per-folder choice (Native / Polling), else Auto:
// polling on network and FUSE file systems (native events never report the
// server's changes there), native events elsewhere.

import type { WatchInfo, WatchPreference } from '../../../shared/types';
import { NativeWatcher, type FolderWatcher, type KnownFiles, type WatchSink } from './folder-watcher';
import { PollingWatcher, type PollingOptions } from './polling-watcher';
import { detectVolumeKind, type VolumeKind } from './volume-kind';

export interface WatchChoiceInput {
  /** Forced for every folder; wins over the preference. */
  forced?: 'native' | 'polling';
  preference: WatchPreference;
  /** The folder's file system; only asked in Auto. */
  detect?: (path: string) => Promise<VolumeKind>;
  /** A share that does not answer the detection within this long is treated as a network share. */
  detectTimeoutMs?: number;
}

const DETECT_TIMEOUT_MS = 3000;

/**
 * Network polling: the root every 2 s (additions and removals show within ~3 s
 * with 1 s client caches, ~4 s when two changes fall in the same second);
 * every file's attributes once per pass at 540 files/s. A listed entry costs
 * ~180 B on sshfs (name, "ls -l" line, attributes), so 5,000 sessions are
 * passed in ~9.3 s for ~97 KB/s plus ~2 KB/s for the root: an in-place rewrite
 * shows within 10 s, idle traffic stays under 100 KB/s. Beyond ~5,000 files
 * the pass gets longer rather than the traffic higher (bench/share-watch.ts).
 */
export const NETWORK_POLLING: Required<PollingOptions> = { intervalMs: 2000, filesPerSecond: 540, minPassMs: 3000 };
/** A local disk forced to polling: listings and lstats are cheap system calls. */
export const LOCAL_POLLING: Required<PollingOptions> = { intervalMs: 1000, filesPerSecond: 20_000, minPassMs: 1000 };

export async function chooseWatch(root: string, input: WatchChoiceInput): Promise<WatchInfo> {
  const { forced, preference } = input;
  // Asked whatever the mode: the polling cadence depends on it, and the user sees it.
  const kind = await detectWithin(root, input);
  const known = { fsType: kind.fsType, network: kind.network };
  if (forced) return { mode: forced, preference, reason: 'forced', ...known };
  if (preference !== 'auto') return { mode: preference, preference, reason: 'chosen', ...known };
  return {
    mode: kind.network ? 'polling' : 'native',
    preference,
    reason: kind.network ? 'network' : 'local',
    ...known,
  };
}

/** The polling cadence for a folder: network figures unless it is known to be local. */
export function pollingOptions(info: WatchInfo, intervalMs?: number): PollingOptions {
  const base = info.network === false ? LOCAL_POLLING : NETWORK_POLLING;
  return intervalMs === undefined ? base : { ...base, intervalMs, minPassMs: intervalMs };
}

/** The watcher `info` says, with its cadence (`intervalMs`: a root check interval given by the host). */
export function createWatcher(
  info: WatchInfo,
  root: string,
  sink: WatchSink,
  known: KnownFiles,
  intervalMs?: number,
): FolderWatcher {
  if (info.mode === 'polling') return new PollingWatcher(root, sink, known, pollingOptions(info, intervalMs));
  return new NativeWatcher(root, sink, known);
}

async function detectWithin(root: string, input: WatchChoiceInput): Promise<VolumeKind> {
  const detect = input.detect ?? ((p: string) => detectVolumeKind(p));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<VolumeKind>((resolve) => {
    timer = setTimeout(() => resolve({ network: true, fsType: null }), input.detectTimeoutMs ?? DETECT_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([detect(root).catch(() => ({ network: false, fsType: null })), late]);
  } finally {
    clearTimeout(timer);
  }
}
