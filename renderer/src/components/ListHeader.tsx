// The bar above the sessions table. Normally: the app, how many rows show, the
// active filters as removable chips, Clean up… and Export. With a selection: the
// selection bar (N selected · Accept · Hold · Delete… · Export · Clear).

import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { exportSessions } from '../controller/export-actions';
import { selectedRefs } from '../controller/selection-actions';
import { requestDelete, setStatus } from '../controller/session-actions';
import type { ExtraFilters } from '../store/filters';
import type { SessionRecord } from '../../../shared/types';
import { clearSelection, openDialog, resetFilters, setFilters, setQuery, setStatusFilter, useUi } from '../store/ui';
import { currentVisibleRecords, filterClock, visibleWithFilters } from '../store/visible';
import { getRecord, useWorkspace } from '../store/workspace';
import { ExportMenu } from './ExportMenu';
import { BroomIcon, CheckIcon, CloseIcon, TrashIcon } from './Icons';

interface Chip {
  key: string;
  label: string;
  clear: () => void;
}

function chipsOf(t: TFunction, status: string, f: ExtraFilters, query: string): Chip[] {
  const chips: Chip[] = [];
  if (query.trim()) chips.push({ key: 'search', label: t('filters.chipSearch', { text: query.trim() }), clear: () => setQuery('') });
  if (status !== 'all') chips.push({ key: 'status', label: `${t('filters.status')}: ${t(`status.${status}`)}`, clear: () => setStatusFilter('all') });
  if (f.platform) chips.push({ key: 'platform', label: `${t('filters.platform')}: ${{ ios: 'iOS', ipados: 'iPadOS', android: 'Android' }[f.platform]}`, clear: () => setFilters({ platform: undefined }) });
  if (f.simulator !== undefined)
    chips.push({ key: 'simulator', label: f.simulator ? t('filters.simulatorsOnly') : t('filters.devicesOnly'), clear: () => setFilters({ simulator: undefined }) });
  if (f.appVersion) chips.push({ key: 'appVersion', label: `${t('filters.appVersion')}: ${f.appVersion}`, clear: () => setFilters({ appVersion: undefined }) });
  if (f.language) chips.push({ key: 'language', label: `${t('filters.language')}: ${f.language}`, clear: () => setFilters({ language: undefined }) });
  if (f.olderThanDays !== undefined)
    chips.push({ key: 'age', label: t('filters.chipOlder', { count: f.olderThanDays }), clear: () => setFilters({ olderThanDays: undefined }) });
  return chips;
}

export function FilterChips({ inbox }: { inbox?: boolean }) {
  const { t } = useTranslation();
  const status = useUi((s) => s.statusFilter);
  const filters = useUi((s) => s.filters);
  const query = useUi((s) => s.query);
  // The inbox only holds pending sessions: the status filter does not apply there.
  const chips = chipsOf(t, inbox ? 'all' : status, filters, query);
  if (chips.length === 0) return null;
  return (
    <ul className="chips" aria-label={t('filters.active')} data-testid="filter-chips">
      {chips.map((c) => (
        <li key={c.key} className="chip" data-chip={c.key}>
          <span className="chip__label">{c.label}</span>
          <button type="button" className="chip__remove" aria-label={t('filters.removeChip', { label: c.label })} onClick={c.clear}>
            <CloseIcon size={9} />
          </button>
        </li>
      ))}
      {chips.length > 1 ? (
        <li>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setQuery('');
              resetFilters();
            }}
          >
            {t('filters.clearAll')}
          </button>
        </li>
      ) : null}
    </ul>
  );
}

/** "N selected" with the bulk actions; shared by the sessions table and the inbox. */
export function SelectionBar({ count, children, onClear }: { count: number; children: React.ReactNode; onClear: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="list-header list-header--selection" role="toolbar" aria-label={t('selection.toolbar')} data-testid="selection-bar">
      <span className="list-header__count" data-testid="selection-count">
        {t('selection.count', { count, formatted: count.toLocaleString(i18n.language) })}
      </span>
      <div className="list-header__actions">{children}</div>
      <span className="list-header__spacer" />
      <button type="button" className="button button--small" data-testid="selection-clear" onClick={onClear} title={t('selection.clearHint')}>
        <CloseIcon size={10} /> {t('selection.clear')}
      </button>
    </div>
  );
}

function selectedRecords(): SessionRecord[] {
  return selectedRefs()
    .map((r) => getRecord(r.app, r.id))
    .filter((r): r is SessionRecord => r !== undefined);
}

function SessionsSelectionBar({ count, appName }: { count: number; appName: string }) {
  const { t } = useTranslation();
  return (
    <SelectionBar count={count} onClear={clearSelection}>
      <button type="button" className="button button--small" data-testid="bulk-accept" onClick={() => void setStatus(selectedRefs(), 'accepted')}>
        <CheckIcon size={12} /> {t('menu.accept')}
      </button>
      <button type="button" className="button button--small" data-testid="bulk-hold" onClick={() => void setStatus(selectedRefs(), 'pending')}>
        {t('menu.hold')}
      </button>
      <button type="button" className="button button--small button--danger-text" data-testid="bulk-delete" onClick={() => requestDelete(selectedRefs())}>
        <TrashIcon size={12} /> {t('menu.delete')}
      </button>
      <ExportMenu small count={count} onExport={(format) => exportSessions(selectedRecords(), format, `${appName}-selection`)} />
    </SelectionBar>
  );
}

export function ListHeader() {
  const { t, i18n } = useTranslation();
  const app = useUi((s) => s.selectedApp);
  const selection = useUi((s) => s.selection);
  const sort = useUi((s) => s.sort);
  const query = useUi((s) => s.query);
  const status = useUi((s) => s.statusFilter);
  const filters = useUi((s) => s.filters);
  const sessions = useWorkspace((s) => (app ? s.sessions.get(app) : undefined));
  const appName = useWorkspace((s) => s.apps.find((a) => a.folder === app)?.name ?? app ?? '');
  if (!app) return null;
  if (selection.multi && selection.ids.size > 0) return <SessionsSelectionBar count={selection.ids.size} appName={appName} />;
  const shown = sessions ? visibleWithFilters(sessions, sort, query, status, filters, filterClock()).length : 0;
  const total = sessions?.records.size ?? 0;
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  return (
    <div className="list-header" data-testid="list-header">
      <h2 className="list-header__title">{appName}</h2>
      <span className="list-header__meta">{shown === total ? t('table.rows', { count: total, formatted: fmt(total) }) : t('table.shownOf', { shown: fmt(shown), total: fmt(total) })}</span>
      <FilterChips />
      <span className="list-header__spacer" />
      <button type="button" className="button button--small" data-testid="cleanup-button" onClick={() => openDialog({ kind: 'cleanup' })} title={t('cleanup.hint')}>
        <BroomIcon size={12} /> {t('cleanup.button')}
      </button>
      <ExportMenu small count={shown} onExport={(format) => exportSessions(currentVisibleRecords(), format, appName)} />
    </div>
  );
}
