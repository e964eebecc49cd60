// The one open dialog, chosen by the ui store. Each feature owns its dialogs; the
// About and browser-mode folder notes belong to the window itself.

import { useTranslation } from 'react-i18next';
import { CleanupDialog } from '../features/cleanup/CleanupDialog';
import { PreflightDialog } from '../features/push/PreflightDialog';
import { PushSettingsDialog } from '../features/push/PushSettingsDialog';
import { ConfirmDeleteDialog } from '../features/sessions/ConfirmDeleteDialog';
import { RevealDialog } from '../features/sessions/RevealDialog';
import { closeDialog, useUi } from '../store/ui';
import { useWorkspace } from '../store/workspace';
import { Dialog } from '../ui/Dialog';

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
