// One session of a root read for an answer (getSession, pre-flight, push checks):
// the safe read (regular file, no link followed, bounded), parsed once, as the
// SessionDetail the API returns. Shared by the open folder and the command line.

import { ApiError } from '../../../shared/api-error';
import type { SessionDetail, SessionRef } from '../../../shared/types';
import { assertInsideRoot, sessionPath } from '../folder/root';
import { parseSessionBytes } from './session-file';
import { readSessionForApi } from './session-read';

export async function readSessionDetail(root: string, ref: SessionRef): Promise<SessionDetail> {
  const path = sessionPath(root, ref);
  await assertInsideRoot(root, path);
  const label = `Session ${ref.id} of app ${ref.app}`;
  const { bytes, stats } = await readSessionForApi(path, label);
  const parsed = parseSessionBytes(ref.app, ref.id, bytes, {
    mtimeMs: stats.mtimeMs,
    size: bytes.length || stats.size,
  });
  if (!parsed.ok) throw new ApiError('invalid-session', `${label}: ${parsed.reason}`);
  return { record: parsed.record, json: parsed.json, location: path };
}
