// Everything the user chose that is not on disk: selection, sort, search, filter,
// the open dialog or menu, and toasts.

import { create } from 'zustand';
import type { PreflightReport, SessionRef } from '../../../shared/types';
import { SORT_KEYS, type SortSpec, type StatusFilter } from './session-view';

export type MainView = 'sessions' | 'problems';

export type Dialog =
  | { kind: 'confirm-delete'; refs: SessionRef[]; label: string }
  | { kind: 'reveal'; location: string }
  | { kind: 'preflight'; report: PreflightReport }
  | { kind: 'push-settings' }
  | { kind: 'about' }
  | { kind: 'browser-folder' };

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
  selectedId: string | null;
  sort: SortSpec;
  query: string;
  statusFilter: StatusFilter;
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
    sort: loadSort(),
    query: '',
    statusFilter: 'all',
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
  useUi.setState({ selectedApp: app, view: 'sessions', selectedId: s.selectedApp === app ? s.selectedId : null });
}

export function showProblems(): void {
  useUi.setState({ view: 'problems' });
}

export function selectSession(id: string | null): void {
  if (useUi.getState().selectedId !== id) useUi.setState({ selectedId: id });
}

/** Clicking the sorted column flips its direction; another column starts ascending (dates newest first). */
export function toggleSort(key: SortSpec['key']): void {
  const cur = useUi.getState().sort;
  const sort: SortSpec = cur.key === key ? { key, dir: cur.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'mtime' ? 'desc' : 'asc' };
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

export function setStatusFilter(statusFilter: StatusFilter): void {
  useUi.setState({ statusFilter });
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
