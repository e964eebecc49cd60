// The bar above the inbox when rows are checked: Accept / Keep pending / Delete / Export them.

import { useTranslation } from 'react-i18next';
import type { SessionRecord } from '../../../../shared/types';
import { CheckIcon, TrashIcon } from '../../ui/Icons';
import { exportSessions } from '../export/export-actions';
import { ExportMenu } from '../export/ExportMenu';
import { SelectionBar } from '../../ui/SelectionBar';
import { acceptPending, deletePending, inboxClearSelection, keepPending } from './inbox-actions';
import { inboxKey, refOfKey } from './inbox-store';

export function InboxSelectionBar({ keys, rows }: { keys: string[]; rows: SessionRecord[] }) {
  const { t } = useTranslation();
  const refs = () => keys.map(refOfKey);
  const records = () => {
    const wanted = new Set(keys);
    return rows.filter((r) => wanted.has(inboxKey(r)));
  };
  return (
    <SelectionBar count={keys.length} onClear={inboxClearSelection}>
      <button
        type="button"
        className="button button--small"
        data-testid="bulk-accept"
        onClick={() => void acceptPending(refs())}
      >
        <CheckIcon size={12} /> {t('inbox.accept')}
      </button>
      <button
        type="button"
        className="button button--small"
        data-testid="bulk-keep"
        onClick={() => keepPending(refs())}
      >
        {t('inbox.keep')}
      </button>
      <button
        type="button"
        className="button button--small button--danger-text"
        data-testid="bulk-delete"
        onClick={() => deletePending(refs())}
      >
        <TrashIcon size={12} /> {t('menu.delete')}
      </button>
      <ExportMenu
        small
        count={keys.length}
        onExport={(format) => exportSessions(records(), format, 'pending-selection')}
      />
    </SelectionBar>
  );
}
