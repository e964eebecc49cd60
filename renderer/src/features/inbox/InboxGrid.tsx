// The pending sessions as a virtualized grid, with a Folder column when several folders are open.

import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionRecord } from '../../../../shared/types';
import { useWorkspace } from '../../store/workspace';
import { useVirtualRows } from '../../ui/VirtualRows';
import { useFolders } from '../folders/folders-store';
import { reviewKey, useInbox } from './inbox-store';
import { INBOX_ROW_HEIGHT, InboxRow } from './InboxRow';
import { InboxSelectAll } from './InboxSelectAll';

const INBOX_HEADER_HEIGHT = 30;

/** The pending sessions as a virtualized grid: the same scroller, rows and cells as the sessions table. */
export function InboxGrid({ rows, order }: { rows: SessionRecord[]; order: string[] }) {
  const { t } = useTranslation();
  const selection = useInbox((s) => s.selection);
  const reviewed = useInbox((s) => s.reviewed);
  const apps = useWorkspace((s) => s.apps);
  const folders = useFolders((s) => s.folders);
  const folderLabels = useMemo(() => (folders.length > 1 ? new Map(folders.map((f) => [f.id, f.label])) : null), [folders]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualRows({ keys: order, scrollRef, rowHeight: INBOX_ROW_HEIGHT, headerHeight: INBOX_HEADER_HEIGHT });
  const [now] = useState(() => Date.now());

  // Two apps may share a name (the iOS and Android builds): then the platform tells them apart.
  const names = useMemo(() => {
    const count = new Map<string, number>();
    for (const a of apps) count.set(a.name, (count.get(a.name) ?? 0) + 1);
    const platform = { ios: 'iOS', android: 'Android', unknown: '' } as const;
    return new Map(apps.map((a) => [a.folder, (count.get(a.name) ?? 0) > 1 && platform[a.platform] ? `${a.name} · ${platform[a.platform]}` : a.name]));
  }, [apps]);

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
      data-multi={selection.multi ? 'true' : undefined}
      data-testid="inbox-grid"
    >
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
              record={r}
              order={order}
              index={item.index}
              start={item.start - INBOX_HEADER_HEIGHT}
              selected={selection.ids.has(key) && (selection.multi || selection.ids.size === 1)}
              kept={reviewed.has(reviewKey(r))}
              appName={names.get(r.app) ?? r.app}
              folderLabel={folderLabels ? (folderLabels.get(r.folder ?? '') ?? r.folder ?? '') : null}
              now={now}
            />
          );
        })}
      </div>
    </div>
  );
}
