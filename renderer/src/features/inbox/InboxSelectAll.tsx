// Tri-state "select all visible" box in the inbox grid's header.

import { useTranslation } from 'react-i18next';
import { coverage } from '../../store/selection';
import { inboxClearSelection, inboxSelectAll } from './inbox-actions';
import { useInbox } from './inbox-store';

export function InboxSelectAll({ order }: { order: readonly string[] }) {
  const { t } = useTranslation();
  const selection = useInbox((s) => s.selection);
  const cover = coverage(selection, order);
  return (
    <input
      type="checkbox"
      className="row-check"
      tabIndex={-1}
      data-testid="inbox-select-all"
      aria-label={t('selection.selectAllVisible')}
      title={t('selection.selectAllVisible')}
      checked={selection.multi && cover === 'all'}
      disabled={order.length === 0}
      ref={(el) => {
        if (el) el.indeterminate = selection.multi && cover === 'some';
      }}
      onChange={() => (selection.multi && cover === 'all' ? inboxClearSelection() : inboxSelectAll(order))}
    />
  );
}
