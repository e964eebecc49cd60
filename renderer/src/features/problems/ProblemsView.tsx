// Files that look like sessions but cannot be read: listed with their reason, and
// actions an admin can take without a terminal — reveal, copy the path, move to the
// trash (confirmed first, undoable from the notice).

import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../../shared/types';
import { absoluteTime } from '../../lib/format';
import { useWorkspace } from '../../store/workspace';
import { CheckIcon, CopyIcon, FolderIcon, TrashIcon, WarningIcon } from '../../ui/Icons';
import { EmptyList, ViewHeader } from '../../ui/ListParts';
import { revealLabelKey } from '../sessions/ContextMenu';
import { ConfirmTrashDialog } from './ConfirmTrashDialog';
import { copyProblemPath, hasFile, revealProblem, trashProblem } from './problem-actions';

function ProblemActions({ problem, onTrash }: { problem: Problem; onTrash: () => void }) {
  const { t } = useTranslation();
  const host = useWorkspace((s) => s.state?.host);
  const name = problem.file || problem.app;
  return (
    <div className="problems__actions" role="group" aria-label={`${t('problems.actions')}: ${name}`}>
      {hasFile(problem) ? (
        <button
          type="button"
          className="button button--small"
          data-testid="problem-reveal"
          onClick={() => void revealProblem(problem)}
        >
          <FolderIcon size={12} /> {t(revealLabelKey(host))}
        </button>
      ) : null}
      <button
        type="button"
        className="button button--small"
        data-testid="problem-copy-path"
        onClick={() => void copyProblemPath(problem)}
      >
        <CopyIcon size={12} /> {t('problems.copyPath')}
      </button>
      {hasFile(problem) ? (
        <button
          type="button"
          className="button button--small button--danger-text"
          data-testid="problem-trash"
          onClick={onTrash}
        >
          <TrashIcon size={12} /> {t('problems.trash')}
        </button>
      ) : null}
    </div>
  );
}

export function ProblemsView() {
  const { t, i18n } = useTranslation();
  const problems = useWorkspace((s) => s.problems);
  const [confirming, setConfirming] = useState<{ problem: Problem; index: number } | null>(null);
  const section = useRef<HTMLElement>(null);

  /** The confirmed file's row goes away: focus the row that takes its place (else the view), never the page. */
  const confirm = async (): Promise<void> => {
    if (!confirming) return;
    const { problem, index } = confirming;
    setConfirming(null);
    if (!(await trashProblem(problem))) return;
    requestAnimationFrame(() => {
      const rows = section.current?.querySelectorAll<HTMLElement>('[data-testid="problem-row"]') ?? [];
      const row = rows[Math.min(index, rows.length - 1)];
      (row?.querySelector<HTMLElement>('button') ?? section.current)?.focus();
    });
  };

  return (
    <section
      ref={section}
      className="problems"
      data-testid="problems-view"
      aria-labelledby="problems-title"
      tabIndex={-1}
    >
      <ViewHeader
        id="problems-title"
        title={t('problems.title')}
        intro={<p className="muted">{t('problems.intro')}</p>}
      />
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
              {problems.map((p, index) => (
                <tr key={`${p.app}/${p.file}`} data-testid="problem-row" data-code={p.code} data-file={p.file}>
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
                    {/* The engine's detail (a JSON error's position, an errno) is in English: say so to screen readers. */}
                    <div className="muted problems__reason" lang="en">
                      {p.reason}
                    </div>
                  </td>
                  <td>
                    <code className="problems__path">{p.location}</code>
                    <ProblemActions problem={p} onTrash={() => setConfirming({ problem: p, index })} />
                  </td>
                  <td className="problems__time">{absoluteTime(p.mtimeMs, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirming ? (
        <ConfirmTrashDialog
          problem={confirming.problem}
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
    </section>
  );
}
