// Everything the user chose that is not on disk: selection, sort, search, filter,
// the open dialog or menu, and toasts.

import { create } from 'zustand';
import type { PreflightReport, SessionRef } from '../../../shared/types';
import { loadFilters, saveFilters, type ExtraFilters, type RememberedFilters } from './filters';
import { EMPTY_SELECTION, single, type Selection } from './selection';
import { SORT_KEYS, type SortSpec, type StatusFilter } from './session-view';

export type MainView = 'sessions' | 'problems' | 'inbox' | 'activity';

export type Dialog =
  | { kind: 'confirm-delete'; refs: SessionRef[]; label: string }
  | { kind: 'reveal'; location: string }
  | { kind: 'preflight'; report: PreflightReport }
  | { kind: 'push-settings' }
  | { kind: 'about' }
  | { kind: 'browser-folder' }
  | { kind: 'cleanup' };

export interface ContextMenuState {
  x: number;
  y: number;
  /** The row the menu is for; null on empty space. */
  ref: SessionRef | null;
}

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'error';
  title: string;
  detail?: string;
  actions?: ToastAction[];
  /** Milliseconds before it goes away on its own; errors stay until dismissed. */
  timeoutMs?: number;
}

export interface UiStore {
  selectedApp: string | null;
  view: MainView;
  /** The current row of the sessions table (details panel, keyboard); mirrors selection.current. */
  selectedId: string | null;
  /** Every selected row of the sessions table. */
  selection: Selection;
  sort: SortSpec;
  query: string;
  statusFilter: StatusFilter;
  /** Platform, simulator, app version, language, age; remembered per folder with the status. */
  filters: ExtraFilters;
  /** The folder the filters belong to (their localStorage key). */
  filtersRoot: string | null;
  dialog: Dialog | null;
  menu: ContextMenuState | null;
  toasts: Toast[];
  /** Bumped to ask the details panel to take focus (Enter in the table). */
  detailsFocusTick: number;
  /** Bumped to ask the search field to take focus (Cmd/Ctrl+F). */
  searchFocusTick: number;
  /** Whether the details panel is shown beside the table. */
  detailsOpen: boolean;
}

const SORT_STORAGE = 'msm.sort';
const DETAILS_STORAGE = 'msm.details';

function loadDetailsOpen(): boolean {
  try {
    const raw = globalThis.localStorage?.getItem(DETAILS_STORAGE);
    if (raw === 'open' || raw === 'closed') return raw === 'open';
  } catch {
    // storage unavailable
  }
  return true;
}

function loadSort(): SortSpec {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(SORT_STORAGE) ?? 'null');
    if (raw && typeof raw === 'object') {
      const { key, dir } = raw as Record<string, unknown>;
      if (SORT_KEYS.includes(key as SortSpec['key']) && (dir === 'asc' || dir === 'desc')) {
        return { key: key as SortSpec['key'], dir };
      }
    }
  } catch {
    // storage unavailable or corrupt: use the default
  }
  return { key: 'mtime', dir: 'desc' };
}

function initialUi(): UiStore {
  return {
    selectedApp: null,
    view: 'sessions',
    selectedId: null,
    selection: EMPTY_SELECTION,
    sort: loadSort(),
    query: '',
    statusFilter: 'all',
    filters: {},
    filtersRoot: null,
    dialog: null,
    menu: null,
    toasts: [],
    detailsFocusTick: 0,
    searchFocusTick: 0,
    detailsOpen: loadDetailsOpen(),
  };
}

export const useUi = create<UiStore>(() => initialUi());

export function resetUi(): void {
  useUi.setState(initialUi(), true);
}

export function selectApp(app: string | null): void {
  const s = useUi.getState();
  if (s.selectedApp === app && s.view === 'sessions') return;
  const same = s.selectedApp === app;
  useUi.setState({
    selectedApp: app,
    view: 'sessions',
    selectedId: same ? s.selectedId : null,
    selection: same ? s.selection : EMPTY_SELECTION,
  });
}

export function showProblems(): void {
  useUi.setState({ view: 'problems' });
}

