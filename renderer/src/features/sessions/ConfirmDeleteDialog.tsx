// "Delete N sessions?": names the count per app when the selection spans several; one
// session is named by device, e-mail and short id (an app often has two "Pixel 8 Pro").

import { useTranslation } from 'react-i18next';
import type { SessionRecord, SessionRef } from '../../../../shared/types';
import { closeDialog } from '../../store/ui';
import { getRecord, useWorkspace } from '../../store/workspace';
import { useInbox } from '../inbox/inbox-store';
import { Dialog } from '../../ui/Dialog';
import { confirmDelete } from './session-actions';

/** How many of the refs belong to each app, in the sidebar's order. */
export function countsPerApp(
  refs: SessionRef[],
  apps: { folder: string; name: string }[],
): { app: string; name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of refs) counts.set(r.app, (counts.get(r.app) ?? 0) + 1);
  const order = new Map(apps.map((a, i) => [a.folder, i]));
  return [...counts]
    .map(([app, count]) => ({ app, count, name: apps.find((a) => a.folder === app)?.name ?? app }))
    .sort((a, b) => (order.get(a.app) ?? 1e9) - (order.get(b.app) ?? 1e9));
}

/** The first characters of a session id: enough to tell two sessions apart at a glance. */
export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

/** Device, e-mail and short id of the one session to delete. */
function WhichSession({ refOf }: { refOf: SessionRef }) {
  const { t } = useTranslation();
  const inboxRecords = useInbox((s) => s.records);
  const rec: SessionRecord | undefined =
    getRecord(refOf.app, refOf.id) ?? inboxRecords?.find((r) => r.app === refOf.app && r.id === refOf.id);
  return (
    <dl className="delete-which" data-testid="delete-which" aria-label={t('dialogs.deleteWhich')}>
      <dt>{t('columns.device')}</dt>
      <dd data-testid="delete-device">{rec?.deviceDescription || rec?.deviceId || '—'}</dd>
      <dt>{t('columns.email')}</dt>
      <dd data-testid="delete-email">{rec?.email || <span className="muted">{t('table.noEmail')}</span>}</dd>
      <dt>{t('details.sessionId')}</dt>
      <dd>
        <code data-testid="delete-id" title={refOf.id}>
          {shortId(refOf.id)}
        </code>
      </dd>
    </dl>
  );
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
          <button
            type="button"
            className="button button--danger"
            data-autofocus
            onClick={() => void confirmDelete(refs)}
          >
            {t('dialogs.deleteConfirm')}
          </button>
        </>
      }
    >
      {many ? (
        <>
          <p data-testid="delete-summary">
            {perApp.length === 1
              ? t('dialogs.deleteSummaryOne', {
                  count: refs.length,
                  formatted: refs.length.toLocaleString(i18n.language),
                  app: perApp[0]!.name,
                })
              : t('dialogs.deleteSummaryMany', {
                  count: refs.length,
                  formatted: refs.length.toLocaleString(i18n.language),
                  apps: perApp.length,
                })}
          </p>
          <ul className="per-app" data-testid="delete-per-app">
            {perApp.map((p) => (
              <li key={p.app} data-app={p.app} data-count={p.count}>
                <strong>{p.name}</strong> <span className="muted">{p.app}</span>
                <span className="badge">
                  {t('dialogs.sessionsCount', { count: p.count, formatted: p.count.toLocaleString(i18n.language) })}
                </span>
              </li>
            ))}
          </ul>
          <p>{t('dialogs.deleteTextMany')}</p>
        </>
      ) : (
        <>
          <p>{t('dialogs.deleteText', { label })}</p>
          <WhichSession refOf={refs[0]!} />
        </>
      )}
    </Dialog>
  );
}
