import { describe, expect, it } from 'vitest';
import { displayWidth, formatAge, formatTable, printable } from '../../electron/cli/table';

describe('terminal table', () => {
  it('neutralizes control characters so a device name cannot drive the terminal', () => {
    expect(printable('iPhone\u001b[2J\u001b]0;pwned\u0007')).toBe('iPhone?[2J?]0;pwned?');
    expect(printable('a\nb\rc\u009bd\u2028e')).toBe('a?b?c?d?e');
    expect(printable('Émile’s iPad 📱')).toBe('Émile’s iPad 📱');
  });

  it('measures wide and combining characters in terminal columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('📱')).toBe(2);
  });

  it('aligns columns, cuts long cells with an ellipsis, right-aligns when asked', () => {
    const out = formatTable(
      [{ header: 'NAME', max: 6 }, { header: 'N', align: 'right' }, { header: 'NOTE' }],
      [
        ['short', '7', ''],
        ['a much longer name', '1234', 'x\ty'],
        ['日本語', '1', 'z'],
      ],
    );
    expect(out).toBe(['NAME       N  NOTE', 'short      7', 'a muc…  1234  x?y', '日本語     1  z', ''].join('\n'));
  });

  it('formats ages', () => {
    const now = 1_000_000_000;
    expect(formatAge(now - 5_000, now)).toBe('5 s');
    expect(formatAge(now - 125_000, now)).toBe('2 min');
    expect(formatAge(now - 3 * 3_600_000, now)).toBe('3 h');
    expect(formatAge(now - 40 * 86_400_000, now)).toBe('40 d');
    expect(formatAge(now + 60_000, now)).toBe('0 s');
  });
});
