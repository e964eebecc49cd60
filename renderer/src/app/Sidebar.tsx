// The apps of the open folder, then the Problems entry.

import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppFolder } from '../../../shared/types';
import { useFolders } from '../features/folders/folders-store';
import { selectApp, showProblems, showView, useUi } from '../store/ui';
import { useWorkspace } from '../store/workspace';
import { FoldersSection } from '../features/folders/FoldersSection';
import { ActivityIcon, AndroidIcon, AppleDeviceIcon, InboxIcon, UnknownAppIcon, WarningIcon } from '../ui/Icons';

export function PlatformIcon({ platform, size }: { platform: AppFolder['platform']; size?: number }) {
  const { t } = useTranslation();
  const label =
    platform === 'ios'
      ? t('sidebar.platformIos')
      : platform === 'android'
        ? t('sidebar.platformAndroid')
        : t('sidebar.platformUnknown');
  const Icon = platform === 'ios' ? AppleDeviceIcon : platform === 'android' ? AndroidIcon : UnknownAppIcon;
  return (
    <span className={`platform-icon platform-icon--${platform}`} role="img" aria-label={label} title={label}>
      <Icon size={size ?? 16} />
    </span>
  );
}

/** Team id, "Android" (Android apps send none), or "no team" (FAKETEAMID / missing). */
function teamLabel(app: AppFolder, t: (k: string) => string): string {
  if (app.teamId && !app.fakeTeam) return app.teamId;
  if (app.platform === 'android') return t('sidebar.android');
  return t('sidebar.noTeam');
}

const AppItem = memo(function AppItem({ app, selected }: { app: AppFolder; selected: boolean }) {
  const { t, i18n } = useTranslation();
  const { total, pending } = app.counts;
  return (
    <li>
      <button
        type="button"
        className={`app-item${selected ? ' app-item--selected' : ''}`}
        aria-current={selected ? 'page' : undefined}
        data-testid="app-item"
        data-app={app.folder}
        title={`${app.name}\n${app.folder}`}
        onClick={() => selectApp(app.folder)}
      >
        <PlatformIcon platform={app.platform} size={18} />
        <span className="app-item__text">
          <span className="app-item__line">
            <span className="app-item__name">{app.name}</span>
            <span className="app-item__badges">
              {pending > 0 ? (
                <span
                  className="badge badge--pending"
                  data-testid="app-pending"
                  title={t('sidebar.pending', { count: pending })}
                  aria-label={t('sidebar.pending', { count: pending })}
                >
                  {pending.toLocaleString(i18n.language)}
                </span>
              ) : null}
              <span
                className="badge"
                data-testid="app-total"
                title={t('sidebar.total', { count: total })}
                aria-label={t('sidebar.total', { count: total })}
              >
                {total.toLocaleString(i18n.language)}
              </span>
            </span>
          </span>
          <span className="app-item__meta">{app.bundleId}</span>
          <span className="app-item__meta">{teamLabel(app, t)}</span>
        </span>
      </button>
    </li>
  );
});

function InboxItem({ selected }: { selected: boolean }) {
  const { t, i18n } = useTranslation();
  const own = useWorkspace((s) => s.apps.reduce((n, a) => n + a.counts.pending, 0));
  // The inbox spans every open folder: with several open, their pending counts add up.
  const all = useFolders((s) => (s.folders.length > 1 ? s.folders.reduce((n, f) => n + f.pending, 0) : null));
  const pending = all ?? own;
  return (
    <button
      type="button"
      className={`app-item app-item--nav${selected ? ' app-item--selected' : ''}`}
      aria-current={selected ? 'page' : undefined}
      data-testid="inbox-item"
      onClick={() => showView('inbox')}
    >
      <span className={`platform-icon${pending ? ' platform-icon--pending' : ''}`}>
        <InboxIcon size={17} />
      </span>
      <span className="app-item__text">
        <span className="app-item__name">{t('sidebar.inbox')}</span>
      </span>
      <span className="app-item__badges">
        {pending > 0 ? (
          <span
            className="badge badge--pending badge--strong"
            data-testid="inbox-count"
            aria-label={t('sidebar.pending', { count: pending })}
          >
            {pending.toLocaleString(i18n.language)}
          </span>
        ) : (
          <span className="badge" data-testid="inbox-count" aria-label={t('sidebar.pending', { count: 0 })}>
            0
          </span>
        )}
      </span>
    </button>
  );
}

/** Up/Down (Home/End) move the focus between the apps of the list, as in a native source list. */
function moveAmongApps(e: React.KeyboardEvent<HTMLUListElement>): void {
  const keys: Record<string, (i: number, n: number) => number> = {
    ArrowDown: (i, n) => Math.min(n - 1, i + 1),
    ArrowUp: (i) => Math.max(0, i - 1),
    Home: () => 0,
    End: (_, n) => n - 1,
  };
  const move = keys[e.key];
  if (!move || e.altKey || e.metaKey || e.ctrlKey) return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>(':scope > li > button')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  e.preventDefault();
  buttons[move(at, buttons.length)]?.focus();
}

export function Sidebar() {
  const { t } = useTranslation();
  const apps = useWorkspace((s) => s.apps);
  const problems = useWorkspace((s) => s.problems.length);
  const phase = useWorkspace((s) => s.state?.phase);
  const selectedApp = useUi((s) => s.selectedApp);
  const view = useUi((s) => s.view);

  return (
    <nav className="sidebar" aria-label={t('sidebar.apps')}>
      <FoldersSection />
      {phase === 'ready' || phase === 'scanning' ? <InboxItem selected={view === 'inbox'} /> : null}
      <div className="sidebar__heading" id="sidebar-apps-heading">
        {t('sidebar.apps')}
      </div>
      {apps.length === 0 && phase === 'ready' ? (
        <div className="sidebar__empty" data-testid="no-apps">
          <strong>{t('sidebar.noApps')}</strong>
          <span>{t('sidebar.noAppsHint')}</span>
        </div>
      ) : (
        <ul className="sidebar__list" aria-labelledby="sidebar-apps-heading" onKeyDown={moveAmongApps}>
          {apps.map((app) => (
            <AppItem key={app.folder} app={app} selected={view === 'sessions' && app.folder === selectedApp} />
          ))}
        </ul>
      )}
      <div className="sidebar__spacer" />
      <button
        type="button"
        className={`app-item app-item--problems${view === 'activity' ? ' app-item--selected' : ''}`}
        aria-current={view === 'activity' ? 'page' : undefined}
        data-testid="activity-item"
        onClick={() => showView('activity')}
      >
        <span className="platform-icon">
          <ActivityIcon size={17} />
        </span>
        <span className="app-item__text">
          <span className="app-item__name">{t('sidebar.activity')}</span>
        </span>
      </button>
      <button
        type="button"
        className={`app-item app-item--problems${view === 'problems' ? ' app-item--selected' : ''}`}
        aria-current={view === 'problems' ? 'page' : undefined}
        data-testid="problems-item"
        onClick={showProblems}
      >
        <span className={`platform-icon${problems ? ' platform-icon--warning' : ''}`}>
          <WarningIcon size={18} />
        </span>
        <span className="app-item__text">
          <span className="app-item__name">{t('sidebar.problems')}</span>
        </span>
        <span className="app-item__badges">
          <span
            className={`badge${problems ? ' badge--danger' : ''}`}
            data-testid="problems-count"
            aria-label={t('sidebar.problemsCount', { count: problems })}
          >
            {problems}
          </span>
        </span>
      </button>
    </nav>
  );
}
