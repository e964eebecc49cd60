// "Needs approval": every pending session of every app, newest first, with Accept /
// Keep pending / Delete per row and for a selection. Live: engine events re-read it.

import { useEffect, useMemo, useRef } from 'react';
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
import { notificationPermission, revealSession, setNotifications, useNotifyPref } from '../controller/notifications';
import { absoluteTime, ipLabel, osLabel, relativeTime } from '../lib/format';
import { inboxKey, refOfKey, reviewKey, useInbox } from '../store/inbox';
import { clickKind, coverage } from '../store/selection';
import { useUi } from '../store/ui';
import { useWorkspace } from '../store/workspace';
import { ExportMenu } from './ExportMenu';
import { BellIcon, CheckIcon, InboxIcon, RefreshIcon, Spinner, TrashIcon } from './Icons';
import { FilterChips, SelectionBar } from './ListHeader';

const SHOWN_ROWS = 1000;

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

function InboxRow({ record, order, selected, kept, appName, now }: { record: SessionRecord; order: string[]; selected: boolean; kept: boolean; appName: string; now: number }) {
  const { t, i18n } = useTranslation();
  const ref: SessionRef = { app: record.app, id: record.id };
  const key = inboxKey(ref);
  const label = record.deviceDescription || record.deviceId || record.id;
  return (
    <tr
      className={`inbox-row${selected ? ' inbox-row--selected' : ''}${kept ? ' inbox-row--kept' : ''}`}
      aria-selected={selected}
      data-testid="inbox-row"
      data-app={record.app}
      data-id={record.id}
      data-kept={kept ? 'true' : 'false'}
      onMouseDown={(e) => {
        if (e.button !== 0 || (e.target as HTMLElement).closest('button, input')) return;
        if (e.shiftKey) e.preventDefault();
        inboxClick(key, order, clickKind(e));
      }}
      onDoubleClick={() => revealSession(ref, record)}
    >
      <td className="inbox-row__check">
        <input
          type="checkbox"
          className="row-check"
          checked={selected}
          aria-label={t('selection.selectRow', { label })}
          onChange={() => undefined}
          onClick={(e) => inboxClick(key, order, e.shiftKey ? 'range' : 'toggle')}
        />
      </td>
      <td className="inbox-row__app" title={record.app}>
        {appName}
      </td>
      <td title={label}>
        <span className="inbox-row__device">{label}</span>
        {record.simulator ? <span className="tag tag--sim">{t('table.simulator')}</span> : null}
        {kept ? <span className="tag">{t('inbox.keptTag')}</span> : null}
      </td>
      <td>{osLabel(record)}</td>
      <td title={record.email}>{record.email || <span className="muted">{t('table.noEmail')}</span>}</td>
      <td className="mono" title={record.ip}>
        {ipLabel(record.ip)}
      </td>
      <td className="nowrap muted">
        <time dateTime={new Date(record.mtimeMs).toISOString()} title={absoluteTime(record.mtimeMs, i18n.language)}>
          {relativeTime(record.mtimeMs, now, i18n.language, t('time.justNow'))}
        </time>
      </td>
      <td className="inbox-row__actions">
        <button type="button" className="button button--small button--accept" data-testid="inbox-accept" onClick={() => void acceptPending([ref])}>
          <CheckIcon size={11} /> {t('inbox.accept')}
        </button>
        {kept ? (
          <button type="button" className="button button--small" data-testid="inbox-unkeep" onClick={() => undoKeepPending([ref])} title={t('inbox.unkeepHint')}>
            {t('inbox.unkeep')}
          </button>
        ) : (
          <button type="button" className="button button--small" data-testid="inbox-keep" onClick={() => keepPending([ref])} title={t('inbox.keepHint')}>
            {t('inbox.keep')}
          </button>
        )}
        <button type="button" className="icon-button icon-button--danger" data-testid="inbox-delete" aria-label={t('inbox.deleteOne', { label })} title={t('menu.delete')} onClick={() => deletePending([ref])}>
          <TrashIcon size={14} />
        </button>
      </td>
    </tr>
  );
}

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

