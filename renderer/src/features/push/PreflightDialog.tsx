// The push preflight found warnings: the sessions they concern, then Cancel or "Push anyway".

import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { dropsSession } from '../../../../shared/session-warnings';
import type { CheckRules, PreflightReport } from '../../../../shared/types';
import { closeDialog } from '../../store/ui';
import { Dialog } from '../../ui/Dialog';
import { WarningIcon } from '../../ui/Icons';
import { labelOf } from '../sessions/session-actions';
import { pushNow } from './push-actions';
import { OverwrittenList } from '../sessions/overwritten/OverwrittenList';

export function PreflightDialog({ report }: { report: PreflightReport }) {
  const { t } = useTranslation();
  const dropped = report.issues.filter((issue) => issue.warnings.some(dropsSession));
  const overwritten = report.overwritten?.length ?? 0;
  const { title, intro } = preflightHeadline(t, dropped.length, overwritten);
  return (
    <Dialog
      title={title}
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
      <p data-testid="preflight-intro">{intro}</p>
      {dropped.length > 0 ? (
        <ul className="preflight__list">
          {dropped.map((issue) => (
            <li key={`${issue.ref.app}/${issue.ref.id}`} data-testid="preflight-issue">
              <div className="preflight__session">
                <WarningIcon size={13} /> <strong>{labelOf(issue.ref)}</strong>{' '}
                <code className="muted">
                  {issue.ref.app}/{issue.ref.id}
                </code>
              </div>
              <ul className="preflight__warnings">
                {issue.warnings.map((w, i) => (
                  <li key={`${w.code}-${i}`}>
                    {dropsSession(w) ? w.message : t('preflight.advice', { message: w.message })}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : null}
      <OverwrittenList changes={report.overwritten ?? []} />
      {report.problems.length ? (
        <p className="muted">{t('preflight.problems', { count: report.problems.length })}</p>
      ) : null}
      <p className="muted">{t('preflight.checked', { count: report.checked })}</p>
      <p className="muted" data-testid="preflight-rules">
        {rulesText(t, report.rules)}
      </p>
    </Dialog>
  );
}

/**
 * The dialog's title and first sentence, from what the check really found: sessions 4D Server
 * would drop, changes another program overwrote (the server would not see them), both, or
 * neither — never "would drop some sessions" above "will drop 0 sessions".
 */
export function preflightHeadline(
  t: TFunction,
  dropped: number,
  overwritten: number,
): { title: string; intro: string } {
  if (dropped > 0) {
    // The overwritten changes, if any, follow under their own heading (OverwrittenList).
    const title = overwritten > 0 ? t('preflight.titleBoth') : t('preflight.title');
    return { title, intro: t('preflight.intro', { count: dropped }) };
  }
  if (overwritten > 0) {
    return {
      title: t('preflight.titleOverwritten', { count: overwritten }),
      intro: t('preflight.introOverwritten', { count: overwritten }),
    };
  }
  return { title: t('preflight.titleNone'), intro: t('preflight.introNone') };
}

/** Which rules found these: 4D's own schema (and from where) or the app's built-in ones. */
export function rulesText(t: TFunction, rules: CheckRules): string {
  if (rules.source === '4d-schema') return t('preflight.rulesFourD', { path: rules.schemaPath });
  return rules.note ? `${t('preflight.rulesBuiltIn')} ${rules.note}` : t('preflight.rulesBuiltIn');
}
