// Terminal safety for every byte the command line prints. App folder names, file
// names, e-mails and device names come from whoever can write into the share; an
// ESC or OSC sequence in one must not be able to retitle, recolour, hide or
// rewrite the admin's terminal (or, on some terminals, type into it). So all
// output goes through one wrapper (runCli wraps the CliIo), rather than each
// command remembering to: human-readable text gets every control character
// replaced, and --json output gets the ones JSON.stringify leaves raw escaped,
// which keeps it exact JSON (it parses to the same values).

import type { CliIo } from './context';

/**
 * C0 controls except tab and newline (a CR only when it does not end a CRLF line),
 * DEL, C1 controls (8-bit CSI/OSC), line/paragraph separators, and the bidi
 * overrides and isolates that can make a shown name read differently from its bytes.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNSAFE_TEXT =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;
/* eslint-enable no-control-regex */

/** Characters JSON.stringify leaves unescaped that a terminal may still act on. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Human-readable text with every unsafe character shown as "?". */
export function terminalText(text: string): string {
  return text.replace(UNSAFE_TEXT, '?');
}

/**
 * JSON text from JSON.stringify, with the characters above written as \u escapes.
 * They can only occur inside strings there (everything else is ASCII), where the
 * escape means the very same character: the JSON parses to identical values.
 */
export function jsonText(text: string): string {
  return text.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The same io, every output made terminal-safe; stdout is JSON when `json` (stderr never is). */
export function terminalSafeIo(io: CliIo, json: boolean): CliIo {
  return {
    ...io,
    out: (text) => io.out(json ? jsonText(text) : terminalText(text)),
    err: (text) => io.err(terminalText(text)),
    confirm: (question) => io.confirm(terminalText(question)),
  };
}
