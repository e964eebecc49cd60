// The sessions table's selection bar: Accept, Hold, Delete… and Export the checked rows.

import { useTranslation } from 'react-i18next';
import type { SessionRecord } from '../../../../shared/types';
import { clearSelection } from '../../store/ui';
import { getRecord } from '../../store/workspace';
import { CheckIcon, TrashIcon } from '../../ui/Icons';
import { SelectionBar } from '../../ui/SelectionBar';
import { exportSessions } from '../export/export-actions';
import { ExportMenu } from '../export/ExportMenu';
import { selectedRefs } from './selection-actions';
import { requestDelete, setStatus } from './session-actions';

function selectedRecords(): SessionRecord[] {
  return selectedRefs()
    .map((r) => getRecord(r.app, r.id))
    .filter((r): r is SessionRecord => r !== undefined);
}

export function SessionsSelectionBar({ count, appName }: { count: number; appName: string }) {
  const { t } = useTranslation();
  return (
    <SelectionBar count={count} onClear={clearSelection}>
      <button
        type="button"
        className="button button--small"
        data-testid="bulk-accept"
        onClick={() => void setStatus(selectedRefs(), 'accepted')}
      >
        <CheckIcon size={12} /> {t('menu.accept')}
      </button>
      <button
        type="button"
        className="button button--small"
        data-testid="bulk-hold"
        onClick={() => void setStatus(selectedRefs(), 'pending')}
      >
        {t('menu.hold')}
      </button>
      <button
        type="button"
        className="button button--small button--danger-text"
        data-testid="bulk-delete"
        onClick={() => requestDelete(selectedRefs())}
      >
        <TrashIcon size={12} /> {t('menu.delete')}
      </button>
      <ExportMenu
        small
        count={count}
        onExport={(format) => exportSessions(selectedRecords(), format, `${appName}-selection`)}
      />
    </SelectionBar>
  );
}
