import { describe, expect, it } from 'vitest';
import { jsonNestingDepth, MAX_JSON_DEPTH } from './json-depth';

describe('jsonNestingDepth', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonNestingDepth('{"a":{"b":[1,2]}}')).toBe(3);
    expect(jsonNestingDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonNestingDepth('{"a":"\\"[[[["}')).toBe(1);
    expect(jsonNestingDepth('42')).toBe(0);
  });

  it('stops early past the limit on a 100,000-deep file', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(jsonNestingDepth(deep)).toBe(MAX_JSON_DEPTH + 1);
  });
});
