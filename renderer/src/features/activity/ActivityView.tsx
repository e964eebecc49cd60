// "Activity": the audit log — who changed what, when, before → after, and whether
// the server has it yet (pushed). Filterable by action and text, exportable to CSV.

import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  type AuditSessionChange,
  type AuditValue,
} from '../../../../shared/audit';
import { loadAudit } from './audit-actions';
import { exportAudit } from '../export/export-actions';
import { absoluteTime } from '../../lib/format';
import { useAudit } from './audit-store';
import { useWorkspace } from '../../store/workspace';
import { ActivityIcon, ExportIcon, RefreshIcon, SearchIcon, Spinner } from '../../ui/Icons';
import { EmptyList, ViewHeader } from '../../ui/ListParts';

const SHOWN_ENTRIES = 500;
const SESSIONS_PER_ENTRY = 4;

/** A before/after value as a short text: a status or e-mail as is, a deleted session's summary as its device. */
function valueLabel(t: TFunction, v: AuditValue | undefined): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string') return v === '' ? t('activity.empty') : v;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, AuditValue>;
    const parts = [o.device, o.status, o.email].filter((p): p is string => typeof p === 'string' && p !== '');
    if (parts.length) return parts.join(' · ');
  }
  return JSON.stringify(v);
}

function searchable(e: AuditEntry): string {
  return [
    e.user,
    e.folder,
    e.action,
    e.message ?? '',
    e.outcome ?? '',
    ...e.sessions.flatMap((s) => [s.app, s.id, JSON.stringify(s.before ?? ''), JSON.stringify(s.after ?? '')]),
  ]
    .join('\u0001')
    .toLowerCase();
}

function Change({ change, appName }: { change: AuditSessionChange; appName: string }) {
  const { t } = useTranslation();
  const before = valueLabel(t, change.before);
  const after = change.after === undefined ? t('activity.trashed') : valueLabel(t, change.after);
  return (
    <li className="activity__change">
      <span className="activity__session" title={`${change.app}/${change.id}`}>
        {appName} · <code>{change.id.slice(0, 10)}</code>
      </span>
      <span className="activity__values">
        <span className="activity__before">{before}</span>
        <span aria-hidden="true"> → </span>
        <span className="visually-hidden">{t('activity.to')}</span>
        <span className="activity__after">{after}</span>
      </span>
    </li>
  );
}

