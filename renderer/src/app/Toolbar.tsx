// Toolbar: Open folder…, Refresh, search, status filter, Push (+ settings).

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { openFolder, refresh } from '../controller/connection';
import { openPushSettings, startPush } from '../features/push/push-actions';
import { shortcutLabel } from '../lib/format';
import { usePush } from '../features/push/push-store';
import type { StatusFilter } from '../store/session-view';
import { setQuery, setStatusFilter, toggleDetails, useUi } from '../store/ui';
import { useWorkspace } from '../store/workspace';
import { FiltersButton } from '../features/filters/FiltersPanel';
import { focusList } from './focus-list';
import { CloseIcon, DetailsIcon, FolderIcon, GearIcon, PushIcon, RefreshIcon, SearchIcon, Spinner } from '../ui/Icons';

function SearchField() {
  const { t } = useTranslation();
  const query = useUi((s) => s.query);
  const tick = useUi((s) => s.searchFocusTick);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (tick > 0) {
      ref.current?.focus();
      ref.current?.select();
    }
  }, [tick]);
  return (
    <div className="search">
      <SearchIcon className="search__icon" />
      <input
        ref={ref}
        type="search"
        className="search__input"
        aria-label={t('toolbar.search')}
        placeholder={t('toolbar.searchPlaceholder')}
        data-testid="search"
        value={query}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            // The first Escape clears the words; the next one (or the first, with none) leaves for the list.
            // The browser's own Escape on a search field is not relied on (Chromium's differs by version).
            e.preventDefault();
            e.stopPropagation();
            if (e.currentTarget.value) setQuery('');
            else if (!focusList()) e.currentTarget.blur();
          } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
            // Hand over to the table, like Finder's search field.
            e.preventDefault();
            focusList();
          }
        }}
      />
      {query ? (
        <button
          type="button"
          className="search__clear icon-button icon-button--small"
          aria-label={t('toolbar.clearSearch')}
          onClick={() => setQuery('')}
        >
          <CloseIcon size={11} />
        </button>
      ) : null}
    </div>
  );
}

const FILTERS: { value: StatusFilter; key: string }[] = [
  { value: 'all', key: 'toolbar.filterAll' },
  { value: 'accepted', key: 'toolbar.filterAccepted' },
  { value: 'pending', key: 'toolbar.filterPending' },
];

function StatusFilterControl() {
  const { t } = useTranslation();
  const chosen = useUi((s) => s.statusFilter);
  // Needs approval holds pending sessions only: the control says so and stays out of the way,
  // instead of highlighting a status it does not apply (nor moving the search box by vanishing).
  const inbox = useUi((s) => s.view === 'inbox');
  const value: StatusFilter = inbox ? 'pending' : chosen;
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (inbox || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    e.preventDefault();
    const i = FILTERS.findIndex((f) => f.value === value);
    const next = FILTERS[(i + (e.key === 'ArrowRight' ? 1 : FILTERS.length - 1)) % FILTERS.length]!;
    setStatusFilter(next.value);
    (e.currentTarget.querySelector(`[data-value="${next.value}"]`) as HTMLElement | null)?.focus();
  };
  return (
    <div
      className={`segmented${inbox ? ' segmented--disabled' : ''}`}
      role="radiogroup"
      aria-label={t('toolbar.statusFilter')}
      aria-disabled={inbox || undefined}
      title={inbox ? t('toolbar.statusFilterInbox') : undefined}
      data-testid="status-filter"
      onKeyDown={onKeyDown}
    >
      {FILTERS.map((f) => (
        <button
          key={f.value}
          type="button"
          role="radio"
          aria-checked={value === f.value}
          tabIndex={value === f.value ? 0 : -1}
          disabled={inbox}
          data-value={f.value}
          className={`segmented__item${value === f.value ? ' segmented__item--on' : ''}`}
          onClick={() => setStatusFilter(f.value)}
        >
          {t(f.key)}
        </button>
      ))}
    </div>
  );
}

function PushButton() {
  const { t } = useTranslation();
  const unpushed = useWorkspace((s) => s.unpushed);
  const hasFolder = useWorkspace((s) => s.state?.phase === 'ready');
  const phase = usePush((s) => s.phase);
  const busy = phase !== 'idle';
  const title = unpushed === 0 ? t('toolbar.pushNothing') : t('toolbar.pushHint', { count: unpushed });
  return (
    <div className="push-group">
      <button
        type="button"
        className="button button--primary push-button"
        data-testid="push-button"
        disabled={unpushed === 0 || busy || !hasFolder}
        aria-busy={busy}
        title={title}
        onClick={() => void startPush()}
      >
        {busy ? <Spinner /> : <PushIcon />}
        <span>
          {phase === 'pushing'
            ? t('toolbar.pushing')
            : phase === 'checking'
              ? t('toolbar.checking')
              : t('toolbar.push')}
        </span>
        <span
          className="push-button__count"
          data-testid="unpushed-count"
          aria-label={t('toolbar.pushHint', { count: unpushed })}
        >
          {unpushed}
        </span>
      </button>
      <button
        type="button"
        className="button button--icon"
        aria-label={t('toolbar.pushSettings')}
        title={t('toolbar.pushSettings')}
        data-testid="push-settings-button"
        onClick={openPushSettings}
      >
        <GearIcon />
      </button>
    </div>
  );
}

function RefreshButton() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const scanning = useWorkspace((s) => s.state?.phase === 'scanning');
  return (
    <button
      type="button"
      className="button button--labelled"
      title={t('toolbar.refreshHint', { shortcut: shortcutLabel('R') })}
      aria-keyshortcuts="Control+R Meta+R"
      data-testid="refresh-button"
      onClick={() => {
        setBusy(true);
        void refresh().finally(() => setBusy(false));
      }}
    >
      {busy || scanning ? <Spinner /> : <RefreshIcon />}
      <span className="toolbar__label">{t('toolbar.refresh')}</span>
    </button>
  );
}

function DetailsToggle() {
  const { t } = useTranslation();
  const open = useUi((s) => s.detailsOpen);
  return (
    <button
      type="button"
      className={`button button--icon${open ? ' button--on' : ''}`}
      aria-pressed={open}
      aria-label={t('toolbar.details')}
      title={t('toolbar.details')}
      data-testid="details-toggle"
      onClick={toggleDetails}
    >
      <DetailsIcon />
    </button>
  );
}

export function Toolbar() {
  const { t } = useTranslation();
  return (
    <header className="toolbar">
      <div className="toolbar__group">
        <button
          type="button"
          className="button button--labelled"
          data-testid="open-folder"
          title={t('toolbar.openFolder')}
          onClick={() => void openFolder()}
        >
          <FolderIcon />
          <span className="toolbar__label">{t('toolbar.openFolder')}</span>
        </button>
        <RefreshButton />
      </div>
      <div className="toolbar__group toolbar__group--grow">
        <SearchField />
        <StatusFilterControl />
        <FiltersButton />
      </div>
      <div className="toolbar__group">
        <PushButton />
        <DetailsToggle />
      </div>
    </header>
  );
}
