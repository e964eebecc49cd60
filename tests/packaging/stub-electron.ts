// A fake, unpacked Linux Electron distribution for `electronDist`, so electron-builder can pack
// the app without downloading Electron. It holds what builder copies and inspects:
//   electron   — the executable builder renames to the app's name. It carries Electron's
//                fuse sentinel and a fuse wire in Electron's shipped state, so builder's
//                @electron/fuses step really flips it and the test can read the result back.
//   LICENSE, LICENSES.chromium.html, version, resources/
import { chmodSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './builder-files';

/** From @electron/fuses: the marker that precedes the fuse wire inside the Electron binary. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's default wire, in FuseV1Options order: RunAsNode on, cookie encryption off,
 * NODE_OPTIONS on, --inspect on, asar integrity off, only-load-from-asar off,
 * browser V8 snapshot off, file:// extra privileges on.
 */
const SHIPPED_WIRE = '10110001';

export function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export function createStubElectronDist(dir: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const header = Buffer.from('#!/bin/sh\necho "stub Electron for packaging tests" >&2\nexit 1\n# ', 'ascii');
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, SHIPPED_WIRE.length]), // wire version 1, wire length
    Buffer.from(SHIPPED_WIRE, 'ascii'),
    Buffer.from('\n', 'ascii'),
  ]);
  const executable = join(dir, 'electron');
  writeFileSync(executable, Buffer.concat([header, wire]));
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Electron license (stub)\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<html><body>Chromium licenses (stub)</body></html>\n');
  writeFileSync(join(dir, 'version'), electronVersion());
  return dir;
}
