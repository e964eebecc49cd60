import { describe, expect, it } from 'vitest';
import { buildSessionJson } from '../demo/demo-folder';
import {
  isSessionFileName,
  MAX_SESSION_BYTES,
  parseAppFolderName,
  parseSessionBytes,
  readManifest,
} from './session-file';
import { encodeSessionToken } from './session-token';

const ID = '7023d9205074199d1c16fc00d24354e778137675';
const APP = 'UTT7VDX8W5.com.contactApp.Contact';
const stat = (bytes: Buffer) => ({ mtimeMs: 1_700_000_000_000, size: bytes.length });

// 4D's documented example, byte for byte (docs: "Session management").
const DOC_EXAMPLE = `{
"application":{
  "id":"com.contactApp.Contact",
  "name":"Contact",
  "version":"1.0.0"
},
"team":{
  "id":"UTT7VDX8W5"
},
"language":{
  "id":"en_US",
  "code":"en",
  "region":"US"
},
"email":"",
"device":{
  "description":"iPhone X",
  "version":"11.3",
  "id":"0DC5132E-1EF4-407C-A832-5FE33D818AF3",
  "simulator":true
},
"send":"link",
"session":{
  "id":"7023d9205074199d1c16fc00d24354e778137675",
  "ip":"::ffff:192.168.5.4"
},
"status":"accepted",
"token":"eyJhcHBOYW1lSUQiOiJjb20uY29udGFjdEFwcC5Db250YWN0IiwiaWQiOiI3MDIzZDkyMDUwNzQxOTlkMWMxNmZjMDBkMjQzNTRlNzc4MTM3Njc1IiwidGVhbUlEIjoiVVRUN1ZEWDhXNSJ9"
}
`;

function parse(text: string | Buffer, app = APP, id = ID) {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return parseSessionBytes(app, id, bytes, stat(bytes));
}

describe('isSessionFileName', () => {
  it('accepts hex ids without extension', () => {
    expect(isSessionFileName(ID)).toBe(true);
    expect(isSessionFileName(ID.toUpperCase())).toBe(true);
    // 4D's rule is ^[[:xdigit:]]+$: any length, short names included.
    for (const name of ['cafe', 'a', 'ABCDEF0123', 'f'.repeat(255)]) expect(isSessionFileName(name), name).toBe(true);
  });
  it('rejects everything else in an app folder', () => {
    const uuid = '0DC5132E-1EF4-407C-A832-5FE33D818AF3'; // dashes: 4D does not load it
    for (const name of [
      'manifest.json',
      '.DS_Store',
      'notes',
      'notes.txt',
      'key.mobileapp',
      `${ID}.json`,
      `.${ID}.msm-abc.tmp`,
      uuid,
      'deadbeefz',
      '',
      `${'a'.repeat(256)}`,
    ]) {
      expect(isSessionFileName(name), name).toBe(false);
    }
  });
});

describe('parseAppFolderName', () => {
  it('splits iOS <TEAM>.<bundle>', () => {
    expect(parseAppFolderName('UTT7VDX8W5.com.contactApp.Contact')).toEqual({
      bundleId: 'com.contactApp.Contact',
      teamId: 'UTT7VDX8W5',
      fakeTeam: false,
    });
  });
  it('reads an Android folder as the bundle id alone', () => {
    expect(parseAppFolderName('com.acme.tasks')).toEqual({ bundleId: 'com.acme.tasks', teamId: null, fakeTeam: false });
  });
  it('flags FAKETEAMID folders', () => {
    expect(parseAppFolderName('FAKETEAMID.com.example.prototype')).toEqual({
      bundleId: 'com.example.prototype',
      teamId: 'FAKETEAMID',
      fakeTeam: true,
    });
  });
  it('keeps odd names whole', () => {
    expect(parseAppFolderName('Contact')).toEqual({ bundleId: 'Contact', teamId: null, fakeTeam: false });
    expect(parseAppFolderName('ABC.')).toEqual({ bundleId: 'ABC.', teamId: null, fakeTeam: false });
    expect(parseAppFolderName('123.com.x').teamId).toBeNull(); // digits only: not a team id
  });
});

