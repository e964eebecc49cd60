// What is on disk, as the engine reports it: fed only by the event stream and by
// listings, never by optimistic guesses, so the list stays true to the disk.

import { create } from 'zustand';
import type { AppFolder, EngineEvent, Problem, SessionRecord, WorkspaceState } from '../../../shared/types';
import { applyDelta, diffListing, emptyAppSessions, type AppSessions, type SessionDelta } from './session-index';
import { forgetSortedView } from './session-view';
import { forgetVisible } from './visible';

export type LoadStatus = 'loading' | 'ready' | 'error';

export interface WorkspaceStore {
  state: WorkspaceState | null;
  apps: AppFolder[];
  problems: Problem[];
  unpushed: number;
  /** Sessions of the apps loaded so far, by app folder. */
  sessions: ReadonlyMap<string, AppSessions>;
  load: ReadonlyMap<string, { status: LoadStatus; error?: string }>;
}

const initial: WorkspaceStore = {
  state: null,
  apps: [],
  problems: [],
  unpushed: 0,
  sessions: new Map(),
  load: new Map(),
};

export const useWorkspace = create<WorkspaceStore>(() => ({ ...initial }));

/** Deltas that arrive while an app's listing is in flight, applied once it lands. */
const buffered = new Map<string, SessionDelta[]>();

export function resetWorkspace(): void {
  buffered.clear();
  forgetSortedView();
  forgetVisible();
  useWorkspace.setState({ ...initial, sessions: new Map(), load: new Map() }, true);
}

function withSessions(app: string, next: AppSessions): void {
  const sessions = new Map(useWorkspace.getState().sessions);
  sessions.set(app, next);
  useWorkspace.setState({ sessions });
}

function setLoad(app: string, status: LoadStatus, error?: string): void {
  const load = new Map(useWorkspace.getState().load);
  load.set(app, error === undefined ? { status } : { status, error });
  useWorkspace.setState({ load });
}

function applyState(state: WorkspaceState): void {
  const prev = useWorkspace.getState().state;
  const folderChanged = !prev || prev.root !== state.root || (state.phase !== 'ready' && state.phase !== 'scanning');
  if (folderChanged) {
    buffered.clear();
    forgetSortedView();
    forgetVisible();
    useWorkspace.setState({ sessions: new Map(), load: new Map() });
  }
  useWorkspace.setState({ state, apps: state.apps, problems: state.problems, unpushed: state.unpushed });
  dropVanishedApps(state.apps);
}

function dropVanishedApps(apps: AppFolder[]): void {
  const { sessions, load } = useWorkspace.getState();
  const present = new Set(apps.map((a) => a.folder));
  if ([...sessions.keys()].every((k) => present.has(k))) return;
  const nextSessions = new Map([...sessions].filter(([k]) => present.has(k)));
  const nextLoad = new Map([...load].filter(([k]) => present.has(k)));
  for (const k of sessions.keys()) if (!present.has(k)) forgetSortedView(k);
  useWorkspace.setState({ sessions: nextSessions, load: nextLoad });
}

export function applyEvent(event: EngineEvent): void {
  switch (event.type) {
    case 'state':
      applyState(event.state);
      return;
    case 'apps':
      useWorkspace.setState((s) => ({ apps: event.apps, state: s.state ? { ...s.state, apps: event.apps } : s.state }));
      dropVanishedApps(event.apps);
      return;
    case 'sessions':
      applySessionsDelta(event.app, { upserted: event.upserted, removed: event.removed });
      return;
    case 'problems':
      useWorkspace.setState((s) => ({
        problems: event.problems,
        state: s.state ? { ...s.state, problems: event.problems } : s.state,
      }));
      return;
    case 'unpushed':
      useWorkspace.setState((s) => ({
        unpushed: event.count,
        state: s.state ? { ...s.state, unpushed: event.count } : s.state,
      }));
      return;
  }
}

export function applySessionsDelta(app: string, delta: SessionDelta): void {
  const status = useWorkspace.getState().load.get(app)?.status;
  if (status === 'loading') {
    const list = buffered.get(app) ?? [];
    list.push(delta);
    buffered.set(app, list);
    return;
  }
  const prev = useWorkspace.getState().sessions.get(app);
  if (!prev) return; // not loaded: its listing will be fetched when it is opened
  const next = applyDelta(prev, delta);
  if (next !== prev) withSessions(app, next);
}

/** Marks an app as loading; deltas for it are buffered until `finishLoad`. */
export function beginLoad(app: string): void {
  if (!useWorkspace.getState().sessions.has(app)) buffered.set(app, []);
  setLoad(app, 'loading');
}

/** Merges a full listing into what is held (keeping unchanged records), then the buffered deltas. */
export function finishLoad(app: string, listing: SessionRecord[]): void {
  let s = useWorkspace.getState().sessions.get(app) ?? emptyAppSessions(app);
  s = applyDelta(s, diffListing(s, listing));
  for (const delta of buffered.get(app) ?? []) s = applyDelta(s, delta);
  buffered.delete(app);
  withSessions(app, s);
  setLoad(app, 'ready');
}

export function failLoad(app: string, message: string): void {
  buffered.delete(app);
  setLoad(app, 'error', message);
}

export function getRecord(app: string, id: string): SessionRecord | undefined {
  return useWorkspace.getState().sessions.get(app)?.records.get(id);
}
