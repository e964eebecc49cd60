import { describe, expect, it } from 'vitest';
import { decodeMethod, parseArguments } from './api-handler';
import { HttpFailure } from './http-failure';

function failure(fn: () => unknown): HttpFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof HttpFailure) return err;
    throw err;
  }
  throw new Error('did not fail');
}

describe('API request body', () => {
  it('is a JSON array of arguments; an empty body means none', () => {
    expect(parseArguments('')).toEqual([]);
    expect(parseArguments('[1,"a",{"b":null}]')).toEqual([1, 'a', { b: null }]);
  });

  it('refuses anything else with 400 and says why', () => {
    expect(failure(() => parseArguments('[1,'))).toMatchObject({ status: 400, code: 'invalid-argument' });
    expect(failure(() => parseArguments('[1,')).message).toMatch(/not valid JSON/);
    expect(failure(() => parseArguments('{}')).message).toMatch(/JSON array/);
    expect(failure(() => parseArguments('"x"')).status).toBe(400);
  });

  it('decodes the method name, leaving a malformed one for dispatch to refuse', () => {
    expect(decodeMethod('getState')).toBe('getState');
    expect(decodeMethod('get%53tate')).toBe('getState');
    expect(decodeMethod('%E0%A4%A')).toBe('%E0%A4%A');
  });
});
