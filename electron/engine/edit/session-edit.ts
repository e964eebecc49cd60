// Editing one session file: status and/or email, applied to the newest bytes on
// disk, written atomically, never producing an invalid session.
//
// Concurrency: 4D Server (or another tool) may rewrite the file at any time. We read,
// edit, write a temp file, then re-stat the target just before the rename; if it
// changed since our read (mtime, size or inode) we start over on the new content.
// A writer that lands in the microseconds between that re-stat and the rename can
// still be overwritten: without OS-level locks that 4D does not take, this window
// cannot be closed, only made tiny.

import type { BigIntStats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../../../shared/api-error';
import { emailValue, sessionStatus } from '../../../shared/api-schema';
import type { SessionRecord, SessionRef, SessionStatus } from '../../../shared/types';
import { AtomicWriteAborted, writeFileAtomic } from './atomic-write';
import { errnoCode, toFsApiError } from '../fs-errors';
import { setJsonStringField } from './json-edit';
import { assertInsideRoot, sessionPath } from '../folder/root';
import { MAX_SESSION_BYTES, parseSessionBytes } from '../session/session-file';
import { readSessionForApi } from '../session/session-read';

export interface SessionEdit {
  status?: SessionStatus;
  email?: string;
}

/** What the file must still say for the edit to go ahead (an undo only reverts what its action wrote). */
export interface EditPrecondition {
  field: 'status' | 'email';
  value: SessionStatus | string;
}

export interface EditResult {
  before: Buffer;
  after: Buffer;
  mtimeMs: number;
  /** The session as it was read (parsed once, here: callers need not parse it again). */
  beforeRecord: SessionRecord;
  /** The session as written (the parse that checked the edit), with the written file's mtime. */
  afterRecord: SessionRecord;
  /** False for a no-op edit: nothing was written. */
  changed: boolean;
}

/** How often to start over when the file keeps changing under us. */
const MAX_ATTEMPTS = 8;
/** A half-written file (another writer mid-write) gets this many short waits before it counts as broken. */
const MALFORMED_RETRIES = 3;
const MALFORMED_WAIT_MS = 15;

export async function editSessionFile(
  root: string,
  ref: SessionRef,
  edit: SessionEdit,
  expect?: EditPrecondition,
): Promise<EditResult> {
  // The engine's one check of the value, before any byte is written; the transports
  // (IPC, HTTP) check their arguments against the same schemas at their boundary.
  validateEdit(edit);
  const path = sessionPath(root, ref);
  await assertInsideRoot(root, path);
  // A session file that is a symlink is refused when read (never followed, as the
  // scan and the watcher list it as a problem), so the rename below only ever
  // replaces a regular file of this app folder.
  const label = `session ${ref.id} of app ${ref.app}`;

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { bytes, stats, record } = await readStable(path, ref, label);
    const mtimeMs = Number(stats.mtimeNs / 1_000_000n);
    const beforeRecord = { ...record, mtimeMs };
    if (expect) checkPrecondition(record, expect, label);
    const { after, afterRecord } = applyEdit(bytes, ref, edit, label);
    if (after.equals(bytes))
      return { before: bytes, after: bytes, mtimeMs, beforeRecord, afterRecord: beforeRecord, changed: false };
    try {
      await writeFileAtomic(path, after, {
        fsync: true,
        beforeRename: async () => unchanged(path, stats, label),
      });
    } catch (err) {
      if (err instanceof AtomicWriteAborted) continue; // someone wrote meanwhile: redo on the newest bytes
      throw err;
    }
    const written = await stat(path).catch(() => null);
    const writtenMs = written?.mtimeMs ?? Date.now();
    return {
      before: bytes,
      after,
      mtimeMs: writtenMs,
      beforeRecord,
      afterRecord: { ...afterRecord, mtimeMs: writtenMs },
      changed: true,
    };
  }
  throw new ApiError('io', `Cannot edit ${label}: the file kept changing while it was being edited. Try again.`);
}

function checkPrecondition(record: SessionRecord, expect: EditPrecondition, label: string): void {
  const now = record[expect.field];
  if (now === expect.value) return;
  const shown = now === null || now === '' ? 'empty' : `"${now}"`;
  throw new ApiError(
    'conflict',
    `${capitalize(label)} changed since: its ${expect.field} is now ${shown}, not "${expect.value}"; it was left as it is.`,
  );
}

