// The sessions table's header row: sortable column headers, the select-all box in Device.

import { useTranslation } from 'react-i18next';
import type { SortKey } from '../../store/session-view';
import { toggleSort, useUi } from '../../store/ui';
import { SortIcon } from '../../ui/Icons';
import { SelectAllBox } from './SelectAllBox';

/** `col` names the column for the width rules in ui/grid.css (which hide IP, then Language, when the table is narrow). */
export const COLUMNS: { key: SortKey; label: string; col: string }[] = [
  { key: 'device', label: 'columns.device', col: 'col--device' },
  { key: 'os', label: 'columns.os', col: 'col--os' },
  { key: 'email', label: 'columns.email', col: 'col--email' },
  { key: 'language', label: 'columns.language', col: 'col--language' },
  { key: 'ip', label: 'columns.ip', col: 'col--ip' },
  { key: 'status', label: 'columns.status', col: 'col--status' },
  { key: 'mtime', label: 'columns.mtime', col: 'col--changed' },
];

export function HeaderRow({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const sort = useUi((s) => s.sort);
  return (
    <div className="thead" role="rowgroup">
      <div className="row row--header" role="row" aria-rowindex={1}>
        {COLUMNS.map((c) => {
          const active = sort.key === c.key;
          return (
            <div
              key={c.key}
              role="columnheader"
              className={`cell cell--header ${c.col}${active ? ' cell--sorted' : ''}${c.key === 'device' ? ' cell--with-check' : ''}`}
              aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              {c.key === 'device' ? <SelectAllBox ids={ids} /> : null}
              <button type="button" className="header-button" tabIndex={-1} onClick={() => toggleSort(c.key)} data-sort={c.key} title={t(c.label)}>
                <span className="header-button__label">{t(c.label)}</span>
                {active ? <SortIcon dir={sort.dir} /> : null}
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
