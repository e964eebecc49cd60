// "Filters (n)": status, platform, simulator, app version, language and age, in a
// panel under the toolbar button. They combine with search, and each folder
// remembers its own (store/filters.ts).

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlatformFilter } from '../../../../shared/session-filter';
import type { SessionRecord } from '../../../../shared/types';
import { activeFilterCount } from '../../store/filters';
import { useInbox } from '../inbox/inbox-store';
import type { StatusFilter } from '../../store/session-view';
import { resetFilters, setFilters, setStatusFilter, useUi } from '../../store/ui';
import { useWorkspace } from '../../store/workspace';
import { FilterIcon } from '../../ui/Icons';
import { Popover } from '../../ui/Popover';

/** Distinct values of a field among the rows the filter applies to, sorted, for the pickers. */
function distinct(records: Iterable<SessionRecord>, pick: (r: SessionRecord) => string): string[] {
  const seen = new Set<string>();
  for (const r of records) {
    const v = pick(r);
    if (v) seen.add(v);
  }
  return [...seen].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

function useChoices() {
  const view = useUi((s) => s.view);
  const app = useUi((s) => s.selectedApp);
  const sessions = useWorkspace((s) => (app ? s.sessions.get(app) : undefined));
  const inbox = useInbox((s) => s.records);
  return useMemo(() => {
    const records: Iterable<SessionRecord> = view === 'inbox' ? (inbox ?? []) : (sessions?.records.values() ?? []);
    const list = [...records];
    return { versions: distinct(list, (r) => r.appVersion), languages: distinct(list, (r) => r.language) };
  }, [view, sessions, inbox]);
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="filters__field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

function FiltersForm() {
  const { t } = useTranslation();
  const inbox = useUi((s) => s.view === 'inbox');
  const chosen = useUi((s) => s.statusFilter);
  const status = inbox ? 'pending' : chosen; // the inbox is pending-only, whatever the table's filter
  const f = useUi((s) => s.filters);
  const { versions, languages } = useChoices();
  const withCurrent = (list: string[], cur: string | undefined) => (cur && !list.includes(cur) ? [cur, ...list] : list);
  return (
    <div className="filters">
      <Field id="filter-status" label={t('filters.status')}>
        <select
          id="filter-status"
          className="select"
          value={status}
          disabled={inbox}
          onChange={(e) => setStatusFilter(e.target.value as StatusFilter)}
        >
          <option value="all">{t('filters.any')}</option>
          <option value="accepted">{t('status.accepted')}</option>
          <option value="pending">{t('status.pending')}</option>
        </select>
      </Field>
      <Field id="filter-platform" label={t('filters.platform')}>
        <select
          id="filter-platform"
          className="select"
          value={f.platform ?? ''}
          onChange={(e) => setFilters({ platform: (e.target.value || undefined) as PlatformFilter | undefined })}
        >
          <option value="">{t('filters.any')}</option>
          <option value="ios">iOS</option>
          <option value="ipados">iPadOS</option>
          <option value="android">Android</option>
        </select>
      </Field>
      <Field id="filter-simulator" label={t('filters.simulator')}>
        <select
          id="filter-simulator"
          className="select"
          value={f.simulator === undefined ? '' : f.simulator ? 'yes' : 'no'}
          onChange={(e) => setFilters({ simulator: e.target.value === '' ? undefined : e.target.value === 'yes' })}
        >
          <option value="">{t('filters.any')}</option>
          <option value="yes">{t('filters.simulatorsOnly')}</option>
          <option value="no">{t('filters.devicesOnly')}</option>
        </select>
      </Field>
      <Field id="filter-version" label={t('filters.appVersion')}>
        <select
          id="filter-version"
          className="select"
          value={f.appVersion ?? ''}
          onChange={(e) => setFilters({ appVersion: e.target.value || undefined })}
        >
          <option value="">{t('filters.any')}</option>
          {withCurrent(versions, f.appVersion).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-language" label={t('filters.language')}>
        <select
          id="filter-language"
          className="select"
          value={f.language ?? ''}
          onChange={(e) => setFilters({ language: e.target.value || undefined })}
        >
          <option value="">{t('filters.any')}</option>
          {withCurrent(languages, f.language).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-age" label={t('filters.olderThan')}>
        <span className="filters__days">
          <input
            id="filter-age"
            className="input input--narrow"
            type="number"
            min={0}
            max={36500}
            step={1}
            inputMode="numeric"
            placeholder={t('filters.anyAge')}
            value={f.olderThanDays ?? ''}
            onChange={(e) => {
              const n = e.target.value === '' ? undefined : Math.floor(Number(e.target.value));
              setFilters({ olderThanDays: n !== undefined && Number.isFinite(n) && n >= 0 ? n : undefined });
            }}
          />
          <span className="muted">{t('filters.days')}</span>
        </span>
      </Field>
    </div>
  );
}

export function FiltersButton() {
  const { t } = useTranslation();
  const status = useUi((s) => s.statusFilter);
  const inbox = useUi((s) => s.view === 'inbox');
  const extra = useUi((s) => s.filters);
  // The status filter does not apply in the inbox, so it does not count there either.
  const n = activeFilterCount(inbox ? 'all' : status, extra);
  const name = n > 0 ? t('filters.buttonCount', { count: n }) : t('filters.button');
  return (
    <Popover
      kind="dialog"
      label={
        <>
          <FilterIcon size={13} />
          <span>{t('filters.button')}</span>
          {/* Always there (hidden at 0) so the badge appearing does not push the search box aside. */}
          <span
            className={`button__count${n > 0 ? '' : ' button__count--empty'}`}
            data-testid={n > 0 ? 'filters-count' : undefined}
            aria-hidden={n > 0 ? undefined : true}
          >
            {n > 0 ? n : 0}
          </span>
        </>
      }
      ariaLabel={name}
      title={name}
      buttonClass={`button${n > 0 ? ' button--on button--filtered' : ''}`}
      testId="filters-button"
      panelTestId="filters-panel"
      panelLabel={t('filters.title')}
      align="right"
    >
      {(close) => (
        <>
          <div className="popover__header">
            <strong>{t('filters.title')}</strong>
            <span className="muted">{t('filters.hint')}</span>
          </div>
          <FiltersForm />
          <div className="popover__footer">
            <button
              type="button"
              className="button button--small"
              data-testid="filters-reset"
              disabled={n === 0}
              onClick={(e) => {
                // The button disables itself: give the focus to Done rather than drop it to the page.
                const done = e.currentTarget.nextElementSibling as HTMLElement | null;
                resetFilters();
                done?.focus();
              }}
            >
              {t('filters.reset')}
            </button>
            <button type="button" className="button button--small button--primary" onClick={close}>
              {t('filters.done')}
            </button>
          </div>
        </>
      )}
    </Popover>
  );
}
