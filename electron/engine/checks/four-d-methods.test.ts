// A cheap static guard on the 4D code in docs/4d (we cannot run 4D): no answer goes
// through WEB SEND TEXT, which processes 4D tags such as <!--#4DEVAL …--> in the text
// it sends, and no answer echoes what the caller sent (the request's `action`).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(__dirname, '..', '..', '..', 'docs', '4d');
const methods = readdirSync(DIR)
  .filter((n) => n.endsWith('.4dm'))
  .map((name) => ({ name, code: withoutComments(readFileSync(join(DIR, name), 'utf8')) }));

/** 4D line comments start with //; the guard is about code, not the explanations. */
function withoutComments(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, ''))
    .join('\n');
}

describe('the 4D methods in docs/4d', () => {
  it('exist', () => {
    expect(methods.map((m) => m.name)).toEqual(expect.arrayContaining(['MSM_Perform.4dm', 'MSM_SendJSON.4dm']));
  });

  it('never answer with WEB SEND TEXT (it evaluates 4D tags in the answer)', () => {
    for (const m of methods) expect(m.code, m.name).not.toMatch(/WEB\s+SEND\s+TEXT/i);
  });

  it('answer JSON with WEB SEND BLOB and application/json', () => {
    const send = methods.find((m) => m.name === 'MSM_SendJSON.4dm')!.code;
    expect(send).toMatch(/WEB SEND BLOB\(\$\w+; "application\/json"\)/);
  });

  it("never put the caller's action (or the request) into an answer", () => {
    for (const m of methods) {
      // A string built with the variable holding the input: "…"+$action or $action+"…".
      expect(m.code, m.name).not.toMatch(/\+\s*(\$action|String\(\$request\b)|(\$action|\$request\.action\))\s*\+/);
      // The input copied into an answer field.
      expect(m.code, m.name).not.toMatch(/\$answer\.\w+\s*:=\s*(\$action|\$request|\$bodyText|String\(\$request)/);
    }
  });

  it('say which 4D versions they compile on (Last errors: 19 R8)', () => {
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    expect(readme).toMatch(/19 R8/);
  });
});
