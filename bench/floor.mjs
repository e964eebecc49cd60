// The floor the scan is compared with, in a fresh process: synchronous
// readdirSync + openSync/readSync/closeSync + JSON.parse of every file.
//   node floor.mjs <root>                    the floor: one thread, openSync(path, 'r')
//   node floor.mjs <root> --safe             the read rule's cost (session/regular-file.ts): open with
//                                            O_RDONLY|O_NOFOLLOW|O_NONBLOCK, fstat the descriptor, read at 0
//   node floor.mjs <root> [--safe] --threads N
//                                            the same loop in N worker threads (this file, started as a
//                                            worker), app folders dealt round-robin
// Prints {ms, cpuMs, files, rssMB, rssDeltaMB}; cpuMs is the whole process's (every thread).
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const SAFE_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Today's floor loop over the given app folders. */
function plainLoop(dirs, buf) {
  let files = 0;
  for (const dir of dirs) {
    for (const name of readdirSync(dir)) {
      const fd = openSync(join(dir, name), 'r');
      const n = readSync(fd, buf, 0, buf.length, null);
      closeSync(fd);
      JSON.parse(buf.toString('utf8', 0, n));
      files++;
    }
  }
  return files;
}

/** The same loop under the read rule: no link followed, no FIFO opened blocking, fstat for type/size/mtime. */
function safeLoop(dirs, buf) {
  let files = 0;
  for (const dir of dirs) {
    for (const name of readdirSync(dir)) {
      const fd = openSync(join(dir, name), SAFE_FLAGS);
      const stats = fstatSync(fd);
      if (!stats.isFile() || stats.size > buf.length) throw new Error(`not a regular session file: ${name}`);
      const n = readSync(fd, buf, 0, buf.length, 0);
      closeSync(fd);
      JSON.parse(buf.toString('utf8', 0, n));
      files++;
    }
  }
  return files;
}

if (!isMainThread) {
  const { dirs, safe } = workerData;
  const buf = Buffer.allocUnsafe(1 << 20);
  parentPort.postMessage((safe ? safeLoop : plainLoop)(dirs, buf));
} else {
  const args = process.argv.slice(2);
  const safe = args.includes('--safe');
  const t = args.indexOf('--threads');
  const threads = t >= 0 ? Number(args[t + 1]) : 0;
  if (t >= 0 && !(Number.isInteger(threads) && threads >= 1)) throw new Error('--threads needs an integer >= 1');
  const root = args.find((a, i) => !a.startsWith('--') && (t < 0 || i !== t + 1));
  if (!root) throw new Error('usage: node floor.mjs <root> [--safe] [--threads N]');

  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const dirs = [];
  for (const app of readdirSync(root, { withFileTypes: true })) {
    if (app.isDirectory()) dirs.push(join(root, app.name)); // skip key.mobileapp and any other plain file
  }
  let files;
  if (threads === 0) {
    files = (safe ? safeLoop : plainLoop)(dirs, Buffer.allocUnsafe(1 << 20));
  } else {
    const shares = Array.from({ length: threads }, () => []);
    dirs.forEach((dir, i) => shares[i % threads].push(dir));
    const counts = await Promise.all(
      shares.map(
        (share) =>
          new Promise((resolve, reject) => {
            const worker = new Worker(new URL(import.meta.url), { workerData: { dirs: share, safe }, execArgv: [] });
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.once('exit', (code) => reject(new Error(`floor worker exited with ${code}`)));
          }),
      ),
    );
    files = counts.reduce((a, b) => a + b, 0);
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    JSON.stringify({
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      files,
      rssMB: process.memoryUsage().rss / 1e6,
      rssDeltaMB: (process.memoryUsage().rss - rssBefore) / 1e6,
    }),
  );
}
