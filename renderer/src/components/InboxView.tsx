// "Needs approval": every pending session of every app, newest first, with Accept /
// Keep pending / Delete per row and for a selection. Live: engine events re-read it.

import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compileFilter } from '../../../shared/session-filter';
import type { SessionRecord, SessionRef } from '../../../shared/types';
import { exportSessions } from '../controller/export-actions';
import {
  acceptPending,
  deletePending,
  inboxClearSelection,
  inboxClick,
  inboxSelectAll,
  keepPending,
  loadInbox,
  undoKeepPending,
} from '../controller/inbox-actions';
import { switchToFolder } from '../controller/folder-actions';
import { notificationPermission, revealSession, setNotifications, useNotifyPref } from '../controller/notifications';
import { osLabel } from '../lib/format';
import { ChangedCell, IpCell } from './RecordCells';
import { useFolders } from '../store/folders';
import { inboxKey, refOfKey, refOfRecord, reviewKey, useInbox } from '../store/inbox';
import { clickKind, coverage } from '../store/selection';
import { useUi } from '../store/ui';
import { useWorkspace } from '../store/workspace';
import { ExportMenu } from './ExportMenu';
import { BellIcon, CheckIcon, InboxIcon, RefreshIcon, Spinner, TrashIcon, UndoIcon } from './Icons';
import { FilterChips, SelectionBar } from './ListHeader';
import { EmptyList, ViewHeader } from './ListParts';
import { useVirtualRows } from './VirtualRows';

function NotifyToggle() {
  const { t } = useTranslation();
  const enabled = useNotifyPref((s) => s.enabled);
  const denied = notificationPermission() === 'denied';
  return (
    <label className="toggle" title={denied ? t('inbox.notifyDenied') : t('inbox.notifyHint')}>
      <input type="checkbox" data-testid="notify-toggle" checked={enabled} onChange={(e) => void setNotifications(e.target.checked)} />
      <BellIcon size={13} />
      <span>{t('inbox.notify')}</span>
    </label>
  );
}

function useRows(): { rows: SessionRecord[]; total: number } {
  const records = useInbox((s) => s.records);
  const reviewed = useInbox((s) => s.reviewed);
  const query = useUi((s) => s.query);
  const filters = useUi((s) => s.filters);
  return useMemo(() => {
    if (!records) return { rows: [], total: 0 };
    const keep = compileFilter({ ...filters, search: query }, Date.now());
    const shown = records.filter(keep);
    // Sessions kept pending on purpose go after the new ones; both newest first (listPending's order).
    const fresh = shown.filter((r) => !reviewed.has(reviewKey(r)));
    const kept = shown.filter((r) => reviewed.has(reviewKey(r)));
    return { rows: [...fresh, ...kept], total: records.length };
  }, [records, reviewed, query, filters]);
}

export const INBOX_ROW_HEIGHT = 38;
const INBOX_HEADER_HEIGHT = 30;

interface InboxRowProps {
  record: SessionRecord;
  order: readonly string[];
  index: number;
  start: number;
  selected: boolean;
  kept: boolean;
  appName: string;
  /** The folder's label; null when only one folder is open (no Folder column). */
  folderLabel: string | null;
  now: number;
}

/** Shows the session in its app's table, switching to its folder first when it is another one. */
async function openInTable(ref: SessionRef, record: SessionRecord): Promise<void> {
  const folder = useFolders.getState().folders.find((f) => f.id === record.folder);
  if (folder && !folder.active) await switchToFolder(folder.id);
  revealSession(ref, record);
}

