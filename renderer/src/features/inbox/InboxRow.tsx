// One pending session in the approval inbox: check box, where it comes from, the device,
// and Keep pending / Accept / Delete.

import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionRecord, SessionRef } from '../../../../shared/types';
import { osShortLabel } from '../../lib/format';
import { clickKind } from '../../store/selection';
import { CheckIcon, TrashIcon, UndoIcon } from '../../ui/Icons';
import { ChangedCell, IpCell } from '../../ui/RecordCells';
import { switchToFolder } from '../folders/folder-actions';
import { useFolders } from '../folders/folders-store';
import { acceptPending, deletePending, inboxClick, keepPending, undoKeepPending } from './inbox-actions';
import { inboxKey, refOfRecord } from './inbox-store';
import { revealSession } from './notifications';

export const INBOX_ROW_HEIGHT = 38;

interface InboxRowProps {
  /** For the grid's aria-activedescendant. */
  domId: string;
  /** The keyboard's row. */
  current: boolean;
  record: SessionRecord;
  order: readonly string[];
  index: number;
  start: number;
  selected: boolean;
  kept: boolean;
  appName: string;
  /** The folder's label; null when only one folder is open (no Folder column). */
  folderLabel: string | null;
  now: number;
}

/** Shows the session in its app's table, switching to its folder first when it is another one. */
export async function openInTable(ref: SessionRef, record: SessionRecord): Promise<void> {
  const folder = useFolders.getState().folders.find((f) => f.id === record.folder);
  if (folder && !folder.active) await switchToFolder(folder.id);
  revealSession(ref, record);
}

export const InboxRow = memo(function InboxRow({
  domId,
  current,
  record,
  order,
  index,
  start,
  selected,
  kept,
  appName,
  folderLabel,
  now,
}: InboxRowProps) {
  const { t } = useTranslation();
  const ref: SessionRef = refOfRecord(record);
  const key = inboxKey(ref);
  const label = record.deviceDescription || record.deviceId || record.id;
  return (
    <div
      role="row"
      id={domId}
      aria-rowindex={index + 2}
      className={`row inbox-row${current ? ' row--current' : ''}${selected ? ' row--selected inbox-row--selected' : ''}${kept ? ' inbox-row--kept' : ''}${index % 2 ? ' row--odd' : ''}`}
      aria-selected={selected}
      data-testid="inbox-row"
      data-app={record.app}
      data-id={record.id}
      data-folder={record.folder}
      data-kept={kept ? 'true' : 'false'}
      style={{ transform: `translateY(${start}px)` }}
      onMouseDown={(e) => {
        if (e.button !== 0 || (e.target as HTMLElement).closest('button, input')) return;
        if (e.shiftKey) e.preventDefault();
        inboxClick(key, order, clickKind(e));
      }}
      onDoubleClick={() => void openInTable(ref, record)}
    >
      <div role="gridcell" className="cell inbox-row__check">
        <input
          type="checkbox"
          className="row-check"
          tabIndex={-1}
          checked={selected}
          aria-label={t('selection.selectRow', { label })}
          onChange={() => undefined}
          onClick={(e) => inboxClick(key, order, e.shiftKey ? 'range' : 'toggle')}
        />
      </div>
      {folderLabel !== null ? (
        <div role="gridcell" className="cell inbox-row__folder" title={folderLabel}>
          <span className="cell__text">{folderLabel}</span>
        </div>
      ) : null}
      <div role="gridcell" className="cell inbox-row__app" title={record.app}>
        <span className="cell__text">{appName}</span>
      </div>
      <div role="gridcell" className="cell cell--device" title={label}>
        <span className="cell__text">{label}</span>
        {record.simulator ? <span className="tag tag--sim">{t('table.simulator')}</span> : null}
        {kept ? <span className="tag">{t('inbox.keptTag')}</span> : null}
      </div>
      <div role="gridcell" className="cell col--os">
        <span className="cell__text">{osShortLabel(record)}</span>
      </div>
      <div role="gridcell" className="cell" title={record.email}>
        <span className={`cell__text${record.email ? '' : ' muted'}`}>{record.email || t('table.noEmail')}</span>
      </div>
      <IpCell ip={record.ip} />
      <ChangedCell record={record} now={now} />
      <div role="gridcell" className="cell inbox-row__actions">
        {kept ? (
          <button
            type="button"
            className="icon-button"
            tabIndex={-1}
            data-testid="inbox-unkeep"
            aria-label={t('inbox.unkeep')}
            title={`${t('inbox.unkeep')} — ${t('inbox.unkeepHint')}`}
            onClick={() => undoKeepPending([ref])}
          >
            <UndoIcon size={14} />
          </button>
        ) : (
          <button
            type="button"
            className="button button--small"
            tabIndex={-1}
            data-testid="inbox-keep"
            onClick={() => keepPending([ref])}
            title={t('inbox.keepHint')}
          >
            {t('inbox.keep')}
          </button>
        )}
        <button
          type="button"
          className="button button--small button--accept"
          tabIndex={-1}
          data-testid="inbox-accept"
          onClick={() => void acceptPending([ref])}
        >
          <CheckIcon size={11} /> {t('inbox.accept')}
        </button>
        <button
          type="button"
          className="icon-button icon-button--danger"
          tabIndex={-1}
          data-testid="inbox-delete"
          aria-label={t('inbox.deleteOne', { label })}
          title={t('menu.delete')}
          onClick={() => deletePending([ref])}
        >
          <TrashIcon size={14} />
        </button>
      </div>
    </div>
  );
});
