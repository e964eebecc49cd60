// The one open dialog, chosen by the ui store.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreflightReport, SessionRef } from '../../../shared/types';
import { pushNow } from '../controller/push-actions';
import { confirmDelete, copyPath, labelOf } from '../controller/session-actions';
import { closeDialog, useUi } from '../store/ui';
import { useWorkspace } from '../store/workspace';
import { Dialog } from './Dialog';
import { CopyIcon, WarningIcon } from './Icons';
import { PushSettingsDialog } from './PushSettingsDialog';
import { CleanupDialog } from './CleanupDialog';

/** How many of the refs belong to each app, in the sidebar's order. */
export function countsPerApp(refs: SessionRef[], apps: { folder: string; name: string }[]): { app: string; name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of refs) counts.set(r.app, (counts.get(r.app) ?? 0) + 1);
  const order = new Map(apps.map((a, i) => [a.folder, i]));
  return [...counts]
    .map(([app, count]) => ({ app, count, name: apps.find((a) => a.folder === app)?.name ?? app }))
    .sort((a, b) => (order.get(a.app) ?? 1e9) - (order.get(b.app) ?? 1e9));
}

function ConfirmDeleteDialog({ refs, label }: { refs: SessionRef[]; label: string }) {
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

function RevealDialog({ location }: { location: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <Dialog
      title={t('dialogs.revealTitle')}
      onClose={closeDialog}
      testId="reveal-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={closeDialog}>
            {t('dialogs.close')}
          </button>
          <button type="button" className="button button--primary" data-autofocus onClick={() => void copyPath(location).then(setCopied)}>
            <CopyIcon size={12} /> {copied ? t('dialogs.copied') : t('dialogs.copy')}
          </button>
        </>
      }
    >
      <p>{t('dialogs.revealText')}</p>
      <input className="input input--mono" readOnly value={location} aria-label={t('dialogs.revealTitle')} data-testid="reveal-location" onFocus={(e) => e.target.select()} />
    </Dialog>
  );
}

function PreflightDialog({ report }: { report: PreflightReport }) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={t('preflight.title')}
      onClose={closeDialog}
      testId="preflight-dialog"
      role="alertdialog"
      tone="warning"
      wide
      footer={
        <>
          <button type="button" className="button" data-autofocus onClick={closeDialog}>
            {t('dialogs.cancel')}
          </button>
          <button type="button" className="button button--warning" onClick={() => void pushNow()}>
            {t('preflight.pushAnyway')}
          </button>
        </>
      }
    >
      <p>{t('preflight.intro', { count: report.issues.length })}</p>
      <ul className="preflight__list">
        {report.issues.map((issue) => (
          <li key={`${issue.ref.app}/${issue.ref.id}`} data-testid="preflight-issue">
            <div className="preflight__session">
              <WarningIcon size={13} /> <strong>{labelOf(issue.ref)}</strong> <code className="muted">{issue.ref.app}/{issue.ref.id}</code>
            </div>
            <ul className="preflight__warnings">
              {issue.warnings.map((w, i) => (
                <li key={`${w.code}-${i}`}>{w.message}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {report.problems.length ? <p className="muted">{t('preflight.problems', { count: report.problems.length })}</p> : null}
      <p className="muted">{t('preflight.checked', { count: report.checked })}</p>
    </Dialog>
  );
}

function AboutDialog() {
  const { t } = useTranslation();
  const version = useWorkspace((s) => s.state?.version ?? '');
  return (
    <Dialog title={t('dialogs.aboutTitle')} onClose={closeDialog} testId="about-dialog">
      <p>{t('dialogs.aboutText')}</p>
      {version ? <p className="muted">{t('dialogs.version', { version })}</p> : null}
    </Dialog>
  );
}

function BrowserFolderDialog() {
  const { t } = useTranslation();
  return (
    <Dialog title={t('dialogs.browserFolderTitle')} onClose={closeDialog} testId="browser-folder-dialog">
      <p>{t('dialogs.browserFolderText')}</p>
      <pre className="code-block">npm run serve -- --dir /path/to/MobileApps</pre>
    </Dialog>
  );
}

export function Dialogs() {
  const dialog = useUi((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'confirm-delete':
      return <ConfirmDeleteDialog refs={dialog.refs} label={dialog.label} />;
    case 'reveal':
      return <RevealDialog location={dialog.location} />;
    case 'preflight':
      return <PreflightDialog report={dialog.report} />;
    case 'push-settings':
      return <PushSettingsDialog />;
    case 'about':
      return <AboutDialog />;
    case 'browser-folder':
      return <BrowserFolderDialog />;
    case 'cleanup':
      return <CleanupDialog />;
  }
}
