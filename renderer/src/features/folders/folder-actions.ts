// Several open folders: keeps the folders store current and switches, adds and
// closes folders. The workspace store follows through adoptState (and the 'state'
// event the engine sends on every switch).

import type { FolderSummary, WatchPreference, WorkspaceState } from '../../../../shared/types';
import { describeError } from '../../lib/errors';
import { applyFoldersEvent, setFolders, useFolders } from './folders-store';
import { selectApp, showToast } from '../../store/ui';
import { useWorkspace } from '../../store/workspace';
import { adoptState } from '../../controller/connection';
import { api, t } from '../../controller/context';

/** Subscribes to 'folders' events and reads the list once; returns the unsubscribe function. */
export function watchFolders(): () => void {
  const off = api().onEvent(applyFoldersEvent);
  api()
    .listFolders()
    .then(setFolders)
    .catch(() => setFolders([])); // an engine without the folder list: the section stays hidden
  return off;
}

function failed(err: unknown): void {
  showToast({ tone: 'error', title: t('toast.actionFailed'), detail: describeError(t, err) });
}

/** Shows the new folder's state and its first app. */
function show(state: WorkspaceState): void {
  adoptState(state);
  selectApp(useWorkspace.getState().apps[0]?.folder ?? null);
}

async function run(busy: string, fn: () => Promise<void>): Promise<void> {
  useFolders.setState({ busy });
  try {
    await fn();
  } catch (err) {
    failed(err);
  } finally {
    useFolders.setState({ busy: null });
  }
}

export function switchToFolder(id: string): Promise<void> {
  if (useFolders.getState().folders.find((f) => f.id === id)?.active) return Promise.resolve();
  return run(id, async () => {
    show(await api().switchFolder(id));
    setFolders(await api().listFolders());
  });
}

export function closeFolder(folder: FolderSummary): Promise<void> {
  return run(folder.id, async () => {
    setFolders(await api().closeFolder(folder.id));
    if (folder.active) show(await api().getState());
  });
}

export function addFolder(): Promise<void> {
  return run('add', async () => {
    try {
      const state = await api().addFolder();
      if (state) show(state); // null: cancelled
    } finally {
      // A folder that could not be opened is still listed (with its error) and shown.
      setFolders(await api().listFolders());
      adoptState(await api().getState());
    }
  });
}

/** Auto / Native / Polling for one folder; the status bar and the list follow. */
export function setWatchMode(id: string, mode: WatchPreference): Promise<void> {
  return run(id, async () => {
    setFolders(await api().setWatchMode(id, mode));
    adoptState(await api().getState());
  });
}
