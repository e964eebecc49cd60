// How the folder shown is watched, and why ("Polling: network share (fuse.sshfs)"),
// with the per-folder choice Auto / Native events / Polling. Shown in the status
// bar, so it is there in browser mode too (where the folder list may be hidden).
// A mode forced for every folder at start (browser mode's --polling) is shown
// without the choice.

import { useTranslation } from 'react-i18next';
import type { WatchPreference, WorkspaceState } from '../../../../shared/types';
import { setWatchMode } from './folder-actions';
import { useFolders } from './folders-store';

type Tr = (key: string, opts?: Record<string, unknown>) => string;

export function watchLabel(state: Pick<WorkspaceState, 'watchMode' | 'watch'>, t: Tr): string {
  const w = state.watch;
  if (!w) return state.watchMode === 'polling' ? t('status_bar.polling') : t('status_bar.live');
  if (w.reason === 'forced') return t(`status_bar.watchForced_${w.mode}`);
  if (w.reason === 'chosen') return t(`status_bar.watchChosen_${w.mode}`);
  if (w.reason === 'network')
    return w.fsType ? t('status_bar.watchNetwork', { fsType: w.fsType }) : t('status_bar.watchNetworkUnknown');
  return t('status_bar.live');
}

const CHOICES: { value: WatchPreference; key: string }[] = [
  { value: 'auto', key: 'status_bar.watchAuto' },
  { value: 'native', key: 'status_bar.watchNative' },
  { value: 'polling', key: 'status_bar.watchPolling' },
];

export function WatchModeControl({ state }: { state: WorkspaceState }) {
  const { t } = useTranslation();
  const active = useFolders((s) => s.folders.find((f) => f.active));
  const busy = useFolders((s) => s.busy !== null && s.busy === active?.id);
  const label = watchLabel(state, t);
  const className = `statusbar__watch statusbar__watch--${state.watchMode}`;
  if (!active || !state.watch || state.watch.reason === 'forced') {
    return (
      <span className={className} data-testid="watch-mode">
        {label}
      </span>
    );
  }
  return (
    <label className={`${className} watch-mode`} title={t('status_bar.watchChoose')} data-testid="watch-mode">
      <span>{label}</span>
      <select
        className="statusbar__select"
        aria-label={t('status_bar.watchChoose')}
        data-testid="watch-mode-select"
        value={state.watch.preference}
        disabled={busy}
        onChange={(e) => void setWatchMode(active.id, e.target.value as WatchPreference)}
      >
        {CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {t(c.key)}
          </option>
        ))}
      </select>
    </label>
  );
}
