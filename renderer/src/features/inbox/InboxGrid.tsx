// The pending sessions as a virtualized grid, with a Folder column when several folders are open.
// The grid is one Tab stop: the current row is its aria-activedescendant and the keys of
// inbox-keys.ts move, select, open and delete; after an action removes the current row,
// the row that took its place becomes current and the grid keeps the focus.

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionRecord } from '../../../../shared/types';
import { pageRows, useVirtualRows } from '../../ui/VirtualRows';
import { useFolders } from '../folders/folders-store';
import { useAppNamer } from './app-names';
import { deletePending, inboxMoveTo, inboxToggle } from './inbox-actions';
import { inboxCommand } from './inbox-keys';
import { refOfKey, reviewKey, useInbox } from './inbox-store';
import { INBOX_ROW_HEIGHT, InboxRow, openInTable } from './InboxRow';
import { InboxSelectAll } from './InboxSelectAll';

const INBOX_HEADER_HEIGHT = 30;

/** The pending sessions as a virtualized grid: the same scroller, rows and cells as the sessions table. */
export function InboxGrid({ rows, order }: { rows: SessionRecord[]; order: string[] }) {
  const { t } = useTranslation();
  const selection = useInbox((s) => s.selection);
  const reviewed = useInbox((s) => s.reviewed);
  const folders = useFolders((s) => s.folders);
  const folderLabels = useMemo(
    () => (folders.length > 1 ? new Map(folders.map((f) => [f.id, f.label])) : null),
    [folders],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualRows({
    keys: order,
    scrollRef,
    rowHeight: INBOX_ROW_HEIGHT,
    headerHeight: INBOX_HEADER_HEIGHT,
  });
  const [now] = useState(() => Date.now());
  const idPrefix = useId();
  const rowId = (index: number) => `${idPrefix}-row-${index}`;
  const current = selection.current === null ? -1 : order.indexOf(selection.current);
  const lastIndex = useRef(-1);
  const hadFocus = useRef(false);

  // The current row left (accepted, deleted, kept): the row now at its place becomes current,
  // and focus that fell to the page with the removed button comes back to the grid.
  useEffect(() => {
    if (current >= 0) {
      lastIndex.current = current;
      return;
    }
    if (lastIndex.current < 0 || order.length === 0) return;
    const index = Math.min(lastIndex.current, order.length - 1);
    useInbox.setState((s) => ({
      selection: { ...s.selection, current: order[index]!, anchor: s.selection.anchor ?? order[index]! },
    }));
    const active = document.activeElement;
    if (hadFocus.current && (!active || active === document.body)) scrollRef.current?.focus();
  }, [current, order]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return; // a check box or button in a row keeps its keys
    const command = inboxCommand(e, current, order.length, pageRows(scrollRef.current, INBOX_ROW_HEIGHT));
    if (!command) return;
    e.preventDefault();
    switch (command.kind) {
      case 'move':
        inboxMoveTo(order, command.index, command.extend);
        virtualizer.scrollToIndex(command.index);
        return;
      case 'toggle':
        inboxToggle(order[current]!, order);
        return;
      case 'open': {
        const record = rows[current];
        if (record) void openInTable(refOfKey(order[current]!), record);
        return;
      }
      case 'delete': {
        const keys =
          selection.multi && selection.ids.size > 0
            ? order.filter((k) => selection.ids.has(k))
            : current >= 0
              ? [order[current]!]
              : [];
        if (keys.length > 0) deletePending(keys.map(refOfKey));
        return;
      }
      case 'none':
        return;
    }
  };
  const activeRendered = current >= 0 && virtualizer.getVirtualItems().some((item) => item.index === current);

  // Names of other folders' apps too (app-names.ts); two apps of one name show their platform.
  const appName = useAppNamer();

  const headers: [string, string][] = [
    ...(folderLabels ? ([['inbox-row__folder', t('inbox.folder')]] as [string, string][]) : []),
    ['inbox-row__app', t('inbox.app')],
    ['cell--device', t('columns.device')],
    ['col--os', t('columns.os')],
    ['', t('columns.email')],
    ['col--ip', t('columns.ip')],
    ['cell--time', t('inbox.requested')],
  ];
  return (
    <div
      ref={scrollRef}
      className={`grid inbox-grid${folderLabels ? ' inbox-grid--folders' : ''}`}
      role="grid"
      aria-label={t('inbox.title')}
      aria-rowcount={rows.length + 1}
      aria-multiselectable="true"
      aria-activedescendant={activeRendered ? rowId(current) : undefined}
      aria-describedby={`${idPrefix}-keys`}
      tabIndex={0}
      data-multi={selection.multi ? 'true' : undefined}
      data-testid="inbox-grid"
      onKeyDown={onKeyDown}
      onFocus={() => {
        hadFocus.current = true;
        // Tabbing in: the first row becomes current, so the arrows have somewhere to start.
        if (useInbox.getState().selection.current === null && order.length > 0) inboxMoveTo(order, 0, false, true);
      }}
      onBlur={(e) => {
        if (e.relatedTarget !== null && !e.currentTarget.contains(e.relatedTarget as Node)) hadFocus.current = false;
      }}
    >
      <span id={`${idPrefix}-keys`} className="visually-hidden">
        {t('inbox.keyboardHint')}
      </span>
      <div className="thead" role="rowgroup">
        <div className="row row--header" role="row" aria-rowindex={1}>
          <div role="columnheader" className="cell cell--header inbox-row__check">
            <InboxSelectAll order={order} />
          </div>
          {headers.map(([cls, label]) => (
            <div key={label} role="columnheader" className={`cell cell--header ${cls}`}>
              <span className="header-label" title={label}>
                {label}
              </span>
            </div>
          ))}
          <div role="columnheader" className="cell cell--header inbox-row__actions">
            <span className="visually-hidden">{t('inbox.actions')}</span>
          </div>
        </div>
      </div>
      <div className="tbody" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const r = rows[item.index]!;
          const key = order[item.index]!;
          return (
            <InboxRow
              key={key}
              domId={rowId(item.index)}
              current={item.index === current}
              record={r}
              order={order}
              index={item.index}
              start={item.start - INBOX_HEADER_HEIGHT}
              selected={selection.ids.has(key) && (selection.multi || selection.ids.size === 1)}
              kept={reviewed.has(reviewKey(r))}
              appName={appName(r)}
              folderLabel={folderLabels ? (folderLabels.get(r.folder ?? '') ?? r.folder ?? '') : null}
              now={now}
            />
          );
        })}
      </div>
    </div>
  );
}
