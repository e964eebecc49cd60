// Micro-benchmark of parseSessionBytes (run: node --import tsx electron/engine/testing/parse-microbench.ts [count]).
// Builds `count` session files in memory (the demo generator's mix of styles and
// platforms), then times parsing them all, with checks. Prints JSON.

import { buildSessionJson, createRng, randomSessionId } from '../demo/demo-folder';
import { parseSessionBytes } from '../session/session-file';

const count = Number(process.argv[2] ?? 100_000);
const rng = createRng(1);
const styles = ['doc', 'tabs', 'spaces2'] as const;
const files: { app: string; id: string; bytes: Buffer }[] = [];
for (let i = 0; i < count; i++) {
  const android = i % 4 === 3;
  const teamId = android ? null : 'UTT7VDX8W5';
  const bundleId = `com.demo.app${i % 100}`;
  const id = randomSessionId(rng);
  const text = buildSessionJson({ bundleId, teamId, sessionId: id, style: styles[i % 3] }, rng);
  files.push({ app: teamId ? `${teamId}.${bundleId}` : bundleId, id, bytes: Buffer.from(text) });
}
const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0);

function run(): { ms: number; ok: number; warnings: number } {
  let ok = 0;
  let warnings = 0;
  const t0 = performance.now();
  for (const f of files) {
    const r = parseSessionBytes(f.app, f.id, f.bytes, { mtimeMs: 0, size: f.bytes.length });
    if (r.ok) {
      ok++;
      warnings += r.record.warnings.length;
    }
  }
  return { ms: performance.now() - t0, ok, warnings };
}

run(); // warm-up
const runs = [run(), run(), run()];
const best = Math.min(...runs.map((r) => r.ms));
let plainParse = Infinity;
for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  for (const f of files) JSON.parse(f.bytes.toString('utf8'));
  plainParse = Math.min(plainParse, performance.now() - t0);
}
console.log(
  JSON.stringify({
    files: count,
    avgBytes: Math.round(totalBytes / count),
    parseSessionBytesMs: Math.round(best),
    perFileUs: +((best * 1000) / count).toFixed(2),
    plainToStringJsonParseMs: Math.round(plainParse),
    ok: runs[0]?.ok,
    warnings: runs[0]?.warnings,
  }),
);
