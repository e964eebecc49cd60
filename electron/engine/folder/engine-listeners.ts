// The subscribers of one engine (a folder, or the set of folders): a listener that
// throws is reported and skipped, so one broken front end never silences the others.

import type { EngineEvent } from '../../../shared/types';

export class EngineListeners {
  private readonly listeners = new Set<(e: EngineEvent) => void>();

  /** Returns the unsubscribe function. */
  add(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        console.error('An engine event listener failed:', err);
      }
    }
  }
}
