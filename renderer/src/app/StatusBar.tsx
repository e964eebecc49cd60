// Bottom line: the folder, how many sessions are shown, and how the folder is watched.

import { useTranslation } from 'react-i18next';
import { LanguagePicker } from './LanguagePicker';
import { useShownSessions } from '../store/view-prepare';
import { filterClock, visibleWithFilters } from '../store/visible';
import { useUi } from '../store/ui';
import { useWorkspace } from '../store/workspace';
import { WatchModeControl } from '../features/folders/WatchModeControl';
import { allAppsFoundText, useAllAppsFound } from '../features/sessions/SearchResults';

function ShownCount() {
  const { t, i18n } = useTranslation();
  const app = useUi((s) => s.selectedApp);
  const view = useUi((s) => s.view);
  const sort = useUi((s) => s.sort);
  const query = useUi((s) => s.query);
  const statusFilter = useUi((s) => s.statusFilter);
  const filters = useUi((s) => s.filters);
  const sessions = useShownSessions(app);
  const allApps = useAllAppsFound();
  // "All apps": the matches of every app replace the table, and so does their count.
  if (allApps) return <span data-testid="shown-count">{allAppsFoundText(allApps, t, i18n.language)}</span>;
  if (!sessions || view !== 'sessions') return null;
  const total = sessions.records.size;
  // The same rows as the table and the list header's "4 of 15": search, status and the Filters panel.
  const shown = visibleWithFilters(sessions, sort, query, statusFilter, filters, filterClock()).length;
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  return (
    <span data-testid="shown-count">
      {shown === total
        ? t('table.rows', { count: total, formatted: fmt(total) })
        : t('table.shownOf', { shown: fmt(shown), total: fmt(total) })}
    </span>
  );
}

export function StatusBar() {
  const { t } = useTranslation();
  const state = useWorkspace((s) => s.state);
  if (!state) return <footer className="statusbar" />;
  return (
    <footer className="statusbar">
      <span className="statusbar__path" title={state.root ?? ''}>
        {state.isDemo ? <span className="tag">{t('status_bar.demo')}</span> : null} {state.root ?? ''}
      </span>
      <span className="statusbar__right">
        <ShownCount />
        {state.phase === 'ready' ? <WatchModeControl state={state} /> : null}
        {state.host === 'browser' ? <LanguagePicker /> : null}
      </span>
    </footer>
  );
}
