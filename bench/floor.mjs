// The floor the scan is compared with, in a fresh process: synchronous
// readdirSync + openSync/readSync/closeSync + JSON.parse of every file.
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const buf = Buffer.allocUnsafe(1 << 20);
let files = 0;
for (const app of readdirSync(root, { withFileTypes: true })) {
  if (!app.isDirectory()) continue;
  const dir = join(root, app.name);
  for (const name of readdirSync(dir)) {
    const fd = openSync(join(dir, name), 'r');
    const n = readSync(fd, buf, 0, buf.length, null);
    closeSync(fd);
    JSON.parse(buf.toString('utf8', 0, n));
    files++;
  }
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
