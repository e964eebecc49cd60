// Bottom line: the folder, how many sessions are shown, and how the folder is watched.

import { useTranslation } from 'react-i18next';
import { visibleIds } from '../store/session-view';
import { useUi } from '../store/ui';
import { useWorkspace } from '../store/workspace';

function ShownCount() {
  const { t, i18n } = useTranslation();
  const app = useUi((s) => s.selectedApp);
  const view = useUi((s) => s.view);
  const sort = useUi((s) => s.sort);
  const query = useUi((s) => s.query);
  const statusFilter = useUi((s) => s.statusFilter);
  const sessions = useWorkspace((s) => (app ? s.sessions.get(app) : undefined));
  if (!sessions || view !== 'sessions') return null;
  const total = sessions.records.size;
  const shown = visibleIds(sessions, sort, query, statusFilter).length;
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  return (
    <span data-testid="shown-count">
      {shown === total ? t('table.rows', { count: total, formatted: fmt(total) }) : t('table.shownOf', { shown: fmt(shown), total: fmt(total) })}
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
        {state.phase === 'ready' ? (
          <span className={`statusbar__watch statusbar__watch--${state.watchMode}`}>{state.watchMode === 'polling' ? t('status_bar.polling') : t('status_bar.live')}</span>
        ) : null}
      </span>
    </footer>
  );
}