describe('parseSessionBytes', () => {
  it("parses 4D's documented example without warnings, inferring iOS", () => {
    const r = parse(DOC_EXAMPLE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record).toMatchObject({
      app: APP,
      id: ID,
      status: 'accepted',
      email: '',
      deviceDescription: 'iPhone X',
      deviceId: '0DC5132E-1EF4-407C-A832-5FE33D818AF3',
      os: 'iOS',
      osVersion: '11.3',
      simulator: true,
      language: 'en_US',
      ip: '::ffff:192.168.5.4',
      appVersion: '1.0.0',
      mtimeMs: 1_700_000_000_000,
    });
    expect(r.record.warnings).toEqual([]);
    expect(Object.keys(r.json)).toEqual([
      'application',
      'team',
      'language',
      'email',
      'device',
      'send',
      'session',
      'status',
      'token',
    ]);
  });

  it('infers Android when device.os is absent and there is no team', () => {
    const text = buildSessionJson({
      bundleId: 'com.acme.tasks',
      teamId: null,
      sessionId: ID,
      platform: 'android',
      seed: 3,
    });
    const json = JSON.parse(text) as { device: Record<string, unknown> };
    delete json.device.os;
    const r = parse(JSON.stringify(json), 'com.acme.tasks');
    expect(r.ok && r.record.os).toBe('Android');
    expect(r.ok && r.record.warnings).toEqual([]);
  });

  it('accepts a UTF-8 BOM and CRLF line endings', () => {
    const r = parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DOC_EXAMPLE.replace(/\n/g, '\r\n'))]));
    expect(r.ok).toBe(true);
    expect(r.ok && r.record.warnings).toEqual([]);
  });

  it('reports invalid UTF-8 and UTF-16 as encoding problems', () => {
    const bad = Buffer.from(DOC_EXAMPLE);
    bad[20] = 0xff;
    expect(parse(bad)).toMatchObject({ ok: false, code: 'encoding' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DOC_EXAMPLE, 'utf16le')]);
    const r = parse(utf16);
    expect(r).toMatchObject({ ok: false, code: 'encoding' });
    expect(!r.ok && r.reason).toContain('UTF-16');
  });

  it('reports empty, truncated and garbage files as malformed JSON with a position', () => {
    expect(parse('')).toMatchObject({ ok: false, code: 'malformed-json', reason: 'The file is empty.' });
    expect(parse(Buffer.from([0xef, 0xbb, 0xbf]))).toMatchObject({ ok: false, code: 'malformed-json' });
    const truncated = parse(DOC_EXAMPLE.slice(0, 300));
    expect(truncated.ok).toBe(false);
    expect(!truncated.ok && truncated.reason).toMatch(/truncated.*|line \d+, column \d+/);
    expect(!truncated.ok && truncated.reason).toMatch(/line \d+, column \d+/);
    const garbage = parse('{"a": 1,, }');
    expect(garbage).toMatchObject({ ok: false, code: 'malformed-json' });
    expect(!garbage.ok && garbage.reason).toContain('line 1, column 9');
    expect(parse('\u0000\u0001binary')).toMatchObject({ ok: false, code: 'malformed-json' });
  });

  it('reports arrays, strings and null as not-an-object', () => {
    for (const text of ['[]', '"x"', 'null', '42'])
      expect(parse(text)).toMatchObject({ ok: false, code: 'not-an-object' });
  });

  it('reports files over the limit as too-large without parsing them', () => {
    const big = Buffer.alloc(MAX_SESSION_BYTES + 1, 0x20);
    const r = parseSessionBytes(APP, ID, big, { mtimeMs: 0, size: big.length });
    expect(r).toMatchObject({ ok: false, code: 'too-large' });
    // The size from stat counts even when the caller read nothing.
    expect(parseSessionBytes(APP, ID, Buffer.alloc(0), { mtimeMs: 0, size: MAX_SESSION_BYTES + 10 })).toMatchObject({
      ok: false,
      code: 'too-large',
    });
  });

  it('gives status null for unknown statuses, with a warning', () => {
    const r = parse(DOC_EXAMPLE.replace('"status":"accepted"', '"status":"revoked"'));
    expect(r.ok && r.record.status).toBeNull();
    expect(r.ok && r.record.warnings.map((w) => w.code)).toEqual(['status-invalid']);
  });
});

describe('readManifest', () => {
  it('reads name, platform and version', () => {
    const ios = {
      application: { id: 'com.x', name: 'X' },
      team: { id: 'ABCDE12345' },
      info: { version: '1.2', target: 'iOS', ideVersion: '20' },
    };
    expect(readManifest(Buffer.from(JSON.stringify(ios)))).toEqual({ name: 'X', platform: 'ios', version: '1.2' });
    const android = { application: { id: 'com.y' }, info: { version: '3', target: 'android' } };
    expect(readManifest(Buffer.from(JSON.stringify(android)))).toEqual({
      name: 'com.y',
      platform: 'android',
      version: '3',
    });
    const both = { application: { name: 'Z' }, info: { target: ['iOS', 'android'] } };
    expect(readManifest(Buffer.from(JSON.stringify(both)))).toEqual({ name: 'Z', platform: 'unknown', version: '' });
  });
  it('returns null for anything unreadable, never throws', () => {
    for (const b of [Buffer.alloc(0), Buffer.from('{nope'), Buffer.from('[1]'), Buffer.from([0xff, 0xfe, 0x00])]) {
      expect(readManifest(b)).toBeNull();
    }
  });
});

describe('token of the documented example', () => {
  it('is what encodeSessionToken builds', () => {
    expect(DOC_EXAMPLE).toContain(`"token":"${encodeSessionToken('com.contactApp.Contact', ID, 'UTT7VDX8W5')}"`);
  });
});
