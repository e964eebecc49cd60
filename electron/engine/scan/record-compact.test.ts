import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../shared/types';
import { ColumnDecoder, ColumnEncoder, NO_WARNINGS, compactWarnings } from './record-compact';
import { parseSessionBytes } from '../session/session-file';

function record(id: string, over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    app: 'com.example.app',
    id,
    status: 'pending',
    email: `${id}@example.com`,
    deviceDescription: 'iPhone 15 Pro Max',
    deviceId: `D-${id}`,
    os: 'iOS',
    osVersion: '34 (Android U)',
    simulator: false,
    language: 'en_US',
    ip: '10.0.0.1',
    appVersion: '1.2.3',
    mtimeMs: 1700000000123.5,
    size: 700,
    warnings: [],
    ...over,
  };
}

describe('compact records', () => {
  it('round-trips every field through the worker wire format', () => {
    const warned = record('B2', { status: null, warnings: [{ code: 'token-missing', message: 'no token' }] });
    const input = [record('A1'), warned];
    const out = new ColumnDecoder().decode('com.example.app', new ColumnEncoder().encode(input));
    expect(out).toEqual(input);
  });

  it('keeps the worker dictionary in step across chunks, with non-ASCII and empty strings', () => {
    const encoder = new ColumnEncoder();
    const decoder = new ColumnDecoder();
    const first = [record('A1', { email: '', ip: '' }), record('A2', { deviceDescription: 'Pixel 8 – été' })];
    const second = [
      record('A3', { osVersion: '17.2', email: 'jörg@exämple.com', simulator: true, status: 'accepted' }),
    ];
    expect(decoder.decode('com.example.app', encoder.encode(first))).toEqual(first);
    const cols = encoder.encode(second);
    expect(cols.newStrings).toEqual(['17.2']); // only what the first chunk did not carry
    expect(decoder.decode('com.example.app', cols)).toEqual(second);
    expect(decoder.decode('com.example.app', encoder.encode([]))).toEqual([]);
  });

  it('shares one frozen empty warnings array, the app string and repeated values', () => {
    const app = ['com.example', 'app'].join('.'); // a distinct string object from the one in the records
    const [a, b] = new ColumnDecoder().decode(app, new ColumnEncoder().encode([record('A1'), record('A2')]));
    expect(a?.warnings).toBe(NO_WARNINGS);
    expect(Object.isFrozen(NO_WARNINGS)).toBe(true);
    expect(a?.app).toBe(app);
    expect(a?.deviceDescription).toBe(b?.deviceDescription);
    expect(compactWarnings([])).toBe(NO_WARNINGS);
  });

  it('parsed sessions without warnings share the frozen array', () => {
    const bytes = Buffer.from(JSON.stringify({ status: 'accepted', email: '' }));
    const parsed = parseSessionBytes('x', 'ABCDEF0123', bytes, { mtimeMs: 1, size: bytes.length });
    expect(parsed.ok && parsed.record.status).toBe('accepted');
    // this file has schema warnings: its own array, untouched
    expect(parsed.ok && parsed.record.warnings.length).toBeGreaterThan(0);
  });
});
