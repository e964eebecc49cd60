// "Delete N sessions?": names the count per app when the selection spans several.

import { useTranslation } from 'react-i18next';
import type { SessionRef } from '../../../../shared/types';
import { closeDialog } from '../../store/ui';
import { useWorkspace } from '../../store/workspace';
import { Dialog } from '../../ui/Dialog';
import { confirmDelete } from './session-actions';

/** How many of the refs belong to each app, in the sidebar's order. */
export function countsPerApp(refs: SessionRef[], apps: { folder: string; name: string }[]): { app: string; name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of refs) counts.set(r.app, (counts.get(r.app) ?? 0) + 1);
  const order = new Map(apps.map((a, i) => [a.folder, i]));
  return [...counts]
    .map(([app, count]) => ({ app, count, name: apps.find((a) => a.folder === app)?.name ?? app }))
    .sort((a, b) => (order.get(a.app) ?? 1e9) - (order.get(b.app) ?? 1e9));
}

export function ConfirmDeleteDialog({ refs, label }: { refs: SessionRef[]; label: string }) {
  const { t, i18n } = useTranslation();
  const apps = useWorkspace((s) => s.apps);
  const many = refs.length > 1;
  const perApp = many ? countsPerApp(refs, apps) : [];
  return (
    <Dialog
      title={many ? t('dialogs.deleteTitleMany', { count: refs.length }) : t('dialogs.deleteTitle')}
      onClose={closeDialog}
      testId="confirm-dialog"
      role="alertdialog"
      tone="danger"
      footer={
        <>
          <button type="button" className="button" onClick={closeDialog}>
            {t('dialogs.cancel')}
          </button>
          <button type="button" className="button button--danger" data-autofocus onClick={() => void confirmDelete(refs)}>
            {t('dialogs.deleteConfirm')}
          </button>
        </>
      }
    >
      {many ? (
        <>
          <p data-testid="delete-summary">
            {perApp.length === 1
              ? t('dialogs.deleteSummaryOne', { count: refs.length, formatted: refs.length.toLocaleString(i18n.language), app: perApp[0]!.name })
              : t('dialogs.deleteSummaryMany', { count: refs.length, formatted: refs.length.toLocaleString(i18n.language), apps: perApp.length })}
          </p>
          <ul className="per-app" data-testid="delete-per-app">
            {perApp.map((p) => (
              <li key={p.app} data-app={p.app} data-count={p.count}>
                <strong>{p.name}</strong> <span className="muted">{p.app}</span>
                <span className="badge">{t('dialogs.sessionsCount', { count: p.count, formatted: p.count.toLocaleString(i18n.language) })}</span>
              </li>
            ))}
          </ul>
          <p>{t('dialogs.deleteTextMany')}</p>
        </>
      ) : (
        <p>{t('dialogs.deleteText', { label })}</p>
      )}
    </Dialog>
  );
}