function PushedCell({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (entry.action === 'push') {
    const ok = entry.pushed === true;
    return (
      <span className={`pill ${ok ? 'pill--ok' : 'pill--bad'}`} title={entry.message}>
        {ok ? t('activity.pushOk') : t('activity.pushFailed', { outcome: entry.outcome ?? '' })}
      </span>
    );
  }
  if (entry.pushed === undefined) return <span className="muted">—</span>;
  return (
    <span className={`pill ${entry.pushed ? 'pill--ok' : 'pill--wait'}`}>
      {entry.pushed ? t('activity.pushed') : t('activity.notPushed')}
    </span>
  );
}

function EntryRow({ entry, names }: { entry: AuditEntry; names: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const ms = Date.parse(entry.time);
  const more = entry.sessions.length - SESSIONS_PER_ENTRY;
  return (
    <tr data-testid="activity-row" data-action={entry.action} data-action-id={entry.actionId}>
      <td className="nowrap">{Number.isNaN(ms) ? entry.time : absoluteTime(ms, i18n.language)}</td>
      <td>{entry.user}</td>
      <td>
        <span className={`action-tag action-tag--${entry.action}`}>{t(`activity.actions.${entry.action}`)}</span>
        {entry.sessions.length > 1 ? <span className="muted"> ×{entry.sessions.length}</span> : null}
      </td>
      <td>
        {entry.sessions.length === 0 ? (
          <span className="muted">{entry.message ?? '—'}</span>
        ) : (
          <ul className="activity__changes">
            {entry.sessions.slice(0, SESSIONS_PER_ENTRY).map((s, i) => (
              <Change key={`${s.app}/${s.id}/${i}`} change={s} appName={names.get(s.app) ?? s.app} />
            ))}
            {more > 0 ? <li className="muted">{t('activity.more', { count: more })}</li> : null}
          </ul>
        )}
      </td>
      <td>
        <PushedCell entry={entry} />
      </td>
    </tr>
  );
}

export function ActivityView() {
  const { t, i18n } = useTranslation();
  const entries = useAudit((s) => s.entries);
  const loading = useAudit((s) => s.loading);
  const error = useAudit((s) => s.error);
  const action = useAudit((s) => s.action);
  const text = useAudit((s) => s.text);
  const thisFolderOnly = useAudit((s) => s.thisFolderOnly);
  const apps = useWorkspace((s) => s.apps);
  const names = useMemo(() => new Map(apps.map((a) => [a.folder, a.name])), [apps]);

  useEffect(() => {
    void loadAudit();
  }, [thisFolderOnly]);

  const shown = useMemo(() => {
    if (!entries) return [];
    const q = text.trim().toLowerCase();
    return entries.filter((e) => (action === 'all' || e.action === action) && (!q || searchable(e).includes(q)));
  }, [entries, action, text]);

  return (
    <section className="activity" data-testid="activity-view" aria-labelledby="activity-title">
      <ViewHeader
        id="activity-title"
        title={t('activity.title')}
        intro={<p className="muted">{t('activity.intro')}</p>}
        actions={
          <>
            <button
              type="button"
              className="button button--small button--icon-small"
              aria-label={t('toolbar.refresh')}
              title={t('toolbar.refresh')}
              onClick={() => void loadAudit()}
            >
              {loading ? <Spinner /> : <RefreshIcon size={13} />}
            </button>
            <button
              type="button"
              className="button button--small"
              data-testid="activity-export"
              disabled={shown.length === 0}
              onClick={() => exportAudit(shown)}
            >
              <ExportIcon size={12} /> {t('activity.export')}
            </button>
          </>
        }
      />
      <div className="list-header list-header--quiet activity__filters">
        <label className="visually-hidden" htmlFor="activity-action">
          {t('activity.action')}
        </label>
        <select
          id="activity-action"
          className="select select--small"
          data-testid="activity-action"
          value={action}
          onChange={(e) => useAudit.setState({ action: e.target.value as AuditAction | 'all' })}
        >
          <option value="all">{t('activity.allActions')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`activity.actions.${a}`)}
            </option>
          ))}
        </select>
        <div className="search search--small">
          <SearchIcon className="search__icon" size={12} />
          <input
            type="search"
            className="search__input"
            aria-label={t('activity.filterText')}
            placeholder={t('activity.filterText')}
            data-testid="activity-text"
            value={text}
            onChange={(e) => useAudit.setState({ text: e.target.value })}
          />
        </div>
        <label className="toggle">
          <input
            type="checkbox"
            checked={thisFolderOnly}
            onChange={(e) => useAudit.setState({ thisFolderOnly: e.target.checked })}
          />
          <span>{t('activity.thisFolder')}</span>
        </label>
        <span className="list-header__spacer" />
        <span className="list-header__meta" data-testid="activity-count">
          {entries
            ? t('activity.count', { count: shown.length, formatted: shown.length.toLocaleString(i18n.language) })
            : ''}
        </span>
      </div>
      {error ? (
        <p className="field-error inbox__error" role="alert">
          {error}
        </p>
      ) : null}
      {entries === null ? (
        <div className="table-message">
          <Spinner /> <span>{t('activity.loading')}</span>
        </div>
      ) : shown.length === 0 ? (
        <EmptyList
          icon={<ActivityIcon size={26} />}
          title={entries.length === 0 ? t('activity.emptyTitle') : t('activity.noMatch')}
          text={entries.length === 0 ? t('activity.emptyText') : null}
          testId="activity-empty"
        />
      ) : (
        <div className="inbox__scroll">
          <table className="inbox-table activity-table">
            <thead>
              <tr>
                <th scope="col">{t('activity.time')}</th>
                <th scope="col">{t('activity.user')}</th>
                <th scope="col">{t('activity.action')}</th>
                <th scope="col">{t('activity.sessions')}</th>
                <th scope="col">{t('activity.pushedCol')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, SHOWN_ENTRIES).map((e, i) => (
                <EntryRow key={`${e.actionId}-${e.time}-${i}`} entry={e} names={names} />
              ))}
            </tbody>
          </table>
          {shown.length > SHOWN_ENTRIES ? (
            <p className="muted mini-table__more">
              {t('activity.moreEntries', { count: shown.length - SHOWN_ENTRIES })}
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
