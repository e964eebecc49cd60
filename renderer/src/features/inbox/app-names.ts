// The app name an inbox row shows. The workspace knows the names of the active folder's
// apps only (AppFolder.name); a pending session of another open folder is named from what
// the engine reported for that folder (the app names of a search across folders), else
// from the same app folder in the active folder, else from its folder name made readable
// ("UTT7VDX8W5.com.contactApp.Contact" → "Contact"), never the raw folder name.

import { useMemo } from 'react';
import type { AppFolder, FolderSummary, SessionRecord, SessionSearchResult } from '../../../../shared/types';
import { useWorkspace } from '../../store/workspace';
import { useFolders } from '../folders/folders-store';
import { useSearchScope } from '../sessions/search-scope';

const FAKE_TEAM = 'FAKETEAMID';

/**
 * The app folder's bundle id without its team id, last segment only: "Contact" for
 * "UTT7VDX8W5.com.contactApp.Contact", "tasks" for "com.acme.tasks". The team id rule is the
 * engine's (parseAppFolderName): a first segment of upper-case letters and digits, or FAKETEAMID.
 */
export function readableAppFolder(folder: string): string {
  const dot = folder.indexOf('.');
  let bundle = folder;
  if (dot > 0 && dot < folder.length - 1) {
    const head = folder.slice(0, dot);
    if (head === FAKE_TEAM || (head.length <= 20 && /^[A-Z0-9]+$/.test(head) && /[A-Z]/.test(head))) {
      bundle = folder.slice(dot + 1);
    }
  }
  const last = bundle.slice(bundle.lastIndexOf('.') + 1);
  return last || bundle || folder;
}

/** Names per app folder of the active folder; two apps of one name are told apart by platform. */
export function activeAppNames(apps: readonly AppFolder[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const a of apps) count.set(a.name, (count.get(a.name) ?? 0) + 1);
  const platform = { ios: 'iOS', android: 'Android', unknown: '' } as const;
  return new Map(
    apps.map((a) => [
      a.folder,
      (count.get(a.name) ?? 0) > 1 && platform[a.platform] ? `${a.name} · ${platform[a.platform]}` : a.name,
    ]),
  );
}

/** Names the engine gave per open folder and app folder, from a search across folders. */
function reportedNames(result: SessionSearchResult | null): Map<string, string> {
  const names = new Map<string, string>();
  for (const hit of result?.hits ?? []) {
    if (hit.record.folder !== undefined && hit.appName)
      names.set(`${hit.record.folder}/${hit.record.app}`, hit.appName);
  }
  return names;
}

export interface AppNamer {
  (record: Pick<SessionRecord, 'app' | 'folder'>): string;
}

function namer(own: Map<string, string>, reported: Map<string, string>, folders: readonly FolderSummary[]): AppNamer {
  const active = folders.find((f) => f.active)?.id;
  return (r) => {
    const other = r.folder !== undefined && active !== undefined && r.folder !== active;
    if (other) {
      const named = reported.get(`${r.folder}/${r.app}`);
      if (named) return named;
    }
    // The same app folder (team + bundle id) in the active folder is the same app.
    return own.get(r.app) ?? readableAppFolder(r.app);
  };
}

/** The app name of a pending session, for the inbox's rows (re-rendered when names become known). */
export function useAppNamer(): AppNamer {
  const apps = useWorkspace((s) => s.apps);
  const folders = useFolders((s) => s.folders);
  const result = useSearchScope((s) => s.result);
  return useMemo(() => namer(activeAppNames(apps), reportedNames(result), folders), [apps, folders, result]);
}

/** The same, read once (notifications, toasts). */
export function appNameOf(record: Pick<SessionRecord, 'app' | 'folder'>): string {
  return namer(
    activeAppNames(useWorkspace.getState().apps),
    reportedNames(useSearchScope.getState().result),
    useFolders.getState().folders,
  )(record);
}
