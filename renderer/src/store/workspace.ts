// What is on disk, as the engine reports it: fed only by the event stream and by
// listings, never by optimistic guesses, so the list stays true to the disk.

import { create } from 'zustand';
import type { AppFolder, EngineEvent, Problem, SessionRecord, WorkspaceState } from '../../../shared/types';
import {
  applyDelta,
  diffListing,
  emptyAppSessions,
  mergeListingSteps,
  type AppSessions,
  type SessionDelta,
} from './session-index';
import { forgetSortedView, prepareShownColumn, type SortSpec } from './session-view';
import { runPaced } from './paced-steps';
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
  loadTokens.clear();
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
    loadTokens.clear();
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

/** The latest load of each app: a listing that lands after a newer load began (or a reset) is dropped. */
const loadTokens = new Map<string, number>();
let loadCount = 0;

/** Marks an app as loading; deltas for it are buffered until `finishLoad`. Returns the load's token. */
export function beginLoad(app: string): number {
  if (!useWorkspace.getState().sessions.has(app)) buffered.set(app, []);
  setLoad(app, 'loading');
  loadCount += 1;
  loadTokens.set(app, loadCount);
  return loadCount;
}

/** True while the load with this token is the app's latest and still under way. */
export function isCurrentLoad(app: string, token: number): boolean {
  return loadTokens.get(app) === token && useWorkspace.getState().load.get(app)?.status === 'loading';
}

function applyBuffered(app: string, s: AppSessions): AppSessions {
  for (const delta of buffered.get(app) ?? []) s = applyDelta(s, delta);
  buffered.delete(app);
  return s;
}

/** Shows the app's sessions and marks it ready in one update (no render sees one without the other). */
function publish(app: string, s: AppSessions): void {
  const { sessions, load } = useWorkspace.getState();
  useWorkspace.setState({
    sessions: new Map(sessions).set(app, s),
    load: new Map(load).set(app, { status: 'ready' }),
  });
}

/** Merges a full listing into what is held (keeping unchanged records), then the buffered deltas. */
export function finishLoad(app: string, listing: SessionRecord[]): void {
  const s = useWorkspace.getState().sessions.get(app) ?? emptyAppSessions(app);
  publish(app, applyBuffered(app, applyDelta(s, diffListing(s, listing))));
}

/** Listings from this size on are merged, and their first view sorted, in slices before they are shown. */
export const PACED_LOAD_MIN = 5_000;

/**
 * `finishLoad` for any size: a big listing is merged in slices of a few milliseconds and,
 * when the app is the one on screen, the column it is sorted by is indexed before it is
 * shown (`shownSort`), so opening an app of 100,000 sessions never freezes the window. The
 * app stays "loading" meanwhile (deltas are buffered); a newer load or a reset cancels it.
 */
export async function finishLoadPaced(
  app: string,
  listing: SessionRecord[],
  token: number,
  shownSort: () => SortSpec | null,
): Promise<void> {
  const current = () => isCurrentLoad(app, token);
  if (!current()) return;
  if (listing.length < PACED_LOAD_MIN) return finishLoad(app, listing);
  const prev = useWorkspace.getState().sessions.get(app) ?? emptyAppSessions(app);
  const merged = await runPaced(mergeListingSteps(prev, listing), { cancelled: () => !current() });
  if (!merged) return;
  let s = applyBuffered(app, merged.value);
  const sort = shownSort();
  if (sort) {
    if (!(await runPaced(prepareShownColumn(s, sort), { cancelled: () => !current() }))) return;
    s = applyBuffered(app, s); // what arrived while the index was built
  }
  publish(app, s);
}

export function failLoad(app: string, message: string): void {
  buffered.delete(app);
  loadTokens.delete(app);
  setLoad(app, 'error', message);
}

export function getRecord(app: string, id: string): SessionRecord | undefined {
  return useWorkspace.getState().sessions.get(app)?.records.get(id);
}
