// Tri-state "select all visible" box in the sessions table's Device header.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { coverage, EMPTY_SELECTION } from '../../store/selection';
import { setSelection, useUi } from '../../store/ui';
import { selectAllVisible } from './selection-actions';

export function SelectAllBox({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const selection = useUi((s) => s.selection);
  const state = selection.multi ? coverage(selection, ids) : 'none';
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="row-check"
      tabIndex={-1}
      aria-label={t('selection.selectAllVisible')}
      title={t('selection.selectAllVisible')}
      data-testid="select-all"
      checked={state === 'all'}
      disabled={ids.length === 0}
      onChange={() => (state === 'all' ? setSelection(EMPTY_SELECTION) : selectAllVisible())}
    />
  );
}
