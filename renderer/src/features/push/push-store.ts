// Push progress and its last result. The unpushed count itself comes from the engine.

import { create } from 'zustand';
import type { PushResult } from '../../../../shared/types';

export type PushPhase = 'idle' | 'checking' | 'pushing';

export interface PushStore {
  phase: PushPhase;
  last: PushResult | null;
  /** Test connection, run from the settings dialog. */
  testing: boolean;
  testResult: PushResult | null;
}

const initial: PushStore = { phase: 'idle', last: null, testing: false, testResult: null };

export const usePush = create<PushStore>(() => ({ ...initial }));

export function resetPush(): void {
  usePush.setState({ ...initial }, true);
}
