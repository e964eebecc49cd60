import { describe, expect, it } from 'vitest';
import { formatJson } from '../demo/demo-folder';
import { setJsonStringField } from './json-edit';
import { JsonSyntaxError, locateJsonError } from './json-spans';

const SAMPLE = {
  application: { id: 'com.x.y', name: 'Zoë', version: '1.0' },
  email: 'a@b.co',
  device: { id: 'D', description: 'iPhone', token: 'abc', nested: { list: [1, 2.5e3, true, null] } },
  status: 'pending',
  token: 'xyz',
  userInfo: { role: 'sales' },
};

/** What the edit must produce: the same text with only that value changed. */
function expectOnlyChange(before: string, after: string, oldValue: string, newValue: string) {
  expect(after).toBe(before.replace(oldValue, newValue));
}

describe('setJsonStringField keeps every other byte', () => {
  for (const style of ['tabs', 'spaces2', 'doc', 'minified'] as const) {
    for (const eol of ['\n', '\r\n'] as const) {
      for (const trailingNewline of [true, false]) {
        it(`${style}, ${JSON.stringify(eol)}, trailing newline ${trailingNewline}`, () => {
          const text = formatJson(SAMPLE, { style, eol, trailingNewline });
          const after = setJsonStringField(text, ['status'], 'accepted');
          expectOnlyChange(text, after, '"pending"', '"accepted"');
          expect(JSON.parse(after)).toEqual({ ...SAMPLE, status: 'accepted' });
        });
      }
    }
  }

  it('keeps a BOM, unicode escapes and odd spacing elsewhere', () => {
    const text = '\uFEFF{ "name" : "Zo\\u00eb \\/ \\"q\\"" ,\t"email":"x@y.z" , "k":[ ] }\r\n';
    const after = setJsonStringField(text, ['email'], 'new@y.z');
    expect(after).toBe('\uFEFF{ "name" : "Zo\\u00eb \\/ \\"q\\"" ,\t"email":"new@y.z" , "k":[ ] }\r\n');
  });

  it('edits nested values and escapes the new value', () => {
    const text = formatJson(SAMPLE, { style: 'tabs' });
    const after = setJsonStringField(text, ['device', 'description'], 'iPad "Pro"\n');
    expect((JSON.parse(after) as typeof SAMPLE).device.description).toBe('iPad "Pro"\n');
    expectOnlyChange(text, after, '"iPhone"', JSON.stringify('iPad "Pro"\n'));
  });

  it('sets every occurrence of a duplicate key (which one 4D reads is uncertain), bytes elsewhere kept', () => {
    const after = setJsonStringField('{"status":"pending",\n "x":1, "status" : "pending"}', ['status'], 'accepted');
    expect(after).toBe('{"status":"accepted",\n "x":1, "status" : "accepted"}');
  });

  it('refuses a duplicate key holding an object, and a duplicated parent', () => {
    expect(() => setJsonStringField('{"email":"a","email":{"b":1}}', ['email'], 'c')).toThrow(/object/);
    expect(() => setJsonStringField('{"d":{"id":"a"},"d":{"id":"b"}}', ['d', 'id'], 'c')).toThrow(/appears 2 times/);
  });

  it('replaces a non-string scalar but refuses to drop an object', () => {
    expect(setJsonStringField('{"email":null}', ['email'], '')).toBe('{"email":""}');
    expect(() => setJsonStringField('{"email":{"a":1}}', ['email'], '')).toThrow(/object/);
    expect(() => setJsonStringField('{"a":1}', ['device', 'id'], 'x')).toThrow(/parent/);
    expect(() => setJsonStringField('[1]', ['a'], 'x')).toThrow(/not an object/);
  });
});

describe('setJsonStringField inserts an absent key in the local style', () => {
  it('tabs', () => {
    const text = '{\n\t"status": "pending",\n\t"token": "t"\n}\n';
    expect(setJsonStringField(text, ['email'], 'a@b.co')).toBe(
      '{\n\t"status": "pending",\n\t"token": "t",\n\t"email": "a@b.co"\n}\n',
    );
  });
  it("4D's documented layout (top level unindented, no space after colon)", () => {
    const text = '{\n"session":{\n  "id":"x"\n},\n"status":"pending"\n}\n';
    expect(setJsonStringField(text, ['email'], '')).toBe(
      '{\n"session":{\n  "id":"x"\n},\n"status":"pending",\n"email":""\n}\n',
    );
  });
  it('minified', () => {
    expect(setJsonStringField('{"a":1}', ['email'], 'x@y.z')).toBe('{"a":1,"email":"x@y.z"}');
    expect(setJsonStringField('{}', ['email'], 'x@y.z')).toBe('{"email":"x@y.z"}');
  });
  it('into an empty nested object, with CRLF and 2-space indent', () => {
    const text = '{\r\n  "a": {\r\n    "b": 1\r\n  },\r\n  "c": {}\r\n}';
    expect(setJsonStringField(text, ['c', 'd'], 'v')).toBe(
      '{\r\n  "a": {\r\n    "b": 1\r\n  },\r\n  "c": {\r\n    "d": "v"\r\n  }\r\n}',
    );
  });
});

describe('malformed JSON', () => {
  it('throws JsonSyntaxError with line and column', () => {
    const cases: [string, RegExp][] = [
      ['{"a":1,\n"b":}', /line 2, column 5/],
      ['{"a":"unterminated', /truncated/],
      ['{"a":1', /truncated/],
      ['{"a":1} x', /after the end/],
      ['{"a":01}', /Leading zero/],
      ['{"a":"\\x"}', /Invalid escape/],
      ['{"a":"tab\there"}', /Control character/],
      ['', /empty/],
      ['{a:1}', /property name/],
    ];
    for (const [text, msg] of cases) {
      expect(() => setJsonStringField(text, ['a'], 'x'), text).toThrow(JsonSyntaxError);
      expect(locateJsonError(text)?.message, text).toMatch(msg);
    }
  });
  it('agrees with JSON.parse on valid input', () => {
    for (const text of ['{"a":[1,-2.5E+3,{"b":[]}],"c":"\\ud83d\\ude00"}', ' { } ', '{"":""}']) {
      expect(locateJsonError(text)).toBeNull();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });
});
