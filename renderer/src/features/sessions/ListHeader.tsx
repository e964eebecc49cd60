// The bar above the sessions table. Normally: the app, how many rows show, the
// active filters as removable chips, Clean up… and Export. With a selection: the
// selection bar (N selected · Accept · Hold · Delete… · Export · Clear).

import { useTranslation } from 'react-i18next';
import { useShownSessions } from '../../store/view-prepare';
import { openDialog, useUi } from '../../store/ui';
import { currentVisibleRecords, filterClock, visibleWithFilters } from '../../store/visible';
import { useWorkspace } from '../../store/workspace';
import { BroomIcon } from '../../ui/Icons';
import { exportSessions } from '../export/export-actions';
import { ExportMenu } from '../export/ExportMenu';
import { FilterChips } from '../filters/FilterChips';
import { SessionsSelectionBar } from './SessionsSelectionBar';
import { SearchScopeToggle, allAppsFoundText, useAllAppsFound } from './SearchResults';

export function ListHeader() {
  const { t, i18n } = useTranslation();
  const app = useUi((s) => s.selectedApp);
  const selection = useUi((s) => s.selection);
  const sort = useUi((s) => s.sort);
  const query = useUi((s) => s.query);
  const status = useUi((s) => s.statusFilter);
  const filters = useUi((s) => s.filters);
  const sessions = useShownSessions(app);
  const appName = useWorkspace((s) => s.apps.find((a) => a.folder === app)?.name ?? app ?? '');
  // While the sessions load (or their order is prepared), the engine's count says how many there are.
  const known = useWorkspace((s) => s.apps.find((a) => a.folder === app)?.counts.total ?? 0);
  // "All apps": the list shows the matches of every app, so the header names and counts those.
  const allApps = useAllAppsFound();
  if (!app) return null;
  if (selection.multi && selection.ids.size > 0)
    return <SessionsSelectionBar count={selection.ids.size} appName={appName} />;
  let shown = sessions ? visibleWithFilters(sessions, sort, query, status, filters, filterClock()).length : 0;
  const total = sessions?.records.size ?? known;
  if (!sessions) shown = total;
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  return (
    <div className="list-header" data-testid="list-header">
      <h2 className="list-header__title">{allApps ? t('search.scopeAll') : appName}</h2>
      <span className="list-header__meta" data-testid="list-header-count">
        {allApps
          ? allAppsFoundText(allApps, t, i18n.language)
          : shown === total
            ? t('table.rows', { count: total, formatted: fmt(total) })
            : t('table.shownOf', { shown: fmt(shown), total: fmt(total) })}
      </span>
      {query.trim() ? <SearchScopeToggle /> : null}
      <FilterChips />
      <span className="list-header__spacer" />
      <button
        type="button"
        className="button button--small"
        data-testid="cleanup-button"
        onClick={() => openDialog({ kind: 'cleanup' })}
        title={t('cleanup.hint')}
      >
        <BroomIcon size={12} /> {t('cleanup.button')}
      </button>
      {/* Export writes this app's rows: offered with the table, not over the matches of every app. */}
      {allApps ? null : (
        <ExportMenu
          small
          count={shown}
          onExport={(format) => exportSessions(currentVisibleRecords(), format, appName)}
        />
      )}
    </div>
  );
}
