// The right-click menu: role=menu, arrow keys / Home / End move, Enter or Space run,
// Escape or a click elsewhere closes and gives focus back to the table.

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostPlatform } from '../../../../shared/types';
import { refresh } from '../../controller/connection';
import { exportSessions } from '../export/export-actions';
import { menuRefs } from './selection-actions';
import { copySessionId, copySessionIds, requestDelete, reveal, setStatus } from './session-actions';
import { closeMenu, useUi } from '../../store/ui';
import { getRecord, useWorkspace } from '../../store/workspace';
import type { SessionRecord, SessionRef } from '../../../../shared/types';
import type { TFunction } from 'i18next';

export function revealLabelKey(host: HostPlatform | undefined): string {
  switch (host) {
    case 'darwin':
      return 'menu.revealDarwin';
    case 'win32':
      return 'menu.revealWin32';
    case 'browser':
      return 'menu.revealBrowser';
    default:
      return 'menu.revealLinux';
  }
}

interface Item {
  key: string;
  label: string;
  run: () => void;
  danger?: boolean;
  disabled?: boolean;
  separatorBefore?: boolean;
}

function rowItems(t: TFunction, host: HostPlatform | undefined, target: SessionRef): Item[] {
  const record = getRecord(target.app, target.id);
  return [
    { key: 'reveal', label: t(revealLabelKey(host)), run: () => void reveal(target) },
    { key: 'copy', label: t('menu.copyId'), run: () => void copySessionId(target) },
    {
      key: 'accept',
      label: t('menu.accept'),
      run: () => void setStatus([target], 'accepted'),
      disabled: record?.status === 'accepted',
      separatorBefore: true,
    },
    {
      key: 'hold',
      label: t('menu.hold'),
      run: () => void setStatus([target], 'pending'),
      disabled: record?.status === 'pending',
    },
    { key: 'delete', label: t('menu.delete'), run: () => requestDelete([target]), danger: true, separatorBefore: true },
  ];
}

/** A row inside a selection of several: every item acts on the whole selection. Reveal is for one file, so it is left out. */
function selectionItems(t: TFunction, refs: SessionRef[]): Item[] {
  const records = refs.map((r) => getRecord(r.app, r.id)).filter((r): r is SessionRecord => r !== undefined);
  const app = useWorkspace.getState().apps.find((a) => a.folder === refs[0]?.app)?.name ?? refs[0]?.app ?? '';
  return [
    { key: 'copy', label: t('menu.copyIds'), run: () => void copySessionIds(refs) },
    {
      key: 'accept',
      label: t('menu.accept'),
      run: () => void setStatus(refs, 'accepted'),
      disabled: records.every((r) => r.status === 'accepted'),
      separatorBefore: true,
    },
    {
      key: 'hold',
      label: t('menu.hold'),
      run: () => void setStatus(refs, 'pending'),
      disabled: records.every((r) => r.status === 'pending'),
    },
    {
      key: 'export-csv',
      label: t('menu.exportCsv'),
      run: () => exportSessions(records, 'csv', `${app}-selection`),
      separatorBefore: true,
    },
    { key: 'export-json', label: t('menu.exportJson'), run: () => exportSessions(records, 'json', `${app}-selection`) },
    { key: 'delete', label: t('menu.delete'), run: () => requestDelete(refs), danger: true, separatorBefore: true },
  ];
}

export function ContextMenu() {
  const menu = useUi((s) => s.menu);
  if (!menu) return null;
  return <MenuView key={`${menu.x},${menu.y},${menu.ref?.id ?? ''}`} />;
}

function MenuView() {
  const { t, i18n } = useTranslation();
  const menu = useUi((s) => s.menu)!;
  const host = useWorkspace((s) => s.state?.host);
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ x: menu.x, y: menu.y });
  const target = menu.ref;
  // Fixed when the menu opens: what it acts on cannot change under the pointer.
  const [refs] = useState(() => (target ? menuRefs(target) : []));
  const many = refs.length > 1;

  const items: Item[] = !target
    ? [{ key: 'refresh', label: t('menu.refresh'), run: () => void refresh() }]
    : many
      ? selectionItems(t, refs)
      : rowItems(t, host, target);

  // Keep the menu inside the window.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const x = Math.max(4, Math.min(menu.x, window.innerWidth - width - 4));
    const y = Math.max(4, Math.min(menu.y, window.innerHeight - height - 4));
    if (x !== pos.x || y !== pos.y) setPos({ x, y });
    el.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) closeMenu();
    };
    const onBlur = () => closeMenu();
    document.addEventListener('mousedown', onDown, true);
    window.addEventListener('blur', onBlur);
    window.addEventListener('resize', onBlur);
    return () => {
      document.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('resize', onBlur);
    };
  }, []);

  const close = () => {
    closeMenu();
    document.querySelector<HTMLElement>('[data-testid="sessions-table"]')?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const all = Array.from(
      ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [],
    );
    const i = all.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    switch (e.key) {
      case 'ArrowDown':
        next = all[(i + 1) % all.length];
        break;
      case 'ArrowUp':
        next = all[(i - 1 + all.length) % all.length];
        break;
      case 'Home':
        next = all[0];
        break;
      case 'End':
        next = all[all.length - 1];
        break;
      case 'Escape':
      case 'Tab':
        e.preventDefault();
        e.stopPropagation();
        close();
        return;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
    next?.focus();
  };

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={t('menu.label')}
      data-testid="context-menu"
      style={{ left: pos.x, top: pos.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {many ? (
        <div className="context-menu__title" role="presentation" data-testid="context-menu-count">
          {t('menu.selectionTitle', { count: refs.length, formatted: refs.length.toLocaleString(i18n.language) })}
        </div>
      ) : null}
      {items.map((item) => (
        <div key={item.key} role="none">
          {item.separatorBefore ? <div className="context-menu__separator" role="separator" /> : null}
          <button
            type="button"
            role="menuitem"
            className={`context-menu__item${item.danger ? ' context-menu__item--danger' : ''}`}
            aria-disabled={item.disabled ? 'true' : undefined}
            tabIndex={-1}
            data-item={item.key}
            onClick={() => {
              if (item.disabled) return;
              close();
              item.run();
            }}
          >
            {item.label}
          </button>
        </div>
      ))}
    </div>
  );
}
