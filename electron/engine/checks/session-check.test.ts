import { describe, expect, it } from 'vitest';
import { buildSessionObject } from '../demo/demo-folder';
import { emailValue } from '../../../shared/api-schema';
import { checkSession, decodeSessionToken, encodeSessionToken, isPlausibleEmail } from './session-check';
import { tokenMatchesExactly } from '../session/session-token';
import { dropsSession } from '../../../shared/session-warnings';
import type { SessionWarning } from '../../../shared/types';

const ID = 'a3f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8';

function session(bundleId: string, teamId: string | null, extra: Partial<Record<string, unknown>> = {}) {
  return { ...buildSessionObject({ bundleId, teamId, sessionId: ID, seed: 7 }), ...extra };
}
const codes = (w: { code: string }[]) => w.map((x) => x.code);

describe('tokens', () => {
  it('encodes without padding and decodes back', () => {
    const t = encodeSessionToken('com.x.y', ID, 'ABCDE12345');
    expect(t).not.toContain('=');
    expect(decodeSessionToken(t)).toEqual({ appNameID: 'com.x.y', id: ID, teamID: 'ABCDE12345' });
  });
  it('tolerates padding and the url-safe alphabet', () => {
    const json = JSON.stringify({ appNameID: 'com.x.y?>', id: ID, teamID: '' });
    const padded = Buffer.from(json).toString('base64');
    expect(decodeSessionToken(padded)).toEqual(JSON.parse(json));
    const urlSafe = padded.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(decodeSessionToken(urlSafe)).toEqual(JSON.parse(json));
  });
  it('returns null for undecodable tokens', () => {
    for (const t of [
      '',
      'not base64!',
      'a',
      Buffer.from('hello').toString('base64'),
      Buffer.from('[1,2]').toString('base64'),
    ]) {
      expect(decodeSessionToken(t), t).toBeNull();
    }
  });
});

describe('tokenMatchesExactly (the scan fast path)', () => {
  it('agrees with encodeSessionToken across apps, ids and alphabets', () => {
    const cases: [string, string, string][] = [
      ['com.x.y', ID, 'ABCDE12345'],
      ['com.x.yz', ID, ''],
      ['com.x.y', 'f'.repeat(40), 'ABCDE12345'],
      ['com.zoë.app', ID, 'ABCDE12345'],
      ['com.x.y', 'é-id', ''],
      ['c', '1', 'T'],
    ];
    for (const [b, i, t] of cases) {
      const good = encodeSessionToken(b, i, t);
      expect(tokenMatchesExactly(good, b, i, t), `${b} ${i} ${t}`).toBe(true);
      expect(tokenMatchesExactly(`${good}=`, b, i, t)).toBe(false); // padded: left to the full check
      expect(tokenMatchesExactly(good.slice(0, -1), b, i, t)).toBe(false);
      expect(tokenMatchesExactly(encodeSessionToken(b, `${i}0`, t), b, i, t)).toBe(false);
      expect(tokenMatchesExactly(encodeSessionToken(b, i, `${t}X`), b, i, t)).toBe(false);
      expect(tokenMatchesExactly(encodeSessionToken(`${b}.q`, i, t), b, i, t)).toBe(false);
    }
  });
});

describe('checkSession: folder layouts', () => {
  it('accepts <TEAM>.<bundle> for iOS', () => {
    expect(checkSession('ABCDE12345.com.x.y', ID, session('com.x.y', 'ABCDE12345'))).toEqual([]);
  });
  it('accepts <bundle> alone when the team is missing (Android) or empty', () => {
    expect(checkSession('com.x.y', ID, session('com.x.y', null))).toEqual([]);
    expect(checkSession('com.x.y', ID, session('com.x.y', null, { team: { id: '' } }))).toEqual([]);
  });
  it('accepts FAKETEAMID.<bundle> when team.id is FAKETEAMID', () => {
    expect(checkSession('FAKETEAMID.com.x.y', ID, session('com.x.y', 'FAKETEAMID'))).toEqual([]);
  });
  it('accepts an older Android session kept in a TEAM.bundle folder', () => {
    expect(
      checkSession(
        'OLDTEAM123.com.x.y',
        ID,
        session('com.x.y', 'OLDTEAM123', { device: { id: 'x', os: 'Android', simulator: false } }),
      ),
    ).toEqual([]);
  });
  it('explains folder mismatches, including FAKETEAMID', () => {
    const w = checkSession('FAKETEAMID.com.x.y', ID, session('com.x.y', 'ABCDE12345'));
    expect(codes(w)).toEqual(['folder-mismatch']);
    expect(w[0]?.message).toContain('"ABCDE12345.com.x.y"');
    expect(w[0]?.message).toContain('FAKETEAMID.com.x.y');
    const w2 = checkSession('ABCDE12345.com.x.y', ID, session('com.x.y', null));
    expect(codes(w2)).toEqual(['folder-mismatch']);
    expect(w2[0]?.message).toContain('bundle id alone');
    expect(codes(checkSession('ABCDE12345.com.other', ID, session('com.x.y', 'ABCDE12345')))).toEqual([
      'folder-mismatch',
    ]);
  });
});

