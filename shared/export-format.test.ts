import { describe, expect, it } from 'vitest';
import type { SessionRecord } from './types';
import { sessionRecord } from './session-record.fixture';
import { EXPORT_COLUMNS, csvField, exportFileName, toCsv, toJson } from './export-format';

function rec(over: Partial<SessionRecord>): SessionRecord {
  return sessionRecord(over);
}

/** A strict RFC 4180 reader, to check that what we write reads back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (field !== '') throw new Error(`quote inside unquoted field at ${i}`);
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      throw new Error(`bare line break at ${i}`);
    } else field += ch;
    i++;
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || row.length > 0) throw new Error('missing final CRLF');
  return rows;
}

describe('toCsv', () => {
  it('writes a header and one CRLF-terminated row per record', () => {
    const csv = toCsv(
      [rec({}), rec({ id: 'b'.repeat(40), status: null })],
      ['id', 'status', 'simulator', 'changed', 'size'],
    );
    expect(csv).toBe(
      'id,status,simulator,changed,size\r\n' +
        `${'a'.repeat(40)},accepted,false,2025-01-02T03:04:05.000Z,700\r\n` +
        `${'b'.repeat(40)},,false,2025-01-02T03:04:05.000Z,700\r\n`,
    );
  });

  it('quotes commas, quotes and line breaks, and reads back to the same text', () => {
    const nasty = ['Bob, "the" phone', 'line1\nline2', 'cr\rlf\r\n', 'plain', '', '"', 'ünïcødé 📱'];
    const records = nasty.map((d, i) => rec({ id: String(i), deviceDescription: d }));
    const csv = toCsv(records, ['id', 'device']);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['id', 'device']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(nasty);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });

  it('defuses formulas at the start of any text cell', () => {
    const payloads = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const records = payloads.map((p, i) => rec({ id: String(i), email: p, deviceDescription: p }));
    const rows = parseCsv(toCsv(records, ['email', 'device']));
    for (const [i, p] of payloads.entries()) {
      expect(rows[i + 1]).toEqual([`'${p}`, `'${p}`]);
    }
    // Not at the start: left alone.
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('user-1@x.io')).toBe('user-1@x.io');
  });

  it('adds a UTF-8 BOM only when asked, and can omit the header', () => {
    const withBom = toCsv([rec({})], ['id'], { bom: true });
    expect(withBom.charCodeAt(0)).toBe(0xfeff);
    expect(withBom.slice(1)).toBe(toCsv([rec({})], ['id']));
    expect(toCsv([rec({})], ['status'], { header: false })).toBe('accepted\r\n');
    expect(toCsv([], ['status'], { header: false })).toBe('');
    expect(toCsv([], ['status'])).toBe('status\r\n');
  });

  it('writes warnings as their codes and every column by default', () => {
    const r = rec({
      warnings: [
        { code: 'token-mismatch', message: 'x' },
        { code: 'id-mismatch', message: 'y' },
      ],
    });
    const rows = parseCsv(toCsv([r]));
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows[1]?.at(-1)).toBe('token-mismatch; id-mismatch');
  });
});

describe('toJson', () => {
  it('keeps types, column order, and every character as is', () => {
    const r = rec({ email: '=cmd|"/c calc"!A1', deviceDescription: 'a,"b"\nc', simulator: true, status: null });
    const text = toJson([r], ['id', 'email', 'device', 'simulator', 'status', 'size', 'changed']);
    expect(text.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(text) as Record<string, unknown>[];
    expect(parsed).toEqual([
      {
        id: 'a'.repeat(40),
        email: '=cmd|"/c calc"!A1',
        device: 'a,"b"\nc',
        simulator: true,
        status: null,
        size: 700,
        changed: '2025-01-02T03:04:05.000Z',
      },
    ]);
    expect(Object.keys(parsed[0]!)).toEqual(['id', 'email', 'device', 'simulator', 'status', 'size', 'changed']);
  });

  it('exports warnings with their messages and an empty list as []', () => {
    const r = rec({ warnings: [{ code: 'schema', message: 'Required field device is missing.' }] });
    expect(JSON.parse(toJson([r], ['warnings']))).toEqual([
      { warnings: [{ code: 'schema', message: 'Required field device is missing.' }] },
    ]);
    expect(toJson([])).toBe('[]\n');
  });
});

describe('exportFileName', () => {
  it('stamps the local date and time', () => {
    expect(exportFileName('csv', new Date(2025, 5, 1, 9, 5))).toBe('sessions-2025-06-01-0905.csv');
    expect(exportFileName('json', new Date(2025, 11, 31, 23, 59))).toBe('sessions-2025-12-31-2359.json');
  });
});
