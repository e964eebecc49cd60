// The active filters as removable chips (search, status, platform, ...), with "Clear all"
// when there are several. Above the sessions table and the inbox.

import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ExtraFilters } from '../../store/filters';
import { resetFilters, setFilters, setQuery, setStatusFilter, useUi } from '../../store/ui';
import { CloseIcon } from '../../ui/Icons';

interface Chip {
  key: string;
  label: string;
  clear: () => void;
}

function chipsOf(t: TFunction, status: string, f: ExtraFilters, query: string): Chip[] {
  const chips: Chip[] = [];
  if (query.trim())
    chips.push({ key: 'search', label: t('filters.chipSearch', { text: query.trim() }), clear: () => setQuery('') });
  if (status !== 'all')
    chips.push({
      key: 'status',
      label: `${t('filters.status')}: ${t(`status.${status}`)}`,
      clear: () => setStatusFilter('all'),
    });
  if (f.platform)
    chips.push({
      key: 'platform',
      label: `${t('filters.platform')}: ${{ ios: 'iOS', ipados: 'iPadOS', android: 'Android' }[f.platform]}`,
      clear: () => setFilters({ platform: undefined }),
    });
  if (f.simulator !== undefined)
    chips.push({
      key: 'simulator',
      label: f.simulator ? t('filters.simulatorsOnly') : t('filters.devicesOnly'),
      clear: () => setFilters({ simulator: undefined }),
    });
  if (f.appVersion)
    chips.push({
      key: 'appVersion',
      label: `${t('filters.appVersion')}: ${f.appVersion}`,
      clear: () => setFilters({ appVersion: undefined }),
    });
  if (f.language)
    chips.push({
      key: 'language',
      label: `${t('filters.language')}: ${f.language}`,
      clear: () => setFilters({ language: undefined }),
    });
  if (f.olderThanDays !== undefined)
    chips.push({
      key: 'age',
      label: t('filters.chipOlder', { count: f.olderThanDays }),
      clear: () => setFilters({ olderThanDays: undefined }),
    });
  return chips;
}

export function FilterChips({ inbox }: { inbox?: boolean }) {
  const { t } = useTranslation();
  const status = useUi((s) => s.statusFilter);
  const filters = useUi((s) => s.filters);
  const query = useUi((s) => s.query);
  // The inbox only holds pending sessions: the status filter does not apply there.
  const chips = chipsOf(t, inbox ? 'all' : status, filters, query);
  if (chips.length === 0) return null;
  return (
    <ul className="chips" aria-label={t('filters.active')} data-testid="filter-chips">
      {chips.map((c) => (
        <li key={c.key} className="chip" data-chip={c.key}>
          <span className="chip__label">{c.label}</span>
          <button
            type="button"
            className="chip__remove"
            aria-label={t('filters.removeChip', { label: c.label })}
            onClick={c.clear}
          >
            <CloseIcon size={9} />
          </button>
        </li>
      ))}
      {chips.length > 1 ? (
        <li>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setQuery('');
              resetFilters();
              // The chips (this button too) go away: the list takes the focus, not the page.
              requestAnimationFrame(() =>
                document
                  .querySelector<HTMLElement>('[data-testid="sessions-table"], [data-testid="inbox-grid"]')
                  ?.focus(),
              );
            }}
          >
            {t('filters.clearAll')}
          </button>
        </li>
      ) : null}
    </ul>
  );
}
