// The test share itself: a file the "server" writes shows through the sshfs
// mount, and the proxy counts the traffic. When sshfs/sshd/FUSE/root are missing
// the suite is skipped with the reason (CI installs them: .ci/run).
import { writeFile } from 'node:fs/promises';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shareUnavailable, startTestShare } from './test-share';

const why = shareUnavailable();

describe.skipIf(why !== null)(`test share (sshfs through a delaying proxy)${why ? ` — skipped: ${why}` : ''}`, () => {
  it('shows the server side files through the mount and counts bytes on the wire', async () => {
    const share = await startTestShare({ delayMs: 1, cacheSeconds: 1 });
    try {
      await writeFile(join(share.serverDir, 'a.json'), '{}');
      expect(await readdir(share.mountDir)).toEqual(['a.json']);
      const { up, down } = await share.proxy.bytes();
      expect(up).toBeGreaterThan(0);
      expect(down).toBeGreaterThan(0);
    } finally {
      await share.close();
    }
  });
});
