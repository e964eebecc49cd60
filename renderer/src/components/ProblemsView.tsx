// Files that look like sessions but cannot be read: listed with their reason, never touched.

import { useTranslation } from 'react-i18next';
import { absoluteTime } from '../lib/format';
import { useWorkspace } from '../store/workspace';
import { WarningIcon } from './Icons';

export function ProblemsView() {
  const { t, i18n } = useTranslation();
  const problems = useWorkspace((s) => s.problems);
  return (
    <section className="problems" data-testid="problems-view" aria-labelledby="problems-title">
      <header className="problems__header">
        <h2 id="problems-title">{t('problems.title')}</h2>
        <p className="muted">{t('problems.intro')}</p>
      </header>
      {problems.length === 0 ? (
        <p className="problems__none">{t('problems.none')}</p>
      ) : (
        <div className="problems__scroll">
          <table className="problems__table">
            <colgroup>
              <col className="problems__col-file" />
              <col className="problems__col-reason" />
              <col className="problems__col-location" />
              <col className="problems__col-time" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('problems.file')}</th>
                <th scope="col">{t('problems.reason')}</th>
                <th scope="col">{t('problems.location')}</th>
                <th scope="col">{t('problems.modified')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={`${p.app}/${p.file}`} data-testid="problem-row" data-code={p.code}>
                  <td>
                    <span className="problems__file" title={p.file}>
                      <WarningIcon size={13} /> <code>{p.file}</code>
                    </span>
                    <div className="problems__app muted" title={`${t('problems.app')}: ${p.app}`}>
                      <span className="visually-hidden">{t('problems.app')}: </span>
                      <code>{p.app}</code>
                    </div>
                  </td>
                  <td>
                    <strong>{t(`problems.codes.${p.code}`)}</strong>
                    <div className="muted problems__reason">{p.reason}</div>
                  </td>
                  <td>
                    <code className="problems__path">{p.location}</code>
                  </td>
                  <td className="problems__time">{absoluteTime(p.mtimeMs, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
