// The warning above the sessions: each change another program overwrote before a
// push, what was set and what the file says now, with Apply again and Dismiss.

import { useTranslation } from 'react-i18next';
import { WarningIcon } from '../../../ui/Icons';
import { applyAgain, describeChange, dismiss, overwrittenKey, useOverwritten } from './overwritten-store';
import './overwritten.css';

export function OverwrittenBanner() {
  const { t } = useTranslation();
  const changes = useOverwritten((s) => s.changes);
  if (changes.length === 0) return null;
  const refs = [...new Map(changes.map((c) => [overwrittenKey(c.ref), c.ref])).values()];
  return (
    <section className="overwritten-banner" role="alert" data-testid="overwritten-banner">
      <div className="overwritten-banner__title">
        <WarningIcon size={14} /> <strong>{t('overwritten.title', { count: refs.length })}</strong>
      </div>
      <p className="overwritten-banner__why">{t('overwritten.why')}</p>
      <ul className="overwritten-banner__list">
        {changes.map((c) => (
          <li key={`${overwrittenKey(c.ref)}#${c.field}`} data-testid="overwritten-change" data-session={c.ref.id}>
            <span>{describeChange(c)}</span>
            <button type="button" className="button button--small" onClick={() => void applyAgain([c.ref])}>
              {t('overwritten.applyAgain')}
            </button>
            <button type="button" className="button button--small" onClick={() => void dismiss([c.ref])}>
              {t('overwritten.dismiss')}
            </button>
          </li>
        ))}
      </ul>
      {refs.length > 1 ? (
        <div className="overwritten-banner__all">
          <button type="button" className="button button--small" onClick={() => void applyAgain(refs)}>
            {t('overwritten.applyAllAgain')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** The row's mark: a session whose change was overwritten. */
export function OverwrittenMark({ app, id }: { app: string; id: string }) {
  const { t } = useTranslation();
  const marked = useOverwritten((s) => s.keys.has(`${app}/${id}`));
  if (!marked) return null;
  return (
    <span
      className="overwritten-mark"
      role="img"
      data-testid="overwritten-mark"
      aria-label={t('overwritten.rowMark')}
      title={t('overwritten.rowMark')}
    >
      <WarningIcon size={13} />
    </span>
  );
}
