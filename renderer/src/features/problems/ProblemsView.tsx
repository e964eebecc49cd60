// Files that look like sessions but cannot be read: listed with their reason, never touched.

import { useTranslation } from 'react-i18next';
import { absoluteTime } from '../../lib/format';
import { useWorkspace } from '../../store/workspace';
import { CheckIcon, WarningIcon } from '../../ui/Icons';
import { EmptyList, ViewHeader } from '../../ui/ListParts';

export function ProblemsView() {
  const { t, i18n } = useTranslation();
  const problems = useWorkspace((s) => s.problems);
  return (
    <section className="problems" data-testid="problems-view" aria-labelledby="problems-title">
      <ViewHeader id="problems-title" title={t('problems.title')} intro={<p className="muted">{t('problems.intro')}</p>} />
      {problems.length === 0 ? (
        <EmptyList icon={<CheckIcon size={24} />} title={t('problems.none')} testId="problems-none" />
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
