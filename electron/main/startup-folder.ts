// Which folder the app shows at start-up. A remembered folder may have gone
// (unmounted share, renamed data folder): the app must still start, on the
// demo folder, and say why — never fail to open its window. No Electron import.

import { toErrorInfo } from '../../shared/api-error';
import type { WorkspaceState } from '../../shared/types';

interface Opener {
  open(dir: string): Promise<WorkspaceState>;
  openDemo(): Promise<WorkspaceState>;
}

export interface StartupResult {
  state: WorkspaceState;
  /** Why the requested folder was not opened, for the user; null when it was (or none was asked). */
  warning: string | null;
}

export async function openStartupFolder(ws: Opener, target: string | null): Promise<StartupResult> {
  if (target) {
    try {
      const state = await ws.open(target);
      if (state.phase !== 'error') return { state, warning: null };
      return { state: await ws.openDemo(), warning: `Could not open ${target}: ${state.error ?? 'unknown error'}` };
    } catch (err) {
      const warning = `Could not open ${target}: ${toErrorInfo(err).message} The demo folder is shown instead.`;
      return { state: await ws.openDemo(), warning };
    }
  }
  return { state: await ws.openDemo(), warning: null };
}
