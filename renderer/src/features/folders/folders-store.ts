// The folders open in the sidebar (several MobileApps folders at once, one per
// 4D Server for example): fed by listFolders() and the engine's 'folders' events.

import { create } from 'zustand';
import type { EngineEvent, FolderSummary } from '../../../../shared/types';

export interface FoldersStore {
  folders: FolderSummary[];
  /** The folder being switched to, closed or added (its row shows it is busy). */
  busy: string | null;
}

const initial = (): FoldersStore => ({ folders: [], busy: null });

export const useFolders = create<FoldersStore>(initial);

export function resetFolders(): void {
  useFolders.setState(initial(), true);
}

export function setFolders(folders: FolderSummary[]): void {
  useFolders.setState({ folders });
}

export function applyFoldersEvent(event: EngineEvent): void {
  if (event.type === 'folders') setFolders(event.folders);
}

export function activeFolder(): FolderSummary | undefined {
  return useFolders.getState().folders.find((f) => f.active);
}