describe('checkSession: id, token, schema, status, email', () => {
  const app = 'ABCDE12345.com.x.y';
  it('flags a file name that is not session.id', () => {
    const w = checkSession(app, 'ffffffffffffffffffffffffffffffffffffffff', session('com.x.y', 'ABCDE12345'));
    expect(codes(w)).toEqual(['id-mismatch']);
  });
  it('flags a token made for another session', () => {
    const other = encodeSessionToken('com.x.y', 'b'.repeat(40), 'ABCDE12345');
    const w = checkSession(app, ID, session('com.x.y', 'ABCDE12345', { token: other }));
    expect(codes(w)).toEqual(['token-mismatch']);
    expect(w[0]?.message).toContain('session.id');
  });
  it('accepts a padded token, flags an undecodable or missing one', () => {
    const padded = Buffer.from(JSON.stringify({ appNameID: 'com.x.y', id: ID, teamID: 'ABCDE12345' })).toString(
      'base64',
    );
    expect(checkSession(app, ID, session('com.x.y', 'ABCDE12345', { token: padded }))).toEqual([]);
    const bad = checkSession(app, ID, session('com.x.y', 'ABCDE12345', { token: '%%%' }));
    expect(codes(bad)).toEqual(['token-mismatch']);
    expect(bad[0]?.message).toContain('cannot be decoded');
    expect(codes(checkSession(app, ID, session('com.x.y', 'ABCDE12345', { token: undefined })))).toEqual([
      'token-missing',
    ]);
  });
  it('reports fields 4D files carry but whose need is undocumented as advice, identity fields as errors', () => {
    const json = session('com.x.y', 'ABCDE12345', { device: 'iPhone', email: 42 });
    const w = checkSession(app, ID, json);
    expect(codes(w)).toEqual(['field-advice', 'field-advice']);
    expect(w.map((x) => x.message).join(' ')).toMatch(
      /email should be a string but is number 42.*device should be an object but is string "iPhone"/,
    );
    expect(w.some(dropsSession)).toBe(false);
    const noSession = session('com.x.y', 'ABCDE12345');
    delete noSession.session;
    const missing = checkSession(app, ID, noSession);
    expect(codes(missing)).toContain('schema');
    expect(missing.find((x) => x.code === 'schema')?.message).toMatch(/drops the session/);
    const noAppId = session('com.x.y', 'ABCDE12345', { application: { name: 'X' } });
    expect(
      checkSession(app, ID, noAppId)
        .filter(dropsSession)
        .map((x) => x.code),
    ).toContain('schema');
  });
  it('an odd e-mail or an unknown status is advice: it never claims the server drops the session', () => {
    const status = checkSession(app, ID, session('com.x.y', 'ABCDE12345', { status: 'Accepted' }));
    expect(codes(status)).toEqual(['status-invalid']);
    const email = checkSession(app, ID, session('com.x.y', 'ABCDE12345', { email: 'bob at example' }));
    expect(codes(email)).toEqual(['email-invalid']);
    for (const w of [...status, ...email]) {
      expect(dropsSession(w), w.code).toBe(false);
      expect(w.message).not.toMatch(/drop|reject|server (only|will|requires)/i);
    }
    expect(checkSession(app, ID, session('com.x.y', 'ABCDE12345', { email: '' }))).toEqual([]);
  });
  it("4D's documented errors (location, token, schema) drop the session", () => {
    const drops = (w: SessionWarning[]) => w.length > 0 && w.every(dropsSession);
    expect(drops(checkSession('OTHER.com.x.y', ID, session('com.x.y', 'ABCDE12345')))).toBe(true);
    expect(drops(checkSession(app, 'abcdef', session('com.x.y', 'ABCDE12345')))).toBe(true);
    expect(drops(checkSession(app, ID, session('com.x.y', 'ABCDE12345', { token: '%%%' })))).toBe(true);
    expect(drops(checkSession(app, ID, session('com.x.y', 'ABCDE12345', { token: undefined })))).toBe(true);
  });
});

describe('isPlausibleEmail', () => {
  it('agrees with the API schema', () => {
    const samples = [
      '',
      'a@b.co',
      'a@b',
      'a b@c.de',
      '@b.co',
      'a@@b.co',
      'zoë@exemplo.com.br',
      `${'a'.repeat(250)}@b.co`,
      'x@y.z\n',
    ];
    for (const s of samples) expect(isPlausibleEmail(s), s).toBe(emailValue.safeParse(s).success);
  });
});
