// The delaying proxy in a process of its own. In-process, a synchronous file
// call on the mount (existsSync, readFileSync) would block the very event loop
// that must forward its SFTP packets: a deadlock no real share has.
// Protocol over the fork IPC channel: it sends {port} once listening, answers
// 'bytes' with {up, down}.

import { startDelayProxy } from './delay-proxy';

const [targetPort, delayMs] = process.argv.slice(2).map(Number);
if (!targetPort || delayMs === undefined || Number.isNaN(delayMs)) {
  console.error('usage: delay-proxy-process <targetPort> <delayMs>');
  process.exit(2);
}
const proxy = await startDelayProxy(targetPort, delayMs);
process.send?.({ port: proxy.port });
process.on('message', (m) => {
  if (m === 'bytes') process.send?.(proxy.bytes());
});
process.on('disconnect', () => void proxy.close().then(() => process.exit(0)));
