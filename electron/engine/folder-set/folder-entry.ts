// One open folder of the set, and how it shows: its summary in the Folders list
// and its state as the UI sees it (an unreachable root is an error, a folder
// being opened is "scanning", never "no folder").

import type { FolderSummary, WatchInfo, WorkspacePhase, WorkspaceState } from '../../../shared/types';
import type { Workspace } from '../folder/workspace';
import { folderLabel } from './folder-identity';

export interface FolderEntry {
  id: string;
  /** What to reopen: the folder as asked, or null for the demo. */
  dir: string | null;
  ws: Workspace;
  off: () => void;
  isDemo: boolean;
  root: string | null;
  phase: WorkspacePhase;
  error: string | null;
  pending: number;
  unpushed: number;
  /** Set while the opened root is unreachable (share gone, folder deleted). */
  health: string | null;
  checking: boolean;
  reopening: boolean;
  /** How it is watched and why (from its state). */
  watch: WatchInfo | null;
}

export function folderSummary(e: FolderEntry, active: boolean, defaultWatchMode: 'native' | 'polling'): FolderSummary {
  return {
    id: e.id,
    root: e.root ?? e.dir,
    label: folderLabel(e.root ?? e.dir, e.isDemo),
    isDemo: e.isDemo,
    phase: e.health ? 'error' : e.phase,
    error: e.health ?? e.error,
    pending: e.pending,
    unpushed: e.unpushed,
    active,
    watchMode: e.watch?.mode ?? defaultWatchMode,
    ...(e.watch ? { watch: e.watch } : {}),
  };
}

export function patchedState(entry: FolderEntry, state: WorkspaceState): WorkspaceState {
  if (entry.health) return { ...state, phase: 'error', error: entry.health };
  if (state.phase === 'none') return { ...state, phase: 'scanning', root: entry.dir, isDemo: entry.isDemo };
  return state;
}

export function pendingOf(apps: WorkspaceState['apps']): number {
  return apps.reduce((n, a) => n + a.counts.pending, 0);
}
