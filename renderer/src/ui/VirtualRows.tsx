// The virtualized list both grids use (the sessions table and the approval inbox):
// a scroll container with a sticky header row, and a body where only the rows in
// view (plus a margin) exist in the DOM, each placed with a transform.

import { observeElementRect, useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, type RefObject } from 'react';

/** Without layout (jsdom, a hidden window) the measured height is 0; assume a window-sized view. */
export const FALLBACK_RECT: Rect = { width: 1000, height: 640 };

function observeRectWithFallback(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT));
}

export interface VirtualRowsOptions {
  keys: readonly string[];
  scrollRef: RefObject<HTMLDivElement | null>;
  rowHeight: number;
  /** Height of the sticky header row inside the scroll container. */
  headerHeight: number;
}

export function useVirtualRows({
  keys,
  scrollRef,
  rowHeight,
  headerHeight,
}: VirtualRowsOptions): Virtualizer<HTMLDivElement, Element> {
  return useVirtualizer({
    count: keys.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollMargin: headerHeight,
    getItemKey: useCallback((i: number) => keys[i] ?? i, [keys]),
    observeElementRect: observeRectWithFallback,
    initialRect: FALLBACK_RECT,
  });
}

/** Rows a page key moves by, from the scroll container's height. */
export function pageRows(scroll: HTMLElement | null, rowHeight: number): number {
  return Math.max(1, Math.floor((scroll?.clientHeight || FALLBACK_RECT.height) / rowHeight) - 2);
}
