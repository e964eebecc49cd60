// Each folder's Auto / Native / Polling choice, by the folder's real path. The
// desktop app and browser mode keep it in settings.json (watchModes; Auto is
// the absence of an entry, so the file only names folders the user changed);
// tests and hosts without a settings file keep it in memory for the session.

import type { WatchPreference } from '../../../shared/types';
import type { SettingsStore } from './settings-store';

export interface WatchPreferences {
  get(root: string): WatchPreference;
  set(root: string, preference: WatchPreference): Promise<void>;
}

export function settingsWatchPreferences(store: SettingsStore): WatchPreferences {
  return {
    get: (root) => store.get().watchModes[root] ?? 'auto',
    set: async (root, preference) => {
      await store.update((s) => {
        if (preference === 'auto') delete s.watchModes[root];
        else s.watchModes[root] = preference;
      });
    },
  };
}

export function memoryWatchPreferences(): WatchPreferences {
  const chosen = new Map<string, WatchPreference>();
  return {
    get: (root) => chosen.get(root) ?? 'auto',
    set: async (root, preference) => {
      chosen.set(root, preference);
    },
  };
}