export function InboxView() {
  const { t, i18n } = useTranslation();
  const records = useInbox((s) => s.records);
  const loading = useInbox((s) => s.loading);
  const error = useInbox((s) => s.error);
  const selection = useInbox((s) => s.selection);
  const reviewed = useInbox((s) => s.reviewed);
  const apps = useWorkspace((s) => s.apps);
  const { rows, total } = useRows();
  const order = useMemo(() => rows.map(inboxKey), [rows]);
  const tableRef = useRef<HTMLTableElement>(null);
  const now = Date.now();

  useEffect(() => {
    void loadInbox();
  }, []);

  // Two apps may share a name (the iOS and Android builds): then the platform tells them apart.
  const names = useMemo(() => {
    const count = new Map<string, number>();
    for (const a of apps) count.set(a.name, (count.get(a.name) ?? 0) + 1);
    const platform = { ios: 'iOS', android: 'Android', unknown: '' } as const;
    return new Map(apps.map((a) => [a.folder, (count.get(a.name) ?? 0) > 1 && platform[a.platform] ? `${a.name} · ${platform[a.platform]}` : a.name]));
  }, [apps]);
  const appCount = useMemo(() => new Set(rows.map((r) => r.app)).size, [rows]);
  const selectedKeys = order.filter((k) => selection.ids.has(k));
  const cover = coverage(selection, order);
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
      <header className="view-header">
        <div className="view-header__text">
          <h2 id="inbox-title">{t('inbox.title')}</h2>
          <p className="muted" data-testid="inbox-summary">
            {total === 0 ? t('inbox.summaryNone') : t('inbox.summary', { count: rows.length, formatted: fmt(rows.length), apps: appCount })}
          </p>
        </div>
        <div className="view-header__actions">
          <NotifyToggle />
          <button type="button" className="button button--small button--icon-small" aria-label={t('toolbar.refresh')} title={t('toolbar.refresh')} onClick={() => void loadInbox()}>
            {loading ? <Spinner /> : <RefreshIcon size={13} />}
          </button>
          <ExportMenu small count={rows.length} onExport={(format) => exportSessions(rows, format, 'pending')} />
        </div>
      </header>
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
        <div className="inbox__empty" data-testid="inbox-empty">
          <div className="empty-state__icon">
            <InboxIcon size={26} />
          </div>
          <strong>{total === 0 ? t('inbox.emptyTitle') : t('empty.noMatch')}</strong>
          {total === 0 ? <span className="muted">{t('inbox.emptyText')}</span> : null}
        </div>
      ) : (
        <div className="inbox__scroll">
          <table className="inbox-table inbox-table--fixed" ref={tableRef} aria-multiselectable="true" aria-label={t('inbox.title')}>
            <colgroup>
              <col className="col-check" />
              <col className="col-app" />
              <col className="col-device" />
              <col className="col-os" />
              <col className="col-email" />
              <col className="col-ip" />
              <col className="col-time" />
              <col className="col-actions" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col" className="inbox-row__check">
                  <input
                    type="checkbox"
                    className="row-check"
                    data-testid="inbox-select-all"
                    aria-label={t('selection.selectAllVisible')}
                    checked={selection.multi && cover === 'all'}
                    ref={(el) => {
                      if (el) el.indeterminate = selection.multi && cover === 'some';
                    }}
                    onChange={() => (selection.multi && cover === 'all' ? inboxClearSelection() : inboxSelectAll(order))}
                  />
                </th>
                <th scope="col">{t('inbox.app')}</th>
                <th scope="col">{t('columns.device')}</th>
                <th scope="col">{t('columns.os')}</th>
                <th scope="col">{t('columns.email')}</th>
                <th scope="col">{t('columns.ip')}</th>
                <th scope="col">{t('inbox.requested')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('inbox.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, SHOWN_ROWS).map((r) => {
                const key = inboxKey(r);
                return (
                  <InboxRow
                    key={key}
                    record={r}
                    order={order}
                    selected={selection.ids.has(key) && (selection.multi || selection.ids.size === 1)}
                    kept={reviewed.has(reviewKey(r))}
                    appName={names.get(r.app) ?? r.app}
                    now={now}
                  />
                );
              })}
            </tbody>
          </table>
          {rows.length > SHOWN_ROWS ? <p className="muted mini-table__more">{t('inbox.more', { shown: fmt(SHOWN_ROWS), total: fmt(rows.length) })}</p> : null}
        </div>
      )}
    </section>
  );
}
