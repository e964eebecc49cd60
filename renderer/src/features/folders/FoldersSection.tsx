// The open folders, at the top of the sidebar: one row per MobileApps folder
// (label, full path as tooltip, status dot, pending badge, unpushed count),
// click to show it, × to close it (confirmed when it has unpushed changes),
// and "Add folder…" where a native picker exists. Also re-checks the folder shown
// when the window comes to the front (focus-recheck.ts). Hidden in browser mode while
// only one folder is open (there, folders come from the server's --dir flags).

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FolderSummary } from '../../../../shared/types';
import { addFolder, closeFolder, switchToFolder, watchFolders } from './folder-actions';
import { watchLabel } from './WatchModeControl';
import { recheckOnFocus } from './focus-recheck';
import { useFolders } from './folders-store';
import { useWorkspace } from '../../store/workspace';
import { Dialog } from '../../ui/Dialog';
import { CloseIcon, FolderIcon } from '../../ui/Icons';

type Tr = (key: string, opts?: Record<string, unknown>) => string;

function folderName(f: FolderSummary, t: Tr): string {
  return f.isDemo ? t('folders.demo') : f.label || (f.root ?? '');
}

function statusText(f: FolderSummary, t: Tr): string {
  if (f.phase === 'error') return t('folders.error', { message: f.error ?? '' });
  if (f.phase === 'scanning') return t('folders.scanning');
  if (f.phase === 'none') return t('folders.notOpen');
  return f.watch ? watchLabel(f, t) : f.watchMode === 'polling' ? t('folders.polling') : t('folders.watching');
}

function FolderRow({
  folder,
  closable,
  onClose,
}: {
  folder: FolderSummary;
  closable: boolean;
  onClose: (f: FolderSummary) => void;
}) {
  const { t, i18n } = useTranslation();
  const busy = useFolders((s) => s.busy === folder.id);
  const name = folderName(folder, t);
  const status = statusText(folder, t);
  const state = folder.phase === 'error' ? 'error' : folder.phase === 'ready' ? 'watching' : 'scanning';
  return (
    <li
      className={`folder-item${folder.active ? ' folder-item--active' : ''}`}
      data-testid="folder-item"
      data-folder={folder.id}
      data-state={state}
    >
      <button
        type="button"
        className="folder-item__main"
        aria-current={folder.active ? 'true' : undefined}
        aria-busy={busy || undefined}
        title={`${folder.isDemo ? name : (folder.root ?? name)}\n${status}`}
        onClick={() => void switchToFolder(folder.id)}
      >
        <span
          className={`folder-dot folder-dot--${state}`}
          role="img"
          aria-label={status}
          data-testid="folder-status"
        />
        <span className="folder-item__name" data-testid="folder-label">
          {name}
        </span>
        {folder.pending > 0 ? (
          <span
            className="badge badge--pending"
            data-testid="folder-pending"
            aria-label={t('sidebar.pending', { count: folder.pending })}
          >
            {folder.pending.toLocaleString(i18n.language)}
          </span>
        ) : null}
        {folder.unpushed > 0 ? (
          <span
            className="folder-item__unpushed"
            data-testid="folder-unpushed"
            title={t('folders.unpushed', { count: folder.unpushed })}
            aria-label={t('folders.unpushed', { count: folder.unpushed })}
          >
            ↑{folder.unpushed.toLocaleString(i18n.language)}
          </span>
        ) : null}
      </button>
      {folder.phase === 'error' ? (
        <span className="folder-item__error" data-testid="folder-error" title={folder.error ?? undefined}>
          {folder.error}
        </span>
      ) : null}
      {closable ? (
        <button
          type="button"
          className="folder-item__close"
          data-testid="folder-close"
          aria-label={t('folders.close', { name })}
          title={t('folders.close', { name })}
          onClick={() => onClose(folder)}
        >
          <CloseIcon size={12} />
        </button>
      ) : null}
    </li>
  );
}

function ConfirmClose({ folder, onDone }: { folder: FolderSummary; onDone: () => void }) {
  const { t } = useTranslation();
  const name = folderName(folder, t);
  return (
    <Dialog
      title={t('folders.confirmTitle', { name })}
      onClose={onDone}
      role="alertdialog"
      tone="warning"
      testId="folder-close-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onDone}>
            {t('folders.cancel')}
          </button>
          <button
            type="button"
            className="button button--danger"
            data-autofocus
            onClick={() => {
              onDone();
              void closeFolder(folder);
            }}
          >
            {t('folders.confirmClose')}
          </button>
        </>
      }
    >
      <p>{t('folders.confirmText', { name, count: folder.unpushed })}</p>
    </Dialog>
  );
}

export function FoldersSection() {
  const { t } = useTranslation();
  const folders = useFolders((s) => s.folders);
  const adding = useFolders((s) => s.busy === 'add');
  const host = useWorkspace((s) => s.state?.host);
  const [confirming, setConfirming] = useState<FolderSummary | null>(null);
  useEffect(() => watchFolders(), []);
  useEffect(() => recheckOnFocus(), []);

  const canAdd = host !== undefined && host !== 'browser';
  if (folders.length === 0 || (!canAdd && folders.length < 2)) return null;
  const onlyDemo = folders.length === 1 && folders[0]?.isDemo === true;
  const requestClose = (f: FolderSummary) => (f.unpushed > 0 ? setConfirming(f) : void closeFolder(f));

  return (
    <section className="folders" aria-labelledby="sidebar-folders-heading" data-testid="folders-section">
      <div className="sidebar__heading" id="sidebar-folders-heading">
        {t('folders.heading')}
      </div>
      <ul className="folders__list" aria-labelledby="sidebar-folders-heading">
        {folders.map((f) => (
          <FolderRow key={f.id} folder={f} closable={!onlyDemo} onClose={requestClose} />
        ))}
      </ul>
      {canAdd ? (
        <button
          type="button"
          className="folders__add"
          data-testid="folder-add"
          title={t('folders.addHint')}
          disabled={adding}
          onClick={() => void addFolder()}
        >
          <FolderIcon size={14} />
          <span>{t('folders.add')}</span>
        </button>
      ) : null}
      {confirming ? <ConfirmClose folder={confirming} onDone={() => setConfirming(null)} /> : null}
    </section>
  );
}
