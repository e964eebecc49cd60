// Matches from every app, in place of the table: when the search finds nothing in the
// current app, or always with the "All apps" scope. Each match names its app (and its
// folder when several are open); one click opens it selected in its own app's table.

import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useShownSessions } from '../../store/view-prepare';
import { useTranslation } from 'react-i18next';
import type { SessionSearchHit } from '../../../../shared/types';
import { osShortLabel } from '../../lib/format';
import { setQuery, useUi } from '../../store/ui';
import { filterClock, visibleWithFilters } from '../../store/visible';
import { useWorkspace } from '../../store/workspace';
import { useFolders } from '../folders/folders-store';
import { openInTable } from '../inbox/InboxRow';
import { Spinner } from '../../ui/Icons';
import { searchEverywhere, setSearchScope, useSearchScope, type SearchScope } from './search-scope';

/** Waits this long after the last key before asking the engine (typing "camille" asks once). */
const DEBOUNCE_MS = 150;

/** Whether the sessions column shows the matches from every app instead of the table. */
export function useSearchResultsShown(): boolean {
  const scope = useSearchScope((s) => s.scope);
  const query = useUi((s) => s.query.trim());
  const view = useUi((s) => s.view);
  const app = useUi((s) => s.selectedApp);
  const sort = useUi((s) => s.sort);
  const status = useUi((s) => s.statusFilter);
  const filters = useUi((s) => s.filters);
  const sessions = useShownSessions(app);
  if (!query || view !== 'sessions') return false;
  if (scope === 'all') return true;
  // "No match here": only once this app's sessions are known, so a loading app does not flash the list.
  return (
    sessions !== undefined &&
    sessions.records.size > 0 &&
    visibleWithFilters(sessions, sort, query, status, filters, filterClock()).length === 0
  );
}

/**
 * With the "All apps" scope, what the list header and the status bar count: the sessions
 * found across apps (null while the engine has not answered these words yet). Undefined
 * when the table (this app's rows) is what is shown.
 */
export function useAllAppsFound(): { total: number | null } | undefined {
  const scope = useSearchScope((s) => s.scope);
  const query = useUi((s) => s.query.trim());
  const view = useUi((s) => s.view);
  const answered = useSearchScope((s) => s.query);
  const total = useSearchScope((s) => s.result?.total ?? null);
  if (scope !== 'all' || !query || view !== 'sessions') return undefined;
  return { total: answered === query ? total : null };
}

/** "1,489 sessions found" (or "Searching…"): the count of useAllAppsFound. */
export function allAppsFoundText(found: { total: number | null }, t: TFunction, lang: string): string {
  if (found.total === null) return t('search.searchingShort');
  return t('search.found', { count: found.total, formatted: found.total.toLocaleString(lang) });
}

/** "This app | All apps", beside the row count while a search is typed. */
export function SearchScopeToggle() {
  const { t } = useTranslation();
  const scope = useSearchScope((s) => s.scope);
  const choices: { value: SearchScope; label: string }[] = [
    { value: 'app', label: t('search.scopeApp') },
    { value: 'all', label: t('search.scopeAll') },
  ];
  return (
    <div
      className="segmented segmented--small"
      role="radiogroup"
      aria-label={t('search.scope')}
      data-testid="search-scope"
    >
      {choices.map((c) => (
        <button
          key={c.value}
          type="button"
          role="radio"
          aria-checked={scope === c.value}
          className={`segmented__item${scope === c.value ? ' segmented__item--on' : ''}`}
          data-value={c.value}
          onClick={() => setSearchScope(c.value)}
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}

function Hit({ hit, folderLabel }: { hit: SessionSearchHit; folderLabel: string | null }) {
  const { t } = useTranslation();
  const r = hit.record;
  const device = r.deviceDescription || r.deviceId || r.id;
  return (
    <li>
      <button
        type="button"
        className="search-hit"
        data-testid="search-hit"
        data-app={r.app}
        data-id={r.id}
        title={t('search.open', { device, app: hit.appName })}
        onClick={() => {
          setSearchScope('app');
          void openInTable({ app: r.app, id: r.id, ...(r.folder ? { folder: r.folder } : {}) }, r);
        }}
      >
        <span className="search-hit__device">{device}</span>
        <span className="search-hit__email">{r.email || <span className="muted">{t('table.noEmail')}</span>}</span>
        <span className="search-hit__os muted">{osShortLabel(r)}</span>
        <span className="search-hit__app">
          {hit.appName}
          {folderLabel ? <span className="muted"> · {folderLabel}</span> : null}
        </span>
        <span className={`status-badge status-badge--${r.status ?? 'invalid'}`}>
          {r.status ? t(`status.${r.status}`) : t('status.invalid')}
        </span>
      </button>
    </li>
  );
}

export function SearchResults() {
  const { t, i18n } = useTranslation();
  const query = useUi((s) => s.query.trim());
  const scope = useSearchScope((s) => s.scope);
  const answered = useSearchScope((s) => s.query);
  const result = useSearchScope((s) => s.result);
  const error = useSearchScope((s) => s.error);
  const apps = useWorkspace((s) => s.apps);
  const app = useUi((s) => s.selectedApp);
  const folders = useFolders((s) => s.folders);
  const appName = apps.find((a) => a.folder === app)?.name ?? app ?? '';

  // Asked again when the apps' counts change, so a device that just arrived shows up.
  useEffect(() => {
    const timer = setTimeout(() => void searchEverywhere(query), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, apps]);

  const fmt = (n: number) => n.toLocaleString(i18n.language);
  const folderLabel = (id: string | undefined) =>
    folders.length > 1 ? (folders.find((f) => f.id === id)?.label ?? null) : null;
  const current = result && answered === query ? result : null;
  let summary: string;
  if (!current) summary = t('search.searching');
  else if (current.total === 0) summary = t('search.none', { text: query });
  else if (current.total > current.hits.length)
    summary = t('search.someOf', { shown: fmt(current.hits.length), total: fmt(current.total) });
  else summary = t('search.found', { count: current.total, formatted: fmt(current.total) });

  return (
    <section
      className="search-results"
      aria-labelledby="search-results-title"
      data-testid="search-results"
      tabIndex={0}
    >
      <div className="search-results__head">
        <h3 id="search-results-title" className="search-results__title">
          {scope === 'all' ? t('search.titleAll') : t('search.noneHere', { app: appName })}
        </h3>
        <p className="muted" role="status" data-testid="search-summary">
          {!current && !error ? <Spinner /> : null} {error ?? summary}
        </p>
      </div>
      {current && current.hits.length > 0 ? (
        <ul className="search-results__list" aria-label={t('search.titleAll')}>
          {current.hits.map((hit) => (
            <Hit
              key={`${hit.record.folder ?? ''}/${hit.record.app}/${hit.record.id}`}
              hit={hit}
              folderLabel={folderLabel(hit.record.folder)}
            />
          ))}
        </ul>
      ) : null}
      <div className="search-results__foot">
        <button type="button" className="button button--small" onClick={() => setQuery('')}>
          {t('toolbar.clearSearch')}
        </button>
      </div>
    </section>
  );
}
