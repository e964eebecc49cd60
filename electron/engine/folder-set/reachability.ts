// Is an opened root still there? A share can vanish after it was opened
// (unmounted, root deleted) without the Workspace noticing (its watcher just goes
// quiet), so the folder registry asks on a timer and after files vanish.

import { stat } from 'node:fs/promises';

/** Null when the root answers as a folder; else why not. A hung share counts as unreachable. */
export async function reachability(root: string, timeoutMs: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((done) => {
    timer = setTimeout(
      () => done(`The folder ${root} does not respond (no answer within ${Math.round(timeoutMs / 1000)} s).`),
      timeoutMs,
    );
    timer.unref();
  });
  const check = stat(root).then(
    (st) => (st.isDirectory() ? null : `${root} is no longer a folder.`),
    (err: unknown) => {
      const code = (err as { code?: unknown }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR')
        return `The folder ${root} is no longer there (share disconnected or folder removed).`;
      return `The folder ${root} cannot be reached (${String(code ?? err)}).`;
    },
  );
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
