// A MobileApps folder holding every odd file of issue 11's table, beside a canary
// file outside the folder whose content must never be shown, read into a record,
// or changed. Real FIFOs (mkfifo), real symlinks, real permissions.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree, newId, sessionText, type TempTree } from '../../electron/engine/testing/engine-fixtures';

export const CANARY_EMAIL = 'canary-outside@leak.example';
export const CANARY_NAME = 'CANARY-OUTSIDE-APP-NAME';
export const ESC_APP = 'com.evil\u001b]0;pwned\u0007\u001b[2J';
export const ESC_EMAIL_MARK = '\u001b[31mred';

export interface HostileTree extends TempTree {
  /** The app holding most odd files. */
  app: string;
  fifo: string;
  deep: string;
  duplicate: string;
  symlinkOut: string;
  escSession: string;
  canaryFile: string;
  canaryHash(): string;
  /** The folder that cannot be read by a non-root user (permission tests). */
  lockedApp: string;
}

export function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

export function makeHostileTree(): HostileTree {
  const tree = makeTree(2, 2);
  const app = tree.apps[0]!.folder;
  const spec = tree.apps[0]!;
  const dir = join(tree.root, app);
  const canaryFile = join(tree.base, 'canary.json');
  writeFileSync(
    canaryFile,
    JSON.stringify({ email: CANARY_EMAIL, status: 'accepted', application: { name: CANARY_NAME, id: 'x' } }),
  );
  const canaryHash = () => createHash('sha256').update(readFileSync(canaryFile)).digest('hex');

  const fifo = newId();
  mkfifo(join(dir, fifo));
  const deep = newId();
  writeFileSync(join(dir, deep), '['.repeat(100_000) + ']'.repeat(100_000));
  const duplicate = newId();
  const dupText = sessionText(spec, duplicate, 0, 'pending').replace(/\}\s*$/, ',\n\t"status": "pending"\n}\n');
  writeFileSync(join(dir, duplicate), dupText);
  const symlinkOut = newId();
  symlinkSync(canaryFile, join(dir, symlinkOut));

  // manifest.json as a FIFO in the second app; as a link out in a third one.
  const second = tree.apps[1]!.folder;
  execFileSync('rm', [join(tree.root, second, 'manifest.json')]);
  mkfifo(join(tree.root, second, 'manifest.json'));
  const third = 'com.linked.manifest';
  mkdirSync(join(tree.root, third));
  symlinkSync(canaryFile, join(tree.root, third, 'manifest.json'));

  // An app folder and an e-mail with ESC / OSC sequences.
  mkdirSync(join(tree.root, ESC_APP));
  const escSession = newId();
  const escText = sessionText({ ...spec, folder: ESC_APP }, escSession, 0, 'pending').replace(
    /"email":\s*"[^"]*"/,
    `"email": ${JSON.stringify(`x${ESC_EMAIL_MARK}\u009b31m@evil.example`)}`,
  );
  writeFileSync(join(tree.root, ESC_APP, escSession), escText);

  // An app folder nobody but its owner (root) can read.
  const lockedApp = 'com.locked.app';
  mkdirSync(join(tree.root, lockedApp));
  writeFileSync(join(tree.root, lockedApp, newId()), sessionText(spec, newId(), 0));
  chmodSync(join(tree.root, lockedApp), 0o700);
  return { ...tree, app, fifo, deep, duplicate, symlinkOut, escSession, canaryFile, canaryHash, lockedApp };
}

/** Lets user 65534 (nobody) read and write the tree except the locked app folder. */
export function openToNobody(tree: HostileTree): void {
  execFileSync('chmod', ['-R', 'a+rwX', tree.base]);
  chmodSync(join(tree.root, tree.lockedApp), 0o700);
  chmodSync(tree.canaryFile, 0o644);
}

/** Control characters a terminal acts on: C0 but tab/newline/CRLF, DEL, C1. */
// eslint-disable-next-line no-control-regex
export const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/;
