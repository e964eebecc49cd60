// One of several real processes editing the SAME session through SessionActions
// (the pipeline the desktop app, browser mode and the command line share): e-mail
// sets with unique values interleaved with status flips. Run by
// electron/engine/lock/cross-process.test.ts with tsx.
// argv: <root> <dataDir> <app> <id> <process index> <edits>

import { ActionRecorder } from '../../electron/engine/actions/action-recorder';
import { SessionActions } from '../../electron/engine/actions/session-actions';
import { UndoLog } from '../../electron/engine/actions/undo-log';
import { AuditLog } from '../../electron/engine/audit/audit-log';
import { folderTrash } from '../../electron/engine/edit/session-delete';
import { UnpushedStore } from '../../electron/engine/push/unpushed-store';

async function main(): Promise<void> {
  const [root, dataDir, app, id, indexText, countText] = process.argv.slice(2) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const proc = Number(indexText);
  const count = Number(countText);
  const unpushed = new UnpushedStore(dataDir);
  await unpushed.load();
  const recorder = new ActionRecorder(new AuditLog(dataDir, { source: `hammer-${proc}`, fsync: false }), unpushed);
  const actions = new SessionActions({ root, trash: folderTrash(`${dataDir}/Trash`), recorder, undo: new UndoLog() });
  const ref = { app, id };
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const out =
      i % 2 === 0
        ? await actions.setEmail([ref], `p${proc}-${i}@example.com`)
        : await actions.setStatus([ref], (i + proc) % 4 === 1 ? 'accepted' : 'pending');
    failed += out.failed.length;
    if (out.failed.length > 0) process.stderr.write(`${JSON.stringify(out.failed[0])}\n`);
  }
  const failures = await recorder.settled();
  process.stdout.write(`${JSON.stringify({ proc, failed, recordFailures: failures.length })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
