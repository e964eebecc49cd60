// The widths the user gave the table's columns by dragging (or with the arrow keys
// on a header separator), remembered per MobileApps folder in localStorage. A column
// the user never resized keeps its flexible default (ui/grid.css); a resized one
// gets a fixed width through a CSS custom property, so the container queries that
// hide low-value columns in narrow windows keep working.

import type { CSSProperties } from 'react';
import { create } from 'zustand';
import type { SortKey } from '../../store/session-view';

export type ColumnWidths = Partial<Record<SortKey, number>>;

interface ColumnWidthsStore {
  /** The folder (its root path) the widths belong to. */
  root: string | null;
  widths: ColumnWidths;
}

export const COLUMN_MIN = 56;
export const COLUMN_MAX = 900;
const KEY_PREFIX = 'msm.columns:';

export const useColumnWidths = create<ColumnWidthsStore>(() => ({ root: null, widths: {} }));

function load(root: string | null): ColumnWidths {
  if (root === null) return {};
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY_PREFIX + root) ?? 'null');
    if (!raw || typeof raw !== 'object') return {};
    const out: ColumnWidths = {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof v === 'number' && Number.isFinite(v))
        out[k as SortKey] = Math.min(COLUMN_MAX, Math.max(COLUMN_MIN, Math.round(v)));
    }
    return out;
  } catch {
    return {}; // storage unavailable or corrupt: the defaults
  }
}

function save(): void {
  const { root, widths } = useColumnWidths.getState();
  if (root === null) return;
  try {
    globalThis.localStorage?.setItem(KEY_PREFIX + root, JSON.stringify(widths));
  } catch {
    // not remembered; harmless
  }
}

/** Switches to the widths remembered for this folder. */
export function adoptColumnWidthsOf(root: string | null): void {
  if (useColumnWidths.getState().root === root) return;
  useColumnWidths.setState({ root, widths: load(root) });
}

export function setColumnWidth(key: SortKey, width: number): void {
  useColumnWidths.setState((s) => ({ widths: { ...s.widths, [key]: width } }));
  save();
}

export function resetColumnWidth(key: SortKey): void {
  const widths = { ...useColumnWidths.getState().widths };
  delete widths[key];
  useColumnWidths.setState({ widths });
  save();
}

/** `--w-<key>` (the track) and `--mw-<key>` (its share of the row's minimum width) for each resized column. */
export function columnWidthStyle(widths: ColumnWidths): CSSProperties {
  const style: Record<string, string> = {};
  for (const [key, px] of Object.entries(widths)) {
    style[`--w-${key}`] = `${px}px`;
    style[`--mw-${key}`] = `${px}px`;
  }
  return style as CSSProperties;
}
