import { describe, expect, it } from 'vitest';
import { excerpt, isTlsError, readAnswer } from './classify';
import { fixedPushConfig } from './fixed-config';

describe('excerpt', () => {
  it('strips control characters, collapses whitespace and cuts at 300 characters', () => {
    expect(excerpt('a\u0000b\r\n\tc\u001b[31m  d')).toBe('a b c [31m d');
    const long = excerpt('y'.repeat(1000));
    expect(long).toHaveLength(301);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('readAnswer', () => {
  it('reads the 4DACTION answer, the REST-wrapped answer and 4D REST errors', () => {
    const none = { success: null, error: null, code: null, warnings: [] };
    expect(readAnswer('{"success":true}')).toEqual({ ...none, success: true });
    expect(readAnswer('{"success":true,"warnings":["mobi 2: bad json",3]}')).toEqual({
      ...none,
      success: true,
      warnings: ['mobi 2: bad json'],
    });
    expect(readAnswer('{"result":{"success":false,"code":"unauthorized","error":"Unauthorized"}}')).toEqual({
      ...none,
      success: false,
      code: 'unauthorized',
      error: 'Unauthorized',
    });
    expect(readAnswer('{"__ERROR":[{"message":"No such function","errCode":1}]}')).toEqual({
      ...none,
      error: 'No such function',
    });
    expect(readAnswer('<html>')).toEqual(none);
    expect(readAnswer('[true]')).toEqual(none);
  });
});

describe('isTlsError', () => {
  it('recognizes certificate and handshake failures only', () => {
    for (const code of [
      'CERT_HAS_EXPIRED',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'EPROTO',
      'ERR_SSL_WRONG_VERSION_NUMBER',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    ]) {
      expect(isTlsError(code)).toBe(true);
    }
    for (const code of ['ECONNRESET', 'ENOTFOUND', '']) expect(isTlsError(code)).toBe(false);
  });
});

describe('fixedPushConfig (browser mode)', () => {
  it('takes the URL from the flag and the secret from PUSH_SECRET, trimmed', () => {
    expect(fixedPushConfig(' http://h:8080/4DACTION/MSM_RefreshSessions ', { PUSH_SECRET: ' s3cret\n' })).toEqual({
      url: 'http://h:8080/4DACTION/MSM_RefreshSessions',
      secret: 's3cret',
    });
    expect(fixedPushConfig(undefined, {})).toEqual({});
  });
  it('refuses a URL that is not http(s) and a secret that cannot be a header', () => {
    expect(() => fixedPushConfig('ftp://h/x', {})).toThrow(/--push-url/);
    expect(() => fixedPushConfig('', {})).toThrow(/--push-url/);
    expect(() => fixedPushConfig(undefined, { PUSH_SECRET: 'a b' })).toThrow(/PUSH_SECRET/);
  });
});
