// The sessions table's header row: sortable column headers, the select-all box in Device,
// and a resize separator at the right edge of each column but the last.

import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SortKey } from '../../store/session-view';
import { toggleSort, useUi } from '../../store/ui';
import { SortIcon } from '../../ui/Icons';
import { ResizeHandle } from '../../ui/ResizeHandle';
import { COLUMN_MAX, COLUMN_MIN, resetColumnWidth, setColumnWidth } from './column-widths';
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
  const cells = useRef(new Map<SortKey, HTMLDivElement>());
  return (
    <div className="thead" role="rowgroup">
      <div className="row row--header" role="row" aria-rowindex={1}>
        {COLUMNS.map((c, i) => {
          const active = sort.key === c.key;
          const label = t(c.label);
          return (
            <div
              key={c.key}
              ref={(el) => {
                if (el) cells.current.set(c.key, el);
                else cells.current.delete(c.key);
              }}
              role="columnheader"
              className={`cell cell--header ${c.col}${active ? ' cell--sorted' : ''}${c.key === 'device' ? ' cell--with-check' : ''}`}
              aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              {c.key === 'device' ? <SelectAllBox ids={ids} /> : null}
              <button
                type="button"
                className="header-button"
                tabIndex={-1}
                onClick={() => toggleSort(c.key)}
                data-sort={c.key}
                title={label}
              >
                <span className="header-button__label">{label}</span>
                {active ? <SortIcon dir={sort.dir} /> : null}
              </button>
              {i < COLUMNS.length - 1 ? (
                <ResizeHandle
                  label={t('table.resizeColumn', { column: label })}
                  className="resize-handle--column"
                  testId={`resize-${c.key}`}
                  min={COLUMN_MIN}
                  max={COLUMN_MAX}
                  value={() => cells.current.get(c.key)?.getBoundingClientRect().width ?? COLUMN_MIN}
                  onResize={(w) => setColumnWidth(c.key, w)}
                  onReset={() => resetColumnWidth(c.key)}
                />
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
