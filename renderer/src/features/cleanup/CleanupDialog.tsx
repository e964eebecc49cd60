// "Clean up…": sessions whose file has not changed for N days, previewed per app,
// then moved to the trash through the normal delete (one action, one Undo).
// Each device holds a 4D client licence, so stale sessions cost money.
// Scoped to the app on screen by default ("All apps" is a choice: a red button that
// names a thousand sessions of other apps is a trap), and the preview fits the dialog
// without sideways scroll, so Last changed — the reason to delete — is always in view.

import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compileFilter } from '../../../../shared/session-filter';
import type { SessionRecord } from '../../../../shared/types';
import { api } from '../../controller/context';
import { confirmDelete } from '../sessions/session-actions';
import { describeError } from '../../lib/errors';
import { absoluteTime, relativeTime } from '../../lib/format';
import { closeDialog, useUi } from '../../store/ui';
import { useWorkspace } from '../../store/workspace';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/Icons';

const DEFAULT_DAYS = 90;
const SHOWN_ROWS = 200;

type Scope = 'app' | 'all';

/** Every session of the apps in scope: from the store when loaded, else read once. */
function useScopeRecords(apps: string[]): { records: SessionRecord[] | null; error: string | null } {
  const { t } = useTranslation();
  const held = useWorkspace((s) => s.sessions);
  const [fetched, setFetched] = useState<Map<string, SessionRecord[]>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const missing = apps.filter((a) => !held.has(a) && !fetched.has(a));
  const missingKey = missing.join('\n');
  useEffect(() => {
    if (!missingKey) return;
    let live = true;
    Promise.all(missingKey.split('\n').map(async (app) => [app, await api().listSessions(app)] as const))
      .then((pairs) => live && setFetched((prev) => new Map([...prev, ...pairs])))
      .catch((err: unknown) => live && setError(describeError(t, err)));
    return () => {
      live = false;
    };
  }, [missingKey, t]);
  if (missing.length > 0) return { records: null, error };
  const records: SessionRecord[] = [];
  for (const app of apps) records.push(...(held.get(app)?.records.values() ?? fetched.get(app) ?? []));
  return { records, error };
}

