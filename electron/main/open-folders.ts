// The folders open in the sidebar, across restarts: remembered in the settings
// (openFolders, the active one as lastFolder) and reopened at start. A folder
// that has vanished (unmounted share) is listed with its error and never blocks
// start-up; when no remembered folder opens, the demo folder is shown. No Electron import.

import { toErrorInfo } from '../../shared/api-error';
import type { FolderSummary, WorkspaceState } from '../../shared/types';
import type { SettingsStore } from '../engine/settings/settings-store';
import { openStartupFolder, type StartupResult } from './startup-folder';

export interface FolderSet {
  add(dir: string): Promise<WorkspaceState>;
  restore(dirs: string[], active: string | null): Promise<void>;
  open(dir: string): Promise<WorkspaceState>;
  openDemo(): Promise<WorkspaceState>;
  listFolders(): Promise<FolderSummary[]>;
  switchFolder(id: string): Promise<WorkspaceState>;
  getState(): Promise<WorkspaceState>;
}

export interface RememberedFolders {
  open: string[];
  last: string | null;
}

/** Reopens the remembered folders, then the command line's folder (shown when given). */
export async function reopenFolders(
  set: FolderSet,
  remembered: RememberedFolders,
  fromArgv: string | null,
): Promise<StartupResult> {
  if (remembered.open.length === 0) return openStartupFolder(set, fromArgv ?? remembered.last);
  await set.restore(remembered.open, remembered.last); // a failed one is listed with its error
  let warning: string | null = null;
  if (fromArgv) {
    try {
      const state = await set.add(fromArgv);
      if (state.phase !== 'error') return { state, warning: null };
      warning = `Could not open ${fromArgv}: ${state.error ?? 'unknown error'}`;
    } catch (err) {
      warning = `Could not open ${fromArgv}: ${toErrorInfo(err).message}`;
    }
  }
  const folders = await set.listFolders();
  const usable = folders.filter((f) => f.phase !== 'error');
  const shown = usable.find((f) => f.root === remembered.last) ?? usable[0];
  const state = shown ? await set.switchFolder(shown.id) : await set.openDemo();
  return { state, warning };
}

/**
 * Saves the open folders (demo excluded) and the active one. With none left open (the
 * user closed them all), nothing is reopened at the next start: the demo folder shows.
 */
export async function rememberOpenFolders(
  store: SettingsStore,
  folders: string[],
  active: string | null,
): Promise<void> {
  await store.update((s) => {
    s.openFolders = folders;
    if (active) s.lastFolder = active;
    else if (folders.length === 0) s.lastFolder = null;
  });
}
