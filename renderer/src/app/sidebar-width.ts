// The sidebar's width, set by dragging its edge (or with the arrow keys on it),
// remembered in localStorage for every folder alike.

import { create } from 'zustand';

export const SIDEBAR_DEFAULT = 228;
export const SIDEBAR_MIN = 180;
export const SIDEBAR_MAX = 480;
const STORAGE = 'msm.sidebarWidth';

function load(): number {
  try {
    const n = Number(globalThis.localStorage?.getItem(STORAGE));
    if (Number.isFinite(n) && n >= SIDEBAR_MIN && n <= SIDEBAR_MAX) return Math.round(n);
  } catch {
    // storage unavailable
  }
  return SIDEBAR_DEFAULT;
}

export const useSidebarWidth = create<{ width: number }>(() => ({ width: load() }));

export function setSidebarWidth(width: number): void {
  useSidebarWidth.setState({ width });
  try {
    globalThis.localStorage?.setItem(STORAGE, String(width));
  } catch {
    // not remembered; harmless
  }
}
