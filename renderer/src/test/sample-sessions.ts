// Sample sessions for renderer tests, the UI preview and the table bench: a few apps with
// hand-picked records, and as many generated ones as wanted.

import type { AppFolder, Problem, SessionRecord } from '../../../shared/types';

/** The fake clock's "now": sample times are set relative to it. */
export const T0 = Date.UTC(2025, 0, 15, 9, 30);

export function makeRecord(app: string, id: string, over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    app,
    id,
    status: 'accepted',
    email: `${id.slice(0, 6)}@example.com`,
    deviceDescription: `iPhone ${id.slice(0, 2)}`,
    deviceId: `DEV-${id.slice(0, 8).toUpperCase()}`,
    os: 'iOS',
    osVersion: '17.4',
    simulator: false,
    language: 'en_US',
    ip: '192.168.1.10',
    appVersion: '1.0.0',
    mtimeMs: T0,
    size: 812,
    warnings: [],
    ...over,
  };
}

function hexId(n: number): string {
  return ((n * 2654435761) >>> 0).toString(16).padStart(8, '0') + n.toString(16).padStart(32, '0');
}

/** The default data: an iOS app, an Android app, a FAKETEAMID app, and one problem. */
export function sampleData(): { apps: Omit<AppFolder, 'counts'>[]; sessions: SessionRecord[]; problems: Problem[] } {
  const ios = 'UTT7VDX8W5.com.contactApp.Contact';
  const android = 'com.acme.tasks';
  const fake = 'FAKETEAMID.com.acme.fieldnotes';
  const sessions: SessionRecord[] = [
    makeRecord(ios, 'a1c0ffee00000000000000000000000000000001', {
      deviceDescription: 'iPhone 15 Pro',
      email: 'alice@acme.com',
      mtimeMs: T0 - 3 * 3600_000,
    }),
    makeRecord(ios, 'b2c0ffee00000000000000000000000000000002', {
      deviceDescription: 'iPad Air',
      os: 'iPadOS',
      osVersion: '17.4',
      email: 'bob@acme.com',
      status: 'pending',
      language: 'fr_FR',
      ip: '10.0.0.7',
      mtimeMs: T0 - 60_000,
    }),
    makeRecord(ios, 'c3c0ffee00000000000000000000000000000003', {
      deviceDescription: 'iPhone 9',
      simulator: true,
      email: '',
      language: 'es_ES',
      ip: '::1',
      mtimeMs: T0 - 26 * 3600_000,
    }),
    makeRecord(android, 'd4c0ffee00000000000000000000000000000004', {
      deviceDescription: 'Pixel 8',
      os: 'Android',
      osVersion: '34 (Android 14)',
      email: 'carol@acme.com',
      status: 'pending',
      ip: '10.0.0.9',
      mtimeMs: T0 - 5 * 60_000,
    }),
    makeRecord(android, 'e5c0ffee00000000000000000000000000000005', {
      deviceDescription: 'Simulator',
      os: 'Android',
      osVersion: '29 (Android Q)',
      simulator: true,
      email: 'dev@acme.com',
      language: 'pt_BR',
      mtimeMs: T0 - 9 * 86400_000,
    }),
    makeRecord(fake, 'f6c0ffee00000000000000000000000000000006', {
      deviceDescription: 'iPhone 13 mini',
      email: 'dan@acme.com',
      warnings: [{ code: 'token-mismatch', message: 'The token names team "UTT7VDX8W5", the session has no team.' }],
    }),
  ];
  return {
    apps: [
      {
        folder: ios,
        bundleId: 'com.contactApp.Contact',
        teamId: 'UTT7VDX8W5',
        fakeTeam: false,
        name: 'Contact',
        platform: 'ios',
        version: '1.0.0',
      },
      {
        folder: android,
        bundleId: 'com.acme.tasks',
        teamId: null,
        fakeTeam: false,
        name: 'Tasks',
        platform: 'android',
        version: '2.3',
      },
      {
        folder: fake,
        bundleId: 'com.acme.fieldnotes',
        teamId: 'FAKETEAMID',
        fakeTeam: true,
        name: 'Field Notes',
        platform: 'ios',
        version: '0.9',
      },
    ],
    sessions,
    problems: [
      {
        app: ios,
        file: '0badf00d',
        code: 'malformed-json',
        reason: 'Unexpected end of JSON input at line 12, column 3.',
        location: `/srv/4d/Data/MobileApps/${ios}/0badf00d`,
        mtimeMs: T0 - 7200_000,
      },
    ],
  };
}

/** Many sessions in one app, for the performance checks and the preview. */
export function manySessions(app: string, n: number): SessionRecord[] {
  const models = ['iPhone 15 Pro', 'iPhone 14', 'iPad Pro', 'iPhone SE', 'iPad mini', 'iPhone 12'];
  const out: SessionRecord[] = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = makeRecord(app, hexId(i + 1000), {
      deviceDescription: `${models[i % models.length]} #${i}`,
      email: i % 7 === 0 ? '' : `user${i}@corp${i % 13}.com`,
      status: i % 5 === 0 ? 'pending' : 'accepted',
      ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      os: i % 3 === 0 ? 'iPadOS' : 'iOS',
      osVersion: `${15 + (i % 3)}.${i % 6}`,
      mtimeMs: T0 - i * 60_000,
    });
  }
  return out;
}