export function showView(view: MainView): void {
  if (useUi.getState().view !== view) useUi.setState({ view, menu: null });
}

/** Selects one row (a plain click, the keyboard without Shift). */
export function selectSession(id: string | null): void {
  const s = useUi.getState();
  if (s.selectedId === id && !s.selection.multi && s.selection.ids.size === (id === null ? 0 : 1)) return;
  useUi.setState({ selectedId: id, selection: single(id) });
}

/** Replaces the whole selection (Shift/Cmd/Ctrl clicks, Select All, pruning after a delta). */
export function setSelection(selection: Selection): void {
  const s = useUi.getState();
  if (s.selection === selection) return;
  useUi.setState({ selection, selectedId: selection.current });
}

export function clearSelection(): void {
  const s = useUi.getState();
  // Keep the current row as a plain selection, like Finder's Escape.
  useUi.setState({ selection: single(s.selectedId) });
}

/** Clicking the sorted column flips its direction; another column starts ascending (dates newest first). */
export function toggleSort(key: SortSpec['key']): void {
  const cur = useUi.getState().sort;
  const sort: SortSpec =
    cur.key === key ? { key, dir: cur.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'mtime' ? 'desc' : 'asc' };
  useUi.setState({ sort });
  try {
    globalThis.localStorage?.setItem(SORT_STORAGE, JSON.stringify(sort));
  } catch {
    // not remembered; harmless
  }
}

export function setQuery(query: string): void {
  useUi.setState({ query });
}

function remember(): void {
  const s = useUi.getState();
  saveFilters(s.filtersRoot, { status: s.statusFilter, extra: s.filters } satisfies RememberedFilters);
}

export function setStatusFilter(statusFilter: StatusFilter): void {
  useUi.setState({ statusFilter });
  remember();
}

/** Sets or clears (undefined) filter fields. */
export function setFilters(
  patch: Partial<Record<keyof ExtraFilters, ExtraFilters[keyof ExtraFilters] | undefined>>,
): void {
  const next: Record<string, unknown> = { ...useUi.getState().filters };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === '') delete next[k];
    else next[k] = v;
  }
  useUi.setState({ filters: next as ExtraFilters });
  remember();
}

/** Status back to All and every other filter off (search is left alone). */
export function resetFilters(): void {
  useUi.setState({ statusFilter: 'all', filters: {} });
  remember();
}

/** Switches to the filters remembered for another folder. */
export function adoptFiltersOf(root: string | null): void {
  if (useUi.getState().filtersRoot === root) return;
  const { status, extra } = loadFilters(root);
  useUi.setState({ filtersRoot: root, statusFilter: status, filters: extra });
}

export function openDialog(dialog: Dialog): void {
  useUi.setState({ dialog, menu: null });
}

export function closeDialog(): void {
  useUi.setState({ dialog: null });
}

export function openMenu(menu: ContextMenuState): void {
  useUi.setState({ menu });
}

export function closeMenu(): void {
  if (useUi.getState().menu) useUi.setState({ menu: null });
}

let toastIds = 0;

export function showToast(toast: Omit<Toast, 'id'>): number {
  toastIds += 1;
  const id = toastIds;
  // Keep the last few; a burst of failures must not bury the screen.
  useUi.setState((s) => ({ toasts: [...s.toasts.slice(-3), { ...toast, id }] }));
  return id;
}

export function dismissToast(id: number): void {
  useUi.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

export function focusDetails(): void {
  useUi.setState((s) => ({ detailsFocusTick: s.detailsFocusTick + 1, detailsOpen: true }));
}

export function focusSearch(): void {
  useUi.setState((s) => ({ searchFocusTick: s.searchFocusTick + 1, view: 'sessions' }));
}

export function toggleDetails(): void {
  const detailsOpen = !useUi.getState().detailsOpen;
  useUi.setState({ detailsOpen });
  try {
    globalThis.localStorage?.setItem(DETAILS_STORAGE, detailsOpen ? 'open' : 'closed');
  } catch {
    // not remembered; harmless
  }
}
