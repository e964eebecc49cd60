// "Needs approval": every pending session of every app, newest first, with Accept /
// Keep pending / Delete per row and for a selection. Live: engine events re-read it.

import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { compileFilter } from '../../../../shared/session-filter';
import type { SessionRecord } from '../../../../shared/types';
import { useUi } from '../../store/ui';
import { InboxIcon, RefreshIcon, Spinner } from '../../ui/Icons';
import { EmptyList, ViewHeader } from '../../ui/ListParts';
import { exportSessions } from '../export/export-actions';
import { ExportMenu } from '../export/ExportMenu';
import { FilterChips } from '../filters/FilterChips';
import { inboxClearSelection, inboxSelectAll, loadInbox } from './inbox-actions';
import { inboxKey, reviewKey, useInbox } from './inbox-store';
import { InboxGrid } from './InboxGrid';
import { InboxSelectionBar } from './InboxSelectionBar';
import { NotifyToggle } from './NotifyToggle';

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
    if (
      (e.metaKey || e.ctrlKey) &&
      e.key.toLowerCase() === 'a' &&
      !(e.target instanceof HTMLInputElement && e.target.type !== 'checkbox')
    ) {
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
            {total === 0
              ? t('inbox.summaryNone')
              : t('inbox.summary', { count: rows.length, formatted: fmt(rows.length), apps: appCount })}
          </p>
        }
        actions={
          <>
            <NotifyToggle />
            <button
              type="button"
              className="button button--small button--icon-small"
              aria-label={t('toolbar.refresh')}
              title={t('toolbar.refresh')}
              onClick={() => void loadInbox()}
            >
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
        <EmptyList
          icon={<InboxIcon size={26} />}
          title={total === 0 ? t('inbox.emptyTitle') : t('empty.noMatch')}
          text={total === 0 ? t('inbox.emptyText') : null}
          testId="inbox-empty"
        />
      ) : (
        <InboxGrid rows={rows} order={order} />
      )}
    </section>
  );
}
