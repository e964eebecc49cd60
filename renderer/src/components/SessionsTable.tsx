// The sessions of the selected app: a virtualized grid (only visible rows exist in the DOM),
// sortable headers, keyboard navigation, and right-click menus.

import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadSessions } from '../controller/connection';
import { extendSelectionTo, selectAllVisible, selectedRefs } from '../controller/selection-actions';
import { requestDelete, toggleStatus } from '../controller/session-actions';
import { coverage } from '../store/selection';
import type { SortKey } from '../store/session-view';
import { clearSelection, focusDetails, openMenu, resetFilters, selectSession, setQuery, setSelection, toggleSort, useUi } from '../store/ui';
import { filterClock, visibleWithFilters } from '../store/visible';
import { useWorkspace } from '../store/workspace';
import { EMPTY_SELECTION } from '../store/selection';
import { Spinner, SortIcon } from './Icons';
import { ROW_HEIGHT, SessionRow, rowDomId } from './SessionRow';
import { pageRows, useVirtualRows } from './VirtualRows';

export const HEADER_HEIGHT = 30;

/** `col` names the column for the width rules in table.css (which hide IP, then Language, when the table is narrow). */
const COLUMNS: { key: SortKey; label: string; col: string }[] = [
  { key: 'device', label: 'columns.device', col: 'col--device' },
  { key: 'os', label: 'columns.os', col: 'col--os' },
  { key: 'email', label: 'columns.email', col: 'col--email' },
  { key: 'language', label: 'columns.language', col: 'col--language' },
  { key: 'ip', label: 'columns.ip', col: 'col--ip' },
  { key: 'status', label: 'columns.status', col: 'col--status' },
  { key: 'mtime', label: 'columns.mtime', col: 'col--changed' },
];

/** Re-renders every 30 s so relative times stay right. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Tri-state "select all visible" box in the Device header. */
function SelectAllBox({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const selection = useUi((s) => s.selection);
  const state = selection.multi ? coverage(selection, ids) : 'none';
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="row-check"
      tabIndex={-1}
      aria-label={t('selection.selectAllVisible')}
      title={t('selection.selectAllVisible')}
      data-testid="select-all"
      checked={state === 'all'}
      disabled={ids.length === 0}
      onChange={() => (state === 'all' ? setSelection(EMPTY_SELECTION) : selectAllVisible())}
    />
  );
}

function HeaderRow({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const sort = useUi((s) => s.sort);
  return (
    <div className="thead" role="rowgroup">
      <div className="row row--header" role="row" aria-rowindex={1}>
        {COLUMNS.map((c) => {
          const active = sort.key === c.key;
          return (
            <div
              key={c.key}
              role="columnheader"
              className={`cell cell--header ${c.col}${active ? ' cell--sorted' : ''}${c.key === 'device' ? ' cell--with-check' : ''}`}
              aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              {c.key === 'device' ? <SelectAllBox ids={ids} /> : null}
              <button type="button" className="header-button" tabIndex={-1} onClick={() => toggleSort(c.key)} data-sort={c.key} title={t(c.label)}>
                <span className="header-button__label">{t(c.label)}</span>
                {active ? <SortIcon dir={sort.dir} /> : null}
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}

function TableMessage({ children }: { children: React.ReactNode }) {
  return <div className="table-message">{children}</div>;
}

export function SessionsTable() {
  const { t } = useTranslation();
  const app = useUi((s) => s.selectedApp);
  const sort = useUi((s) => s.sort);
  const query = useUi((s) => s.query);
  const statusFilter = useUi((s) => s.statusFilter);
  const filters = useUi((s) => s.filters);
  const selectedId = useUi((s) => s.selectedId);
  const selection = useUi((s) => s.selection);
  const sessions = useWorkspace((s) => (app ? s.sessions.get(app) : undefined));
  const load = useWorkspace((s) => (app ? s.load.get(app) : undefined));
  const appName = useWorkspace((s) => s.apps.find((a) => a.folder === app)?.name ?? app ?? '');
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow();

  const clock = filterClock(now);
  const ids = useMemo(
    () => (sessions ? visibleWithFilters(sessions, sort, query, statusFilter, filters, clock) : []),
    [sessions, sort, query, statusFilter, filters, clock],
  );
  const selectedIndex = useMemo(() => (selectedId ? ids.indexOf(selectedId) : -1), [ids, selectedId]);

  const virtualizer = useVirtualRows({ keys: ids, scrollRef, rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT });

  // Keep the selected row in view when the selection moves (keyboard, neighbour after delete).
  const lastScrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (selectedIndex >= 0 && selectedId !== lastScrolledTo.current) {
      lastScrolledTo.current = selectedId;
      virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    }
  }, [selectedIndex, selectedId, virtualizer]);

  const moveTo = (index: number, extend = false) => {
    if (ids.length === 0) return;
    const clamped = Math.max(0, Math.min(ids.length - 1, index));
    if (extend) extendSelectionTo(ids[clamped]!);
    else selectSession(ids[clamped]!);
    lastScrolledTo.current = null;
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return; // inputs and selects inside rows handle their own keys
    if ((e.metaKey || e.ctrlKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      selectAllVisible();
      return;
    }
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    const page = pageRows(scrollRef.current, ROW_HEIGHT);
    const ref = app && selectedId ? { app, id: selectedId } : null;
    const extend = e.shiftKey;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(selectedIndex < 0 ? 0 : selectedIndex + 1, extend);
        break;
      case 'ArrowUp':
        moveTo(selectedIndex < 0 ? 0 : selectedIndex - 1, extend);
        break;
      case 'PageDown':
        moveTo(selectedIndex + page, extend);
        break;
      case 'PageUp':
        moveTo(selectedIndex - page, extend);
        break;
      case 'Home':
        moveTo(0, extend);
        break;
      case 'End':
        moveTo(ids.length - 1, extend);
        break;
      case 'Escape':
        if (!selection.multi) return;
        clearSelection();
        break;
      case 'Enter':
        if (ref) focusDetails();
        break;
      case ' ':
        if (ref) void toggleStatus(ref);
        break;
      case 'Delete':
      case 'Backspace': {
        const refs = selectedRefs();
        if (refs.length) requestDelete(refs);
        break;
      }
      case 'ContextMenu':
      case 'F10':
        if (e.key === 'F10' && !e.shiftKey) return;
        if (ref) {
          const row = document.getElementById(rowDomId(ref.id))?.getBoundingClientRect();
          openMenu({ x: (row?.left ?? 0) + 40, y: (row?.bottom ?? 0) - 4, ref });
        }
        break;
      default:
        return;
    }
    e.preventDefault();
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
      data-multi={selection.multi ? 'true' : undefined}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => {
        e.preventDefault();
        openMenu({ x: e.clientX, y: e.clientY, ref: null });
      }}
    >
      <HeaderRow ids={ids} />
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
}
