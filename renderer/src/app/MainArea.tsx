// The centre of the window: a welcome / error / scanning state, the problems, or the sessions.

import { useTranslation } from 'react-i18next';
import { openDemo, openFolder } from '../controller/connection';
import { useUi } from '../store/ui';
import { useWorkspace } from '../store/workspace';
import { ActivityView } from '../features/activity/ActivityView';
import { DetailsPanel } from '../features/sessions/DetailsPanel';
import { InboxView } from '../features/inbox/InboxView';
import { ListHeader } from '../features/sessions/ListHeader';
import { FolderIcon, Spinner, WarningIcon } from '../ui/Icons';
import { ProblemsView } from '../features/problems/ProblemsView';
import { SessionsTable } from '../features/sessions/SessionsTable';
import { SearchResults, useSearchResultsShown } from '../features/sessions/SearchResults';
import { OverwrittenBanner } from '../features/sessions/overwritten/OverwrittenBanner';

function DemoBanner() {
  const { t } = useTranslation();
  return (
    <div className="banner" role="note" data-testid="demo-banner">
      <span>{t('banner.demo')}</span>
      <button type="button" className="button button--small" onClick={() => void openFolder()}>
        <FolderIcon size={12} /> {t('banner.demoAction')}
      </button>
    </div>
  );
}

function EmptyState({
  tone,
  title,
  text,
  children,
}: {
  tone?: 'error';
  title: string;
  text?: string | null;
  children?: React.ReactNode;
}) {
  return (
    <div
      className={`empty-state${tone ? ` empty-state--${tone}` : ''}`}
      data-testid={tone === 'error' ? 'error-state' : 'empty-state'}
      role={tone === 'error' ? 'alert' : undefined}
    >
      <div className="empty-state__icon">{tone === 'error' ? <WarningIcon size={28} /> : <FolderIcon size={28} />}</div>
      <h2>{title}</h2>
      {text ? <p>{text}</p> : null}
      <div className="empty-state__actions">{children}</div>
    </div>
  );
}

/**
 * The few facts of the engine state this frame depends on. The state object itself is
 * replaced on every count change (100s of times during a bulk action): taking it whole
 * re-rendered everything below on each of those events.
 */
function useFrameState() {
  const hasState = useWorkspace((s) => s.state !== null);
  const phase = useWorkspace((s) => s.state?.phase ?? 'none');
  const error = useWorkspace((s) => s.state?.error ?? null);
  const root = useWorkspace((s) => s.state?.root ?? null);
  const isDemo = useWorkspace((s) => s.state?.isDemo ?? false);
  const hasApps = useWorkspace((s) => (s.state?.apps.length ?? 0) > 0);
  return hasState ? { phase, error, root, isDemo, hasApps } : null;
}

export function MainArea() {
  const { t } = useTranslation();
  const state = useFrameState();
  const view = useUi((s) => s.view);
  // The panel takes room only while it has something to show: a selected session (and the user did not close it).
  const detailsOpen = useUi((s) => s.detailsOpen && s.selectedId !== null);
  const showSearchResults = useSearchResultsShown();

  if (!state) {
    return (
      <main className="main main--center">
        <Spinner size={20} />
      </main>
    );
  }
  if (state.phase === 'error' || state.phase === 'none') {
    const isError = state.phase === 'error';
    return (
      <main className="main main--center">
        <EmptyState
          tone={isError ? 'error' : undefined}
          title={isError ? t('empty.errorTitle') : t('empty.noFolderTitle')}
          text={isError ? state.error : t('empty.noFolderText')}
        >
          <button type="button" className="button button--primary" onClick={() => void openFolder()}>
            <FolderIcon size={14} /> {t('toolbar.openFolder')}
          </button>
          <button type="button" className="button" onClick={() => void openDemo()}>
            {t('empty.openDemo')}
          </button>
        </EmptyState>
        {isError && state.root ? <code className="muted">{state.root}</code> : null}
      </main>
    );
  }
  if (state.phase === 'scanning' && !state.hasApps) {
    return (
      <main className="main main--center">
        <Spinner size={20} />
        <p className="muted">{t('empty.scanning')}</p>
      </main>
    );
  }
  return (
    <main className="main">
      {state.isDemo ? <DemoBanner /> : null}
      <OverwrittenBanner />
      {view === 'problems' ? (
        <ProblemsView />
      ) : view === 'inbox' ? (
        <InboxView />
      ) : view === 'activity' ? (
        <ActivityView />
      ) : (
        <div className={`sessions-pane${detailsOpen ? '' : ' sessions-pane--full'}`}>
          <div className="sessions-column">
            <ListHeader />
            {showSearchResults ? <SearchResults /> : <SessionsTable />}
          </div>
          {detailsOpen ? <DetailsPanel /> : null}
        </div>
      )}
    </main>
  );
}
