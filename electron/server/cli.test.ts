import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { parseCli, USAGE } from './cli';
import { browserModeDataDir } from '../engine/paths';

describe('serve command line', () => {
  it('defaults to loopback, a random port and the demo folder', () => {
    const o = parseCli([], { HOME: '/home/u' });
    expect(o).toMatchObject({ dir: null, port: 0, host: '127.0.0.1', polling: false, pushUrl: null });
  });

  it('reads every option', () => {
    const o = parseCli(
      [
        '--dir',
        'x/MobileApps',
        '--port',
        '4810',
        '--host',
        '0.0.0.0',
        '--polling',
        '--push-url',
        'https://4d.example/4DACTION/r',
        '--data-dir',
        '/tmp/d',
      ],
      {},
    );
    expect(o).toMatchObject({
      dir: resolve('x/MobileApps'),
      port: 4810,
      host: '0.0.0.0',
      polling: true,
      pushUrl: 'https://4d.example/4DACTION/r',
      dataDir: '/tmp/d',
    });
  });

  it('takes --dir several times (one folder per 4D Server), in order, without duplicates', () => {
    const o = parseCli(['--dir', 'a/MobileApps', '--dir', 'b', '--dir', 'a/MobileApps'], {});
    expect(o.dirs).toEqual([resolve('a/MobileApps'), resolve('b')]);
    expect(o.dir).toBe(resolve('a/MobileApps'));
    expect(parseCli([], {}).dirs).toEqual([]);
  });

  it('refuses a bad port, unknown flags and a secret on the command line', () => {
    expect(() => parseCli(['--port', '70000'], {})).toThrow(/--port/);
    expect(() => parseCli(['--port', 'abc'], {})).toThrow(/--port/);
    expect(() => parseCli(['--secret', 's3cr3t'], {})).toThrow();
    expect(() => parseCli(['stray'], {})).toThrow();
  });

  it('keeps its data in the usual per-user place', () => {
    expect(browserModeDataDir({ XDG_DATA_HOME: '/x/share' }, 'linux')).toBe('/x/share/mobile-session-manager');
    expect(browserModeDataDir({ XDG_DATA_HOME: 'relative' }, 'linux')).toMatch(
      /\.local\/share\/mobile-session-manager$/,
    );
    expect(browserModeDataDir({}, 'darwin')).toMatch(
      /Library\/Application Support\/Mobile Session Manager\/browser-mode$/,
    );
    expect(browserModeDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toContain(
      'Mobile Session Manager',
    );
  });
  it('--help and -h ask for the usage, which names every option', () => {
    expect(parseCli(['--help'], {}).help).toBe(true);
    expect(parseCli(['-h'], {}).help).toBe(true);
    expect(parseCli([], {}).help).toBe(false);
    for (const flag of ['--dir', '--port', '--host', '--polling', '--push-url', '--data-dir', 'PUSH_SECRET'])
      expect(USAGE).toContain(flag);
  });
});
