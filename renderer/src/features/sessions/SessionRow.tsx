// One row of the sessions table. Memoized on its record object: an engine delta that
// does not touch this session gives it the same record, so it does not re-render.

import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionRecord } from '../../../../shared/types';
import { osLabel, osShortLabel } from '../../lib/format';
import { ChangedCell, IpCell } from '../../ui/RecordCells';
import { clickRow } from './selection-actions';
import { clickKind } from '../../store/selection';
import { openMenu, useUi } from '../../store/ui';
import { EmailCell } from './EmailCell';
import { WarningIcon } from '../../ui/Icons';
import { StatusSelect } from './StatusSelect';
import { OverwrittenMark } from './overwritten/OverwrittenBanner';

export const ROW_HEIGHT = 32;

export function rowDomId(id: string): string {
  return `session-row-${id}`;
}

export interface SessionRowProps {
  record: SessionRecord;
  index: number;
  start: number;
  selected: boolean;
  /** The keyboard's row inside a multiple selection (outlined). */
  current: boolean;
  /** Current time, bucketed, so "3 minutes ago" stays right without a timer per row. */
  now: number;
}

function focusTable(): void {
  document.querySelector<HTMLElement>('[data-testid="sessions-table"]')?.focus({ preventScroll: true });
}

/** Flashes the row when its record changes after it was first shown. */
function useFlash(record: SessionRecord): number {
  const [flash, setFlash] = useState(0);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setFlash((n) => n + 1);
  }, [record]);
  return flash;
}

export const SessionRow = memo(function SessionRow({ record, index, start, selected, current, now }: SessionRowProps) {
  const { t } = useTranslation();
  const flash = useFlash(record);
  const target = { app: record.app, id: record.id };
  const os = osLabel(record);
  const tooltip = t('table.tooltip', {
    device: record.deviceDescription || '—',
    os,
    deviceId: record.deviceId || '—',
    id: record.id,
    ip: record.ip || '—',
    language: record.language || '—',
    appVersion: record.appVersion || '—',
  });
  const classes = [
    'row',
    record.status === 'accepted' ? 'row--accepted' : '',
    selected ? 'row--selected' : '',
    current ? 'row--current' : '',
    flash ? `row--flash-${flash % 2}` : '',
    index % 2 ? 'row--odd' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      id={rowDomId(record.id)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={classes}
      data-testid="session-row"
      data-id={record.id}
      data-status={record.status ?? 'invalid'}
      title={tooltip}
      style={{ transform: `translateY(${start}px)` }}
      onMouseDown={(e) => {
        if (e.button !== 0) return;
        const kind = clickKind(e);
        if (kind !== 'plain') e.preventDefault(); // no text selection on Shift-click
        clickRow(record.id, kind);
      }}
      onClick={focusTable}
      onContextMenu={(e) => {
        e.preventDefault();
        e.stopPropagation();
        // Right-click inside a selection keeps it (the menu acts on the row); outside, it selects the row.
        if (!useUi.getState().selection.ids.has(record.id)) clickRow(record.id, 'plain');
        openMenu({ x: e.clientX, y: e.clientY, ref: target });
      }}
    >
      <div role="gridcell" className="cell cell--device col--device">
        <input
          type="checkbox"
          className="row-check"
          tabIndex={-1}
          checked={selected}
          aria-label={t('selection.selectRow', { label: record.deviceDescription || record.id })}
          data-testid="row-check"
          onMouseDown={(e) => e.stopPropagation()}
          onClick={(e) => {
            e.stopPropagation();
            clickRow(record.id, e.shiftKey ? 'range' : 'toggle');
            focusTable();
          }}
          onChange={() => undefined}
        />
        <span className="cell__text">{record.deviceDescription || record.deviceId || '—'}</span>
        {record.simulator ? <span className="tag tag--sim">{t('table.simulator')}</span> : null}
        <OverwrittenMark app={record.app} id={record.id} />
        {record.warnings.length ? (
          <span
            className="cell__warning"
            role="img"
            aria-label={t('table.warnings', { count: record.warnings.length })}
            title={record.warnings.map((w) => w.message).join('\n')}
          >
            <WarningIcon size={13} />
          </span>
        ) : null}
      </div>
      <div role="gridcell" className="cell col--os">
        <span className="cell__text">{osShortLabel(record)}</span>
      </div>
      <div role="gridcell" className="cell cell--email col--email">
        <EmailCell target={target} email={record.email} label={record.deviceDescription || record.id} />
      </div>
      <div role="gridcell" className="cell col--language">
        <span className="cell__text">{record.language}</span>
      </div>
      <IpCell ip={record.ip} />
      <div role="gridcell" className="cell cell--status col--status">
        <StatusSelect target={target} status={record.status} inRow />
      </div>
      <ChangedCell record={record} now={now} className="col--changed" />
    </div>
  );
});
