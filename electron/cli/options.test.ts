import { describe, expect, it } from 'vitest';
import { parseArgs } from 'node:util';
import { EXIT, CliError } from './cli-error';
import {
  COMMON_OPTIONS,
  FILTER_OPTIONS,
  apps,
  filterFrom,
  hasFilter,
  parseRefs,
  sortFrom,
  type OptionValues,
} from './options';

/** The values node:util parseArgs gives a command, as run.ts calls it. */
function values(args: string[]): OptionValues {
  const options = {
    ...COMMON_OPTIONS,
    ...FILTER_OPTIONS,
    sort: { type: 'string' as const },
    asc: { type: 'boolean' as const },
    desc: { type: 'boolean' as const },
  };
  return parseArgs({ args, options, allowPositionals: true, strict: true }).values as OptionValues;
}

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError && err.exitCode === EXIT.usage) return err.message;
    throw err;
  }
  throw new Error('no usage error');
}

describe('CLI option values', () => {
  it('turns filter options into a SessionFilter', () => {
    expect(
      filterFrom(
        values([
          '--status',
          'pending',
          '--platform',
          'IOS',
          '--no-simulator',
          '--older-than',
          '30',
          '-s',
          'jo',
          '--language',
          'en',
          '--app-version',
          '2.0',
        ]),
      ),
    ).toEqual({
      status: 'pending',
      platform: 'ios',
      simulator: false,
      olderThanDays: 30,
      search: 'jo',
      language: 'en',
      appVersion: '2.0',
    });
    expect(filterFrom(values([]))).toEqual({});
  });

  it('keeps repeated --app in order and knows when any filter was given', () => {
    const v = values(['-a', 'A', '--app', 'B']);
    expect(apps(v)).toEqual(['A', 'B']);
    expect(hasFilter(v)).toBe(true);
    expect(hasFilter(values(['--dir', 'x']))).toBe(false);
  });

  it('refuses bad values with a usage error (exit 2) naming the option', () => {
    expect(usage(() => filterFrom(values(['--status', 'maybe'])))).toMatch(/--status/);
    expect(usage(() => filterFrom(values(['--platform', 'palm'])))).toMatch(
      /--platform must be one of ios, ipados, android/,
    );
    expect(usage(() => filterFrom(values(['--older-than=-1'])))).toMatch(/--older-than/);
    expect(usage(() => filterFrom(values(['--older-than', ' '])))).toMatch(/--older-than/);
    expect(usage(() => filterFrom(values(['--simulator', '--no-simulator'])))).toMatch(/cannot be combined/);
    expect(usage(() => sortFrom(values(['--sort', 'colour'])))).toMatch(/--sort/);
  });

  it('parses <app folder>/<session id>, once each', () => {
    expect(parseRefs(['T.com.x/ABC', 'T.com.x/ABC', 'U/DEF'])).toEqual([
      { app: 'T.com.x', id: 'ABC' },
      { app: 'U', id: 'DEF' },
    ]);
    for (const bad of ['ABC', '/ABC', 'T.com.x/', '../x/ABC'])
      expect(
        usage(() => parseRefs([bad])),
        bad,
      ).toMatch(/is not a session/);
  });

  it('sorts newest first by default, A→Z when a column is named', () => {
    expect(sortFrom(values([]))).toEqual({ column: 'changed', direction: 'desc' });
    expect(sortFrom(values(['--sort', 'device']))).toEqual({ column: 'device', direction: 'asc' });
    expect(sortFrom(values(['--sort', 'device', '--desc']))).toEqual({ column: 'device', direction: 'desc' });
    expect(sortFrom(values(['--asc']))).toEqual({ column: 'changed', direction: 'asc' });
  });
});