export function CleanupDialog() {
  const { t, i18n } = useTranslation();
  const apps = useWorkspace((s) => s.apps);
  const selectedApp = useUi((s) => s.selectedApp);
  const [daysText, setDaysText] = useState(String(DEFAULT_DAYS));
  const [scope, setScope] = useState<Scope>(selectedApp ? 'app' : 'all');
  const days = Number(daysText);
  const validDays = daysText.trim() !== '' && Number.isInteger(days) && days >= 1 && days <= 36500;
  const scopeApps = useMemo(
    () => (scope === 'all' || !selectedApp ? apps.map((a) => a.folder) : [selectedApp]),
    [scope, selectedApp, apps],
  );
  const { records, error } = useScopeRecords(scopeApps);
  const [now] = useState(() => Date.now());

  const stale = useMemo(() => {
    if (!records || !validDays) return [];
    const keep = compileFilter({ olderThanDays: days }, now);
    // Oldest first: the likeliest to be abandoned devices.
    return records.filter(keep).sort((a, b) => a.mtimeMs - b.mtimeMs || (a.app < b.app ? -1 : 1));
  }, [records, validDays, days, now]);

  const perApp = useMemo(() => {
    const counts = new Map<string, number>();
    for (const r of stale) counts.set(r.app, (counts.get(r.app) ?? 0) + 1);
    return [...counts].map(([app, count]) => ({ app, count, name: apps.find((a) => a.folder === app)?.name ?? app }));
  }, [stale, apps]);

  const appName = (folder: string) => apps.find((a) => a.folder === folder)?.name ?? folder;
  const fmt = (n: number) => n.toLocaleString(i18n.language);

  return (
    <Dialog
      title={t('cleanup.title')}
      onClose={closeDialog}
      testId="cleanup-dialog"
      wide
      footer={
        <>
          <button type="button" className="button" onClick={closeDialog}>
            {t('dialogs.cancel')}
          </button>
          <button
            type="button"
            className="button button--danger"
            data-testid="cleanup-confirm"
            disabled={stale.length === 0}
            onClick={() => void confirmDelete(stale.map((r) => ({ app: r.app, id: r.id })))}
          >
            {t('cleanup.confirm', { count: stale.length, formatted: fmt(stale.length) })}
          </button>
        </>
      }
    >
      <p className="cleanup__licence">{t('cleanup.licence')}</p>
      <div className="cleanup__form">
        <label htmlFor="cleanup-days">{t('cleanup.daysLabel')}</label>
        <input
          id="cleanup-days"
          className="input input--narrow"
          type="number"
          min={1}
          max={36500}
          data-testid="cleanup-days"
          data-autofocus
          aria-invalid={!validDays}
          value={daysText}
          onChange={(e) => setDaysText(e.target.value)}
        />
        <span className="muted">{t('filters.days')}</span>
        <div className="segmented" role="radiogroup" aria-label={t('cleanup.scope')}>
          {(['app', 'all'] as const).map((s) => (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={scope === s}
              data-testid={`cleanup-scope-${s}`}
              disabled={s === 'app' && !selectedApp}
              className={`segmented__item${scope === s ? ' segmented__item--on' : ''}`}
              onClick={() => setScope(s)}
            >
              {s === 'all'
                ? t('cleanup.allApps')
                : t('cleanup.thisApp', { app: selectedApp ? appName(selectedApp) : '' })}
            </button>
          ))}
        </div>
      </div>
      {!validDays ? <p className="field-error">{t('cleanup.daysInvalid')}</p> : null}
      {error ? <p className="field-error">{error}</p> : null}
      {records === null && !error ? (
        <p className="muted cleanup__loading">
          <Spinner /> {t('empty.loadingSessions')}
        </p>
      ) : null}
      {records !== null && validDays ? (
        <div className="cleanup__preview" data-testid="cleanup-preview" aria-live="polite">
          <p className="cleanup__summary" data-testid="cleanup-summary">
            {stale.length === 0
              ? t('cleanup.none', { count: days })
              : t('cleanup.summary', { count: stale.length, formatted: fmt(stale.length), days })}
          </p>
          {perApp.length > 0 ? (
            <ul className="per-app">
              {perApp.map((p) => (
                <li key={p.app} data-testid="cleanup-app" data-app={p.app} data-count={p.count}>
                  <strong>{p.name}</strong> <span className="muted">{p.app}</span>
                  <span className="badge">{fmt(p.count)}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {stale.length > 0 ? (
            // Focusable and named: a keyboard user can scroll it (axe scrollable-region-focusable).
            <div className="mini-table__scroll" tabIndex={0} role="region" aria-label={t('cleanup.title')}>
              <table className={`mini-table mini-table--fit${scope === 'all' ? ' mini-table--apps' : ''}`}>
                <colgroup>
                  <col className="mini-table__device" />
                  {scope === 'all' ? <col className="mini-table__app" /> : null}
                  <col />
                  <col className="mini-table__status" />
                  <col className="mini-table__changed" />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">{t('columns.device')}</th>
                    {scope === 'all' ? <th scope="col">{t('inbox.app')}</th> : null}
                    <th scope="col">{t('columns.email')}</th>
                    <th scope="col">{t('columns.status')}</th>
                    <th scope="col">{t('columns.mtime')}</th>
                  </tr>
                </thead>
                <tbody>
                  {stale.slice(0, SHOWN_ROWS).map((r) => (
                    <tr key={`${r.app}/${r.id}`} data-testid="cleanup-row" data-id={r.id}>
                      <td title={r.deviceDescription || r.deviceId || r.id}>
                        {r.deviceDescription || r.deviceId || r.id}
                      </td>
                      {scope === 'all' ? <td title={appName(r.app)}>{appName(r.app)}</td> : null}
                      <td title={r.email}>{r.email || <span className="muted">{t('table.noEmail')}</span>}</td>
                      <td>{r.status ? t(`status.${r.status}`) : t('status.invalid')}</td>
                      <td title={absoluteTime(r.mtimeMs, i18n.language)} data-testid="cleanup-changed">
                        {relativeTime(r.mtimeMs, now, i18n.language, t('time.justNow'))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {stale.length > SHOWN_ROWS ? (
                <p className="muted mini-table__more">{t('cleanup.more', { count: stale.length - SHOWN_ROWS })}</p>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
