// Runs one async step per session, a few at a time (a network share answers many
// small requests in parallel much faster than one by one), and collects outcomes
// in input order.

import { toErrorInfo } from '../../shared/api-error';
import type { ApiErrorInfo, SessionRef } from '../../shared/types';

export type Outcome<T> = { ref: SessionRef; ok: true; value: T } | { ref: SessionRef; ok: false; error: ApiErrorInfo };

export async function runMany<T>(refs: readonly SessionRef[], step: (ref: SessionRef) => Promise<T>, parallel = 8): Promise<Outcome<T>[]> {
  const out: Outcome<T>[] = new Array(refs.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < refs.length) {
      const i = next++;
      const ref = refs[i]!;
      try {
        out[i] = { ref, ok: true, value: await step(ref) };
      } catch (err) {
        out[i] = { ref, ok: false, error: toErrorInfo(err) };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, refs.length) }, worker));
  return out;
}

/** 0 when nothing failed, 4 when some did, 1 when all did. */
export function exitFor(outcomes: readonly Outcome<unknown>[]): 0 | 1 | 4 {
  const failed = outcomes.filter((o) => !o.ok).length;
  if (failed === 0) return 0;
  return failed === outcomes.length ? 1 : 4;
}