function validateEdit(edit: SessionEdit): void {
  if (edit.status === undefined && edit.email === undefined) {
    throw new ApiError('invalid-argument', 'Nothing to edit: give a status or an email.');
  }
  if (edit.status !== undefined && !sessionStatus.safeParse(edit.status).success) {
    throw new ApiError('invalid-argument', `Status ${JSON.stringify(edit.status)} is not "accepted" or "pending".`);
  }
  if (edit.email !== undefined && !emailValue.safeParse(edit.email).success) {
    throw new ApiError(
      'invalid-argument',
      `${JSON.stringify(edit.email)} is not a plausible e-mail address (or empty).`,
    );
  }
}

interface ReadResult {
  bytes: Buffer;
  stats: BigIntStats;
}

/** Reads the newest bytes and parses them (the one parse of what is on disk); a file that does not parse gets a few short waits (it may be mid-write). */
async function readStable(
  path: string,
  ref: SessionRef,
  label: string,
): Promise<ReadResult & { record: SessionRecord }> {
  for (let i = 0; ; i++) {
    const read = await readSession(path, label);
    const parsed = parseSessionBytes(ref.app, ref.id, read.bytes, { mtimeMs: 0, size: read.bytes.length });
    if (parsed.ok) return { ...read, record: parsed.record };
    if (parsed.code === 'too-large' || parsed.code === 'encoding' || i >= MALFORMED_RETRIES) {
      throw new ApiError('invalid-session', `Cannot edit ${label}: ${parsed.reason}`);
    }
    await sleep(MALFORMED_WAIT_MS);
  }
}

async function readSession(path: string, label: string): Promise<ReadResult> {
  const read = await readSessionForApi(path, capitalize(label));
  if (read.stats.size > MAX_SESSION_BYTES) {
    throw new ApiError('invalid-session', `Cannot edit ${label}: the file is larger than ${MAX_SESSION_BYTES} bytes.`);
  }
  return { bytes: read.bytes, stats: read.big };
}

function missingOr(err: unknown, label: string, path: string): ApiError {
  if (errnoCode(err) === 'ENOENT') return new ApiError('not-found', `${capitalize(label)} no longer exists on disk.`);
  return toFsApiError(err, `Cannot read ${label}`, path);
}

/** The edited bytes, re-parsed and checked; throws ApiError('invalid-session') rather than write a bad file. */
function applyEdit(
  bytes: Buffer,
  ref: SessionRef,
  edit: SessionEdit,
  label: string,
): { after: Buffer; afterRecord: SessionRecord } {
  // Keep the BOM (if any) in the text: setJsonStringField skips it and preserves it.
  let text = bytes.toString('utf8');
  try {
    if (edit.status !== undefined) text = setJsonStringField(text, ['status'], edit.status);
    if (edit.email !== undefined) text = setJsonStringField(text, ['email'], edit.email);
  } catch (err) {
    throw new ApiError('invalid-session', `Cannot edit ${label}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const after = Buffer.from(text, 'utf8');
  const parsed = parseSessionBytes(ref.app, ref.id, after, { mtimeMs: 0, size: after.length });
  const ok =
    parsed.ok &&
    (edit.status === undefined || parsed.json.status === edit.status) &&
    (edit.email === undefined || parsed.json.email === edit.email);
  if (!ok) throw new ApiError('invalid-session', `Cannot edit ${label}: the edited file would not be a valid session.`);
  return { after, afterRecord: parsed.record };
}

/** True when the file is still the one we read; throws not-found if it vanished meanwhile. */
async function unchanged(path: string, read: BigIntStats, label: string): Promise<boolean> {
  let now: BigIntStats;
  try {
    now = await stat(path, { bigint: true });
  } catch (err) {
    // Never resurrect a session someone deleted while we were editing it.
    throw missingOr(err, label, path);
  }
  return now.mtimeNs === read.mtimeNs && now.size === read.size && now.ino === read.ino && now.ctimeNs === read.ctimeNs;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
