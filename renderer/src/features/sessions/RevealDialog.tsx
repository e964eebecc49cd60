// The file manager could not be shown (browser mode): show where the file is, with a Copy button.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { closeDialog } from '../../store/ui';
import { Dialog } from '../../ui/Dialog';
import { CopyIcon } from '../../ui/Icons';
import { copyPath } from './session-actions';

export function RevealDialog({ location }: { location: string }) {
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
          <button
            type="button"
            className="button button--primary"
            data-autofocus
            onClick={() => void copyPath(location).then(setCopied)}
          >
            <CopyIcon size={12} /> {copied ? t('dialogs.copied') : t('dialogs.copy')}
          </button>
        </>
      }
    >
      <p>{t('dialogs.revealText')}</p>
      <input
        className="input input--mono"
        readOnly
        value={location}
        aria-label={t('dialogs.revealTitle')}
        data-testid="reveal-location"
        onFocus={(e) => e.target.select()}
      />
    </Dialog>
  );
}
