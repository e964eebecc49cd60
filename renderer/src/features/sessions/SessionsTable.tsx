// The sessions of the selected app: a virtualized grid (only visible rows exist in the DOM),
// sortable headers, keyboard navigation, and right-click menus.

import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useShownSessions } from '../../store/view-prepare';
import { useTranslation } from 'react-i18next';
import type { SessionRef } from '../../../../shared/types';
import { loadSessions } from '../../controller/connection';
import { clearSelection, focusDetails, openMenu, resetFilters, selectSession, setQuery, useUi } from '../../store/ui';
import { filterClock, visibleWithFilters } from '../../store/visible';
import { useWorkspace } from '../../store/workspace';
import { Spinner } from '../../ui/Icons';
import { pageRows, useVirtualRows } from '../../ui/VirtualRows';
import { extendSelectionTo, selectAllVisible, selectedRefs } from './selection-actions';
import { requestDelete, toggleStatus } from './session-actions';
import { COLUMNS, HeaderRow } from './SessionsHeaderRow';
import { ROW_HEIGHT, SessionRow, rowDomId } from './SessionRow';
import { tableCommand, type TableCommand } from './table-keys';
import { adoptColumnWidthsOf, columnWidthStyle, useColumnWidths } from './column-widths';

export const HEADER_HEIGHT = 30;

/** Re-renders every 30 s so relative times stay right. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Carries out what a key on the grid means (see table-keys.ts). */
function runTableCommand(command: TableCommand, ids: readonly string[], ref: SessionRef | null): void {
  switch (command.kind) {
    case 'select-all':
      return selectAllVisible();
    case 'move':
      if (command.extend) extendSelectionTo(ids[command.index]!);
      else selectSession(ids[command.index]!);
      return;
    case 'clear-selection':
      return clearSelection();
    case 'focus-details':
      return focusDetails();
    case 'toggle-status':
      if (ref) void toggleStatus(ref);
      return;
    case 'delete': {
      const refs = selectedRefs();
      if (refs.length) requestDelete(refs);
      return;
    }
    case 'open-menu': {
      if (!ref) return;
      const row = document.getElementById(rowDomId(ref.id))?.getBoundingClientRect();
      openMenu({ x: (row?.left ?? 0) + 40, y: (row?.bottom ?? 0) - 4, ref });
      return;
    }
    case 'none':
      return;
  }
}

function TableMessage({ children }: { children: React.ReactNode }) {
  return <div className="table-message">{children}</div>;
}

/**
 * Memoized (it has no props): the main area renders again on every change of the engine's
 * state (each count change during a bulk action); the table follows only what it reads.
 */
export const SessionsTable = memo(function SessionsTable() {
  const { t } = useTranslation();
  const app = useUi((s) => s.selectedApp);
  const sort = useUi((s) => s.sort);
  const query = useUi((s) => s.query);
  const statusFilter = useUi((s) => s.statusFilter);
  const filters = useUi((s) => s.filters);
  const selectedId = useUi((s) => s.selectedId);
  const selection = useUi((s) => s.selection);
  const sessions = useShownSessions(app);
  const load = useWorkspace((s) => (app ? s.load.get(app) : undefined));
  const appName = useWorkspace((s) => s.apps.find((a) => a.folder === app)?.name ?? app ?? '');
  const root = useWorkspace((s) => s.state?.root ?? null);
  const widths = useColumnWidths((s) => s.widths);
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow();
  useEffect(() => adoptColumnWidthsOf(root), [root]);

  const clock = filterClock(now);
  const ids = useMemo(
    () => (sessions ? visibleWithFilters(sessions, sort, query, statusFilter, filters, clock) : []),
    [sessions, sort, query, statusFilter, filters, clock],
  );
  const selectedIndex = useMemo(() => (selectedId ? ids.indexOf(selectedId) : -1), [ids, selectedId]);

  const virtualizer = useVirtualRows({ keys: ids, scrollRef, rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT });
  // The header renders again only when the rows or the column widths change: its resize
  // handles read their column's width from the layout, and a live change (many during a
  // bulk action) that leaves the rows where they are must not force a layout each time.
  const header = useMemo(() => <HeaderRow ids={ids} />, [ids, widths]); // eslint-disable-line react-hooks/exhaustive-deps

  // Keep the selected row in view when the selection moves (keyboard, neighbour after delete).
  const lastScrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (selectedIndex >= 0 && selectedId !== lastScrolledTo.current) {
      lastScrolledTo.current = selectedId;
      virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    }
  }, [selectedIndex, selectedId, virtualizer]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return; // inputs and selects inside rows handle their own keys
    const ref = app && selectedId ? { app, id: selectedId } : null;
    const context = {
      selectedIndex,
      rowCount: ids.length,
      pageRows: pageRows(scrollRef.current, ROW_HEIGHT),
      multi: selection.multi,
      hasCurrent: ref !== null,
    };
    const command = tableCommand(e, context);
    if (!command) return;
    e.preventDefault();
    if (command.kind === 'move') lastScrolledTo.current = null; // scroll to the new current row even if it was scrolled to before
    runTableCommand(command, ids, ref);
  };

  const total = sessions?.records.size ?? 0;
  let message: React.ReactNode = null;
  if (!app) message = t('empty.selectApp');
  else if (!sessions && load?.status === 'error')
    message = (
      <>
        <span>{t('empty.loadFailed', { message: load.error ?? '' })}</span>
        <button type="button" className="button" onClick={() => void loadSessions(app)}>
          {t('empty.retry')}
        </button>
      </>
    );
  else if (!sessions)
    message = (
      <>
        <Spinner /> <span>{t('empty.loadingSessions')}</span>
      </>
    );
  else if (total === 0) message = t('empty.noSessions');
  else if (ids.length === 0)
    message = (
      <>
        <span>{t('empty.noMatch')}</span>
        <button
          type="button"
          className="button"
          onClick={() => {
            setQuery('');
            resetFilters();
            // This message goes away with the filters: the table takes the focus, not the page.
            requestAnimationFrame(() => scrollRef.current?.focus());
          }}
        >
          {t('empty.clearFilters')}
        </button>
      </>
    );

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="grid"
      role="grid"
      aria-label={t('table.label', { app: appName })}
      aria-rowcount={ids.length + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={selectedIndex >= 0 && selectedId ? rowDomId(selectedId) : undefined}
      aria-multiselectable="true"
      tabIndex={0}
      data-testid="sessions-table"
      style={columnWidthStyle(widths)}
      data-multi={selection.multi ? 'true' : undefined}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => {
        e.preventDefault();
        openMenu({ x: e.clientX, y: e.clientY, ref: null });
      }}
    >
      {header}
      {message ? (
        <TableMessage>{message}</TableMessage>
      ) : (
        <div className="tbody" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const id = ids[item.index]!;
            const record = sessions!.records.get(id);
            if (!record) return null;
            return (
              <SessionRow
                key={id}
                record={record}
                index={item.index}
                start={item.start - HEADER_HEIGHT}
                selected={selection.ids.has(id) || id === selectedId}
                current={selection.multi && id === selectedId}
                now={now}
              />
            );
          })}
        </div>
      )}
    </div>
  );
});
