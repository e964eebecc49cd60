// Remembers the folders the user opened — the last one (reopened at the next
// start) and the recent list — in the app's settings store. No Electron import.

import { MAX_RECENT_FOLDERS, type SettingsStore } from '../engine/settings/settings-store';

/** The folder to reopen at start, or null. */
export function lastFolder(store: SettingsStore): string | null {
  return store.get().lastFolder;
}

/** Records a folder as the last one and moves it to the top of the recent list. */
export async function rememberFolder(store: SettingsStore, folder: string): Promise<void> {
  await store.update((s) => {
    s.lastFolder = folder;
    s.recentFolders = [folder, ...s.recentFolders.filter((f) => f !== folder)].slice(0, MAX_RECENT_FOLDERS);
  });
}
