// Runs one step per distinct session, a few at a time (a network share answers
// many small requests in parallel much faster than one by one), and collects
// each session's failure instead of stopping at the first.

import { toErrorInfo } from '../../../shared/api-error';
import type { ActionFailure, SessionRef } from '../../../shared/types';

/** Files edited/deleted in parallel by one action. */
export const ACTION_CONCURRENCY = 8;

export interface PerRefResult {
  done: SessionRef[];
  failed: ActionFailure[];
}

/** Runs `step` for each distinct ref (a ref named twice runs once); never throws. */
export async function runPerRef(
  refs: readonly SessionRef[],
  step: (ref: SessionRef) => Promise<void>,
  concurrency = ACTION_CONCURRENCY,
): Promise<PerRefResult> {
  const unique = new Map<string, SessionRef>();
  for (const r of refs) unique.set(refKey(r), { app: r.app, id: r.id });
  const list = [...unique.values()];
  const succeeded = new Array<boolean>(list.length).fill(false);
  const failed: ActionFailure[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < list.length) {
      const i = next++;
      const ref = list[i] as SessionRef;
      try {
        await step(ref);
        succeeded[i] = true;
      } catch (err) {
        failed.push({ ref, error: toErrorInfo(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, lane));
  // Done in the order asked (a command line prints them), whatever order they finished in.
  return { done: list.filter((_, i) => succeeded[i]), failed };
}

export function refKey(ref: SessionRef): string {
  return `${ref.app}/${ref.id}`;
}
