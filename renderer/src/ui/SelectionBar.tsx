// The bar that replaces a list's header while rows are checked.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from './Icons';

/** "N selected" with the bulk actions; shared by the sessions table and the inbox. */
export function SelectionBar({
  count,
  children,
  onClear,
}: {
  count: number;
  children: ReactNode;
  onClear: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div
      className="list-header list-header--selection"
      role="toolbar"
      aria-label={t('selection.toolbar')}
      data-testid="selection-bar"
    >
      <span className="list-header__count" data-testid="selection-count">
        {t('selection.count', { count, formatted: count.toLocaleString(i18n.language) })}
      </span>
      <div className="list-header__actions">{children}</div>
      <span className="list-header__spacer" />
      <button
        type="button"
        className="button button--small"
        data-testid="selection-clear"
        onClick={onClear}
        title={t('selection.clearHint')}
      >
        <CloseIcon size={10} /> {t('selection.clear')}
      </button>
    </div>
  );
}
