// "Move this file to the trash?": names the file and its app folder, and says when the
// file is not read but moved as it is (a FIFO, a link, a huge or unreadable file).

import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../../shared/types';
import { Dialog } from '../../ui/Dialog';
import { movedAsEntry } from './problem-actions';

export function ConfirmTrashDialog({
  problem,
  onConfirm,
  onCancel,
}: {
  problem: Problem;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={t('problems.confirmTitle')}
      onClose={onCancel}
      testId="confirm-trash-problem"
      role="alertdialog"
      tone="danger"
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('dialogs.cancel')}
          </button>
          <button
            type="button"
            className="button button--danger"
            data-autofocus
            data-testid="confirm-trash-problem-ok"
            onClick={onConfirm}
          >
            {t('problems.trash')}
          </button>
        </>
      }
    >
      <p>{t('problems.confirmText', { file: problem.file, app: problem.app })}</p>
      <p className="muted">
        <code className="problems__path">{problem.location}</code>
      </p>
      {movedAsEntry(problem) ? <p>{t('problems.confirmMoved')}</p> : null}
    </Dialog>
  );
}
