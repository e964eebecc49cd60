// Child process of the benchmark: writes session files into a MobileApps folder
// (new files and rewrites of existing ones), one every --gap ms, and reports
// when each write completed (epoch ms, high resolution) to the parent.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appSpecs, hexId, rng, sessionText } from '../electron/engine/testing/dataset';

const [root, countArg, gapArg, appsArg] = process.argv.slice(2);
const count = Number(countArg ?? 200);
const gap = Number(gapArg ?? 15);
const apps = appSpecs(Number(appsArg ?? 3));
const rand = rng(99);
const now = () => performance.timeOrigin + performance.now();

let i = 0;
const timer = setInterval(() => {
  if (i >= count) {
    clearInterval(timer);
    process.send?.({ type: 'end' }, () => process.exit(0));
    return;
  }
  const app = apps[i % apps.length]!;
  const id = hexId(rand);
  const path = join(root!, app.folder, id);
  writeFileSync(path, sessionText(app, id, i, 'pending'));
  process.send?.({ type: 'wrote', id, at: now(), path });
  i++;
}, gap);