const InboxRow = memo(function InboxRow({ record, order, index, start, selected, kept, appName, folderLabel, now }: InboxRowProps) {
  const { t } = useTranslation();
  const ref: SessionRef = refOfRecord(record);
  const key = inboxKey(ref);
  const label = record.deviceDescription || record.deviceId || record.id;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`row inbox-row${selected ? ' row--selected inbox-row--selected' : ''}${kept ? ' inbox-row--kept' : ''}${index % 2 ? ' row--odd' : ''}`}
      aria-selected={selected}
      data-testid="inbox-row"
      data-app={record.app}
      data-id={record.id}
      data-folder={record.folder}
      data-kept={kept ? 'true' : 'false'}
      style={{ transform: `translateY(${start}px)` }}
      onMouseDown={(e) => {
        if (e.button !== 0 || (e.target as HTMLElement).closest('button, input')) return;
        if (e.shiftKey) e.preventDefault();
        inboxClick(key, order, clickKind(e));
      }}
      onDoubleClick={() => void openInTable(ref, record)}
    >
      <div role="gridcell" className="cell inbox-row__check">
        <input
          type="checkbox"
          className="row-check"
          tabIndex={-1}
          checked={selected}
          aria-label={t('selection.selectRow', { label })}
          onChange={() => undefined}
          onClick={(e) => inboxClick(key, order, e.shiftKey ? 'range' : 'toggle')}
        />
      </div>
      {folderLabel !== null ? (
        <div role="gridcell" className="cell inbox-row__folder" title={folderLabel}>
          <span className="cell__text">{folderLabel}</span>
        </div>
      ) : null}
      <div role="gridcell" className="cell inbox-row__app" title={record.app}>
        <span className="cell__text">{appName}</span>
      </div>
      <div role="gridcell" className="cell cell--device" title={label}>
        <span className="cell__text">{label}</span>
        {record.simulator ? <span className="tag tag--sim">{t('table.simulator')}</span> : null}
        {kept ? <span className="tag">{t('inbox.keptTag')}</span> : null}
      </div>
      <div role="gridcell" className="cell col--os">
        <span className="cell__text">{osLabel(record)}</span>
      </div>
      <div role="gridcell" className="cell" title={record.email}>
        <span className={`cell__text${record.email ? '' : ' muted'}`}>{record.email || t('table.noEmail')}</span>
      </div>
      <IpCell ip={record.ip} />
      <ChangedCell record={record} now={now} />
      <div role="gridcell" className="cell inbox-row__actions">
        {kept ? (
          <button
            type="button"
            className="icon-button"
            data-testid="inbox-unkeep"
            aria-label={t('inbox.unkeep')}
            title={`${t('inbox.unkeep')} — ${t('inbox.unkeepHint')}`}
            onClick={() => undoKeepPending([ref])}
          >
            <UndoIcon size={14} />
          </button>
        ) : (
          <button type="button" className="button button--small" data-testid="inbox-keep" onClick={() => keepPending([ref])} title={t('inbox.keepHint')}>
            {t('inbox.keep')}
          </button>
        )}
        <button type="button" className="button button--small button--accept" data-testid="inbox-accept" onClick={() => void acceptPending([ref])}>
          <CheckIcon size={11} /> {t('inbox.accept')}
        </button>
        <button type="button" className="icon-button icon-button--danger" data-testid="inbox-delete" aria-label={t('inbox.deleteOne', { label })} title={t('menu.delete')} onClick={() => deletePending([ref])}>
          <TrashIcon size={14} />
        </button>
      </div>
    </div>
  );
});

function InboxSelectionBar({ keys, rows }: { keys: string[]; rows: SessionRecord[] }) {
  const { t } = useTranslation();
  const refs = () => keys.map(refOfKey);
  const records = () => {
    const wanted = new Set(keys);
    return rows.filter((r) => wanted.has(inboxKey(r)));
  };
  return (
    <SelectionBar count={keys.length} onClear={inboxClearSelection}>
      <button type="button" className="button button--small" data-testid="bulk-accept" onClick={() => void acceptPending(refs())}>
        <CheckIcon size={12} /> {t('inbox.accept')}
      </button>
      <button type="button" className="button button--small" data-testid="bulk-keep" onClick={() => keepPending(refs())}>
        {t('inbox.keep')}
      </button>
      <button type="button" className="button button--small button--danger-text" data-testid="bulk-delete" onClick={() => deletePending(refs())}>
        <TrashIcon size={12} /> {t('menu.delete')}
      </button>
      <ExportMenu small count={keys.length} onExport={(format) => exportSessions(records(), format, 'pending-selection')} />
    </SelectionBar>
  );
}

function InboxSelectAll({ order }: { order: readonly string[] }) {
  const { t } = useTranslation();
  const selection = useInbox((s) => s.selection);
  const cover = coverage(selection, order);
  return (
    <input
      type="checkbox"
      className="row-check"
      tabIndex={-1}
      data-testid="inbox-select-all"
      aria-label={t('selection.selectAllVisible')}
      title={t('selection.selectAllVisible')}
      checked={selection.multi && cover === 'all'}
      disabled={order.length === 0}
      ref={(el) => {
        if (el) el.indeterminate = selection.multi && cover === 'some';
      }}
      onChange={() => (selection.multi && cover === 'all' ? inboxClearSelection() : inboxSelectAll(order))}
    />
  );
}

