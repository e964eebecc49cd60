import { describe, expect, it } from 'vitest';
import type { AppFolder, EngineEvent } from '../../shared/types';
import { trackPendingBadge } from './pending-badge';

function appFolder(folder: string, pending: number): AppFolder {
  return {
    folder,
    bundleId: folder,
    teamId: null,
    fakeTeam: false,
    name: folder,
    platform: 'android',
    version: '1.0',
    counts: { total: pending + 1, accepted: 1, pending, problems: 0 },
  };
}

describe('trackPendingBadge', () => {
  it('shows the pending total across apps and only calls the OS when it changes', () => {
    const calls: number[] = [];
    let emit: (e: EngineEvent) => void = () => {};
    const stop = trackPendingBadge({ show: (n: number) => void calls.push(n) }, (l) => {
      emit = l;
      return () => (emit = () => {});
    });
    emit({ type: 'apps', apps: [appFolder('a', 2), appFolder('b', 3)] });
    emit({ type: 'apps', apps: [appFolder('a', 2), appFolder('b', 3)] });
    emit({ type: 'unpushed', count: 4 });
    emit({ type: 'apps', apps: [appFolder('a', 0)] });
    stop();
    emit({ type: 'apps', apps: [appFolder('a', 9)] });
    expect(calls).toEqual([5, 0]);
  });

  it('shows the sum over every open folder once "folders" events arrive', () => {
    const calls: number[] = [];
    let emit: (e: EngineEvent) => void = () => {};
    trackPendingBadge({ show: (n: number) => void calls.push(n) }, (l) => ((emit = l), () => {}));
    emit({ type: 'apps', apps: [appFolder('a', 2)] });
    const f = (id: string, pending: number) => ({
      id,
      root: `/${id}`,
      label: id,
      isDemo: false,
      phase: 'ready' as const,
      error: null,
      pending,
      unpushed: 0,
      active: id === 'a',
      watchMode: 'native' as const,
    });
    emit({ type: 'folders', folders: [f('a', 2), f('b', 5)] });
    emit({ type: 'apps', apps: [appFolder('a', 1)] }); // the active folder alone: ignored now
    emit({ type: 'folders', folders: [f('a', 1), f('b', 5)] });
    expect(calls).toEqual([2, 7, 6]);
  });
});
