// Runs resumable work (shared `Steps`) a slice at a time, giving the event loop back
// between slices: 100,000 sessions are merged and sorted while the window still
// scrolls, takes clicks and repaints, instead of freezing for a second.

import type { Steps } from '../../../shared/session-sort';

/** Work per slice: well inside a frame's budget at 60 Hz with room for input and paint. */
export const SLICE_MS = 12;

/** Resolves on the next task (a MessageChannel message: no 4 ms clamp, as nested timers have). */
/** The members of a MessagePort used here: the DOM's and Node's (tests, the bench) both have them, typed apart. */
interface Port {
  onmessage: ((event: unknown) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel() as unknown as { port1: Port; port2: Port };
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export interface PacedOptions {
  sliceMs?: number;
  /** Checked between slices: true stops the work (its result would be of no use). */
  cancelled?: () => boolean;
  /** How a slice gives the event loop back (tests pass their own). */
  yieldTo?: () => Promise<void>;
}

/** Runs `steps` in slices of about `sliceMs`; its result, or null when cancelled on the way. */
export async function runPaced<T>(steps: Steps<T>, options: PacedOptions = {}): Promise<{ value: T } | null> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const yieldTo = options.yieldTo ?? nextTask;
  for (;;) {
    const start = performance.now();
    do {
      const next = steps.next();
      if (next.done) return { value: next.value };
    } while (performance.now() - start < sliceMs);
    await yieldTo();
    if (options.cancelled?.()) return null;
  }
}