/** The pending sessions as a virtualized grid: the same scroller, rows and cells as the sessions table. */
function InboxGrid({ rows, order }: { rows: SessionRecord[]; order: string[] }) {
  const { t } = useTranslation();
  const selection = useInbox((s) => s.selection);
  const reviewed = useInbox((s) => s.reviewed);
  const apps = useWorkspace((s) => s.apps);
  const folders = useFolders((s) => s.folders);
  const folderLabels = useMemo(() => (folders.length > 1 ? new Map(folders.map((f) => [f.id, f.label])) : null), [folders]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualRows({ keys: order, scrollRef, rowHeight: INBOX_ROW_HEIGHT, headerHeight: INBOX_HEADER_HEIGHT });
  const [now] = useState(() => Date.now());

  // Two apps may share a name (the iOS and Android builds): then the platform tells them apart.
  const names = useMemo(() => {
    const count = new Map<string, number>();
    for (const a of apps) count.set(a.name, (count.get(a.name) ?? 0) + 1);
    const platform = { ios: 'iOS', android: 'Android', unknown: '' } as const;
    return new Map(apps.map((a) => [a.folder, (count.get(a.name) ?? 0) > 1 && platform[a.platform] ? `${a.name} · ${platform[a.platform]}` : a.name]));
  }, [apps]);

  const headers: [string, string][] = [
    ...(folderLabels ? ([['inbox-row__folder', t('inbox.folder')]] as [string, string][]) : []),
    ['inbox-row__app', t('inbox.app')],
    ['cell--device', t('columns.device')],
    ['col--os', t('columns.os')],
    ['', t('columns.email')],
    ['col--ip', t('columns.ip')],
    ['cell--time', t('inbox.requested')],
  ];
  return (
    <div
      ref={scrollRef}
      className={`grid inbox-grid${folderLabels ? ' inbox-grid--folders' : ''}`}
      role="grid"
      aria-label={t('inbox.title')}
      aria-rowcount={rows.length + 1}
      aria-multiselectable="true"
      data-multi={selection.multi ? 'true' : undefined}
      data-testid="inbox-grid"
    >
      <div className="thead" role="rowgroup">
        <div className="row row--header" role="row" aria-rowindex={1}>
          <div role="columnheader" className="cell cell--header inbox-row__check">
            <InboxSelectAll order={order} />
          </div>
          {headers.map(([cls, label]) => (
            <div key={label} role="columnheader" className={`cell cell--header ${cls}`}>
              <span className="header-label" title={label}>
                {label}
              </span>
            </div>
          ))}
          <div role="columnheader" className="cell cell--header inbox-row__actions">
            <span className="visually-hidden">{t('inbox.actions')}</span>
          </div>
        </div>
      </div>
      <div className="tbody" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const r = rows[item.index]!;
          const key = order[item.index]!;
          return (
            <InboxRow
              key={key}
              record={r}
              order={order}
              index={item.index}
              start={item.start - INBOX_HEADER_HEIGHT}
              selected={selection.ids.has(key) && (selection.multi || selection.ids.size === 1)}
              kept={reviewed.has(reviewKey(r))}
              appName={names.get(r.app) ?? r.app}
              folderLabel={folderLabels ? (folderLabels.get(r.folder ?? '') ?? r.folder ?? '') : null}
              now={now}
            />
          );
        })}
      </div>
    </div>
  );
}

export function InboxView() {
  const { t, i18n } = useTranslation();
  const records = useInbox((s) => s.records);
  const loading = useInbox((s) => s.loading);
  const error = useInbox((s) => s.error);
  const selection = useInbox((s) => s.selection);
  const { rows, total } = useRows();
  const order = useMemo(() => rows.map(inboxKey), [rows]);

  useEffect(() => {
    void loadInbox();
  }, []);

  const appCount = useMemo(() => new Set(rows.map((r) => r.app)).size, [rows]);
  const selectedKeys = useMemo(() => order.filter((k) => selection.ids.has(k)), [order, selection]);
  const fmt = (n: number) => n.toLocaleString(i18n.language);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === 'a' && !(e.target instanceof HTMLInputElement && e.target.type !== 'checkbox')) {
      e.preventDefault();
      inboxSelectAll(order);
    } else if (e.key === 'Escape' && selection.ids.size > 0) {
      e.preventDefault();
      inboxClearSelection();
    }
  };

  return (
    <section className="inbox" data-testid="inbox-view" aria-labelledby="inbox-title" onKeyDown={onKeyDown}>
      <ViewHeader
        id="inbox-title"
        title={t('inbox.title')}
        intro={
          <p className="muted" data-testid="inbox-summary">
            {total === 0 ? t('inbox.summaryNone') : t('inbox.summary', { count: rows.length, formatted: fmt(rows.length), apps: appCount })}
          </p>
        }
        actions={
          <>
            <NotifyToggle />
            <button type="button" className="button button--small button--icon-small" aria-label={t('toolbar.refresh')} title={t('toolbar.refresh')} onClick={() => void loadInbox()}>
              {loading ? <Spinner /> : <RefreshIcon size={13} />}
            </button>
            <ExportMenu small count={rows.length} onExport={(format) => exportSessions(rows, format, 'pending')} />
          </>
        }
      />
      {selection.multi && selectedKeys.length > 0 ? (
        <InboxSelectionBar keys={selectedKeys} rows={rows} />
      ) : (
        <div className="list-header list-header--quiet">
          <span className="list-header__meta">{t('inbox.hint')}</span>
          <FilterChips inbox />
        </div>
      )}
      {error ? (
        <p className="field-error inbox__error" role="alert">
          {error}
        </p>
      ) : null}
      {records === null ? (
        <div className="table-message">
          <Spinner /> <span>{t('empty.loadingSessions')}</span>
        </div>
      ) : rows.length === 0 ? (
        <EmptyList icon={<InboxIcon size={26} />} title={total === 0 ? t('inbox.emptyTitle') : t('empty.noMatch')} text={total === 0 ? t('inbox.emptyText') : null} testId="inbox-empty" />
      ) : (
        <InboxGrid rows={rows} order={order} />
      )}
    </section>
  );
}
