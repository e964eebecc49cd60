// Entry point of `mobile-sessions` (package.json "bin" → bin/mobile-sessions.mjs).
// Wires the real process to runCli; nothing else lives here.

import { createInterface } from 'node:readline/promises';
import type { CliIo } from './context';
import { runCli } from './run';
import { terminalText } from './terminal-safe';

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  // Ctrl-D / Ctrl-C at the prompt closes the interface: that is a "no".
  const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
  try {
    const answer = await Promise.race([rl.question(question), closed]);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

const io: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  interactive: process.stdin.isTTY === true,
  confirm,
};

// Output piped into `head` closes early: that is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(terminalText(`mobile-sessions: internal error: ${text}\n`));
    process.exitCode = 1;
  },
);
