// The push preflight found warnings: the sessions they concern, then Cancel or "Push anyway".

import { useTranslation } from 'react-i18next';
import type { PreflightReport } from '../../../../shared/types';
import { closeDialog } from '../../store/ui';
import { Dialog } from '../../ui/Dialog';
import { WarningIcon } from '../../ui/Icons';
import { labelOf } from '../sessions/session-actions';
import { pushNow } from './push-actions';

export function PreflightDialog({ report }: { report: PreflightReport }) {
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
