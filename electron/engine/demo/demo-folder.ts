// A realistic, deterministic MobileApps folder for the demo mode, tests, the
// benchmark and end-to-end runs. Same seed and options → same bytes.
//
// Helpers for one session file (usable without writing a folder):
//   buildSessionJson({ bundleId, teamId, sessionId, status, email, platform, style, seed, extra, token })
//     → the file's text, with a valid token unless `token` is given.
//   randomSessionId(rng) → 40 hex digits;  createRng(seed) → deterministic PRNG in [0, 1).

import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionStatus } from '../../../shared/types';
import { encodeSessionToken } from '../session/session-token';

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for fixtures. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/** n hex digits, 8 per draw (the generator must write 100,000 sessions fast). */
function hex(rng: Rng, n: number): string {
  let s = '';
  while (s.length < n) {
    const v = (rng() * 0x100000000) >>> 0;
    s += (BYTE_HEX[v >>> 24] as string) + BYTE_HEX[(v >>> 16) & 255] + BYTE_HEX[(v >>> 8) & 255] + BYTE_HEX[v & 255];
  }
  return s.length === n ? s : s.slice(0, n);
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function randomSessionId(rng: Rng): string {
  return hex(rng, 40);
}

function uuid(rng: Rng): string {
  const h = hex(rng, 32).toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// --- formatting, as 4D writes it ------------------------------------------------

/**
 * 'doc': 4D's documented layout (top-level keys unindented, nested keys 2 spaces, no
 * space after ':'); 'tabs' / 'spaces2': pretty-printed; 'minified': one line.
 */
export type JsonStyle = 'doc' | 'tabs' | 'spaces2' | 'minified';

export interface FormatOptions {
  style?: JsonStyle;
  eol?: '\n' | '\r\n';
  trailingNewline?: boolean;
}

export function formatJson(value: unknown, opts: FormatOptions = {}): string {
  const style = opts.style ?? 'tabs';
  const eol = opts.eol ?? '\n';
  let text: string;
  if (style === 'minified') text = JSON.stringify(value);
  else if (style === 'tabs') text = JSON.stringify(value, null, '\t');
  else if (style === 'spaces2') text = JSON.stringify(value, null, 2);
  else text = formatDoc(value, 0);
  if (eol !== '\n') text = text.replace(/\n/g, eol);
  return opts.trailingNewline ? text + eol : text;
}

function formatDoc(value: unknown, level: number): string {
  const indent = (l: number) => '  '.repeat(Math.max(0, l - 1));
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => indent(level + 1) + formatDoc(v, level + 1));
    return `[\n${items.join(',\n')}\n${indent(level)}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const members = entries.map(([k, v]) => `${indent(level + 1)}${JSON.stringify(k)}:${formatDoc(v, level + 1)}`);
    return `{\n${members.join(',\n')}\n${indent(level)}}`;
  }
  return JSON.stringify(value);
}

// --- one session ------------------------------------------------------------------

export interface SessionSpec {
  bundleId: string;
  /** Team id; null or '' for Android / no team (then no "team" field is written). */
  teamId?: string | null;
  appName?: string;
  appVersion?: string;
  sessionId?: string;
  platform?: 'ios' | 'android';
  status?: SessionStatus;
  email?: string;
  /** Seeds the device, language, ip… when not given. */
  seed?: number;
  style?: JsonStyle;
  eol?: '\n' | '\r\n';
  trailingNewline?: boolean;
  /** Extra top-level fields appended after token (servers add e.g. userInfo). */
  extra?: Record<string, unknown>;
  /** Overrides the computed token (to build a mismatching one). */
  token?: string;
}

const LANGUAGES = [
  { id: 'en_US', code: 'en', region: 'US' },
  { id: 'fr_FR', code: 'fr', region: 'FR' },
  { id: 'es_ES', code: 'es', region: 'ES' },
  { id: 'pt_BR', code: 'pt', region: 'BR' },
] as const;
const FIRST = ['alice', 'bruno', 'chloe', 'diego', 'emma', 'felipe', 'gabriel', 'hugo', 'ines', 'joao', 'lea', 'marta'];
const DOMAINS = ['example.com', 'acme.fr', 'empresa.es', 'exemplo.com.br', '4d-demo.net'];
const IPHONES = ['iPhone 15 Pro', 'iPhone 14', 'iPhone 13 mini', 'iPhone SE (3rd generation)', 'iPhone X'];
const IPADS = ['iPad Pro (12.9-inch) (6th generation)', 'iPad Air (5th generation)', 'iPad (10th generation)'];
const IOS_VERSIONS = ['16.7.2', '17.4.1', '17.5', '18.0', '18.1'];
const ANDROID_MODELS = ['Pixel 8', 'Pixel 7a', 'SM-S918B', 'SM-A546B', 'moto g84 5G'];
const ANDROID_VERSIONS = ['29 (Android 10)', '31 (Android 12)', '33 (Android 13)', '34 (Android 14)'];
const ROLES = ['sales', 'support', 'manager', 'field'];

/** The session as an object, keys in 4D's order. */
export function buildSessionObject(spec: SessionSpec, rng: Rng = createRng(spec.seed ?? 1)): Record<string, unknown> {
  const platform = spec.platform ?? (spec.teamId ? 'ios' : 'android');
  const teamId = spec.teamId ?? '';
  const sessionId = spec.sessionId ?? randomSessionId(rng);
  const language = pick(rng, LANGUAGES);
  const email = spec.email ?? (rng() < 0.15 ? '' : `${pick(rng, FIRST)}.${hex(rng, 3)}@${pick(rng, DOMAINS)}`);
  const status = spec.status ?? (rng() < 0.75 ? 'accepted' : 'pending');
  const ip =
    rng() < 0.5
      ? `::ffff:192.168.${Math.floor(rng() * 255)}.${1 + Math.floor(rng() * 254)}`
      : `10.0.${Math.floor(rng() * 255)}.${1 + Math.floor(rng() * 254)}`;
  const json: Record<string, unknown> = {
    application: {
      id: spec.bundleId,
      name: spec.appName ?? spec.bundleId.split('.').pop(),
      version: spec.appVersion ?? '1.0.0',
    },
  };
  if (teamId) json.team = { id: teamId };
  json.language = { ...language };
  json.email = email;
  json.device = platform === 'ios' ? iosDevice(rng) : androidDevice(rng);
  if (platform === 'ios') json.send = rng() < 0.7 ? 'link' : 'code';
  json.session = { id: sessionId, ip };
  json.status = status;
  json.token = spec.token ?? encodeSessionToken(spec.bundleId, sessionId, teamId);
  if (rng() < 0.2) json.userInfo = { role: pick(rng, ROLES), region: language.region };
  if (spec.extra) Object.assign(json, spec.extra);
  return json;
}

function iosDevice(rng: Rng): Record<string, unknown> {
  const ipad = rng() < 0.25;
  const device: Record<string, unknown> = {
    description: ipad ? pick(rng, IPADS) : pick(rng, IPHONES),
    version: pick(rng, IOS_VERSIONS),
    id: uuid(rng),
  };
  // Sessions from older app builds have no "os" field (like 4D's documented example).
  if (rng() < 0.9) device.os = ipad ? 'iPadOS' : 'iOS';
  if (rng() < 0.1) device.simulator = true; // present only when true
  if (rng() < 0.02) device.jb = true; // present only when jailbroken
  if (rng() < 0.4) device.token = hex(rng, 64); // push token, added later by the app
  return device;
}

function androidDevice(rng: Rng): Record<string, unknown> {
  const simulator = rng() < 0.1;
  const device: Record<string, unknown> = {
    description: simulator ? 'Simulator' : pick(rng, ANDROID_MODELS),
    version: pick(rng, ANDROID_VERSIONS),
    id: hex(rng, 16),
    os: 'Android',
    simulator, // always present on Android
  };
  if (rng() < 0.4) device.token = `${hex(rng, 22)}:APA91b${hex(rng, 40)}`;
  return device;
}

/** One session file's text. See SessionSpec; a random session id is drawn when none is given. */
export function buildSessionJson(spec: SessionSpec, rng?: Rng): string {
  const json = buildSessionObject(spec, rng);
  return formatJson(json, {
    style: spec.style ?? 'tabs',
    eol: spec.eol ?? '\n',
    trailingNewline: spec.trailingNewline ?? false,
  });
}

// --- a whole folder ----------------------------------------------------------------

interface DemoApp {
  teamId: string | null;
  bundleId: string;
  name: string;
  version: string;
  platform: 'ios' | 'android';
  style: JsonStyle;
  eol: '\n' | '\r\n';
  trailingNewline: boolean;
  manifest: boolean;
}

const BASE_APPS: readonly DemoApp[] = [
  {
    teamId: 'UTT7VDX8W5',
    bundleId: 'com.contactApp.Contact',
    name: 'Contact',
    version: '1.0.0',
    platform: 'ios',
    style: 'doc',
    eol: '\n',
    trailingNewline: true,
    manifest: true,
  },
  {
    teamId: 'K7Q2M9X4PL',
    bundleId: 'com.acme.tasks',
    name: 'Tasks',
    version: '2.3.1',
    platform: 'ios',
    style: 'tabs',
    eol: '\n',
    trailingNewline: false,
    manifest: true,
  },
  // Same bundle id, Android build: no team, so the folder is the bundle id alone.
  {
    teamId: null,
    bundleId: 'com.acme.tasks',
    name: 'Tasks',
    version: '2.3.0',
    platform: 'android',
    style: 'spaces2',
    eol: '\n',
    trailingNewline: true,
    manifest: true,
  },
  {
    teamId: 'FAKETEAMID',
    bundleId: 'com.example.prototype',
    name: 'Prototype',
    version: '0.4.0',
    platform: 'ios',
    style: 'tabs',
    eol: '\n',
    trailingNewline: false,
    manifest: true,
  },
  // No manifest.json: the app's name comes from its sessions.
  {
    teamId: null,
    bundleId: 'com.fourd.fieldservice',
    name: 'Field Service',
    version: '3.1.0',
    platform: 'android',
    style: 'spaces2',
    eol: '\n',
    trailingNewline: false,
    manifest: false,
  },
  // Written by a 4D Server on Windows: CRLF line endings.
  {
    teamId: 'R8D3N5W2JH',
    bundleId: 'com.fourd.inventory',
    name: 'Inventory',
    version: '1.2.0',
    platform: 'ios',
    style: 'tabs',
    eol: '\r\n',
    trailingNewline: true,
    manifest: true,
  },
];

function extraApp(i: number, rng: Rng): DemoApp {
  const android = i % 4 === 3;
  const team = Array.from({ length: 10 }, () => pick(rng, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.split(''))).join('');
  return {
    teamId: android ? null : team,
    bundleId: `com.demo.app${i}`,
    name: `Demo App ${i}`,
    version: `1.${i % 10}.0`,
    platform: android ? 'android' : 'ios',
    style: android ? 'spaces2' : 'tabs',
    eol: '\n',
    trailingNewline: i % 2 === 0,
    manifest: true,
  };
}

export interface DemoFolderOptions {
  seed?: number;
  /** Number of app folders (default 6: the six base layouts, then generated ones). */
  apps?: number;
  /** Exact sessions per app; default a seeded 5–40 each. */
  sessionsPerApp?: number;
  /**
   * Spread modification times over the last 180 days (one extra system call per file).
   * Default: on for sets up to 10,000 sessions, off for benchmark-sized ones.
   */
  spreadMtimes?: boolean;
  /**
   * "Now" for the spread modification times, ms since epoch. Default: the real
   * now, so the demo's "last changed" column reads like a live folder; tests
   * that compare pictures pass a fixed date.
   */
  now?: number;
  /** Adds one truncated session file to the first app and gives one session of the second app a mismatching token. */
  withProblems?: boolean;
}

/**
 * Creates parentDir/MobileApps (existing files with the same names are overwritten,
 * others left alone) and returns its path. Also writes key.mobileapp at the root and
 * two non-session files (.DS_Store, notes.txt) that scanners must ignore.
 */
export async function writeDemoFolder(parentDir: string, opts: DemoFolderOptions = {}): Promise<string> {
  const rng = createRng(opts.seed ?? 4242);
  const root = join(parentDir, 'MobileApps');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'key.mobileapp'), `${hex(rng, 64)}\n`);
  const appCount = opts.apps ?? BASE_APPS.length;
  const now = opts.now ?? Date.now();
  let written = 0;
  const spread = opts.spreadMtimes ?? (opts.sessionsPerApp === undefined || appCount * opts.sessionsPerApp <= 10_000);
  for (let a = 0; a < appCount; a++) {
    const app = BASE_APPS[a] ?? extraApp(a, rng);
    const folder = app.teamId ? `${app.teamId}.${app.bundleId}` : app.bundleId;
    const dir = join(root, folder);
    mkdirSync(dir, { recursive: true });
    if (app.manifest) writeFileSync(join(dir, 'manifest.json'), manifestJson(app));
    if (a === 0) writeFileSync(join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1, 66, 117, 100, 49]));
    if (a === 1) writeFileSync(join(dir, 'notes.txt'), 'Devices to approve after the March release.\n');
    const count = opts.sessionsPerApp ?? 5 + Math.floor(rng() * 36);
    for (let s = 0; s < count; s++) {
      const id = randomSessionId(rng);
      const mismatch = opts.withProblems && a === 1 && s === 0;
      const text = buildSessionJson(
        {
          bundleId: app.bundleId,
          teamId: app.teamId,
          appName: app.name,
          appVersion: app.version,
          sessionId: id,
          platform: app.platform,
          style: app.style,
          eol: app.eol,
          trailingNewline: app.trailingNewline,
          // A token made for another session: the server would reject this file.
          ...(mismatch ? { token: encodeSessionToken(app.bundleId, randomSessionId(rng), app.teamId ?? '') } : {}),
        },
        rng,
      );
      const file = join(dir, id);
      writeFileSync(file, text);
      if (spread) {
        const mtime = (now - Math.floor(rng() * 180 * 86_400_000)) / 1000;
        utimesSync(file, mtime, mtime);
      }
      // Keep the event loop responsive while generating big sets.
      if (++written % 512 === 0) await new Promise((r) => setImmediate(r));
    }
    if (opts.withProblems && a === 0) {
      const text = buildSessionJson({ bundleId: app.bundleId, teamId: app.teamId, style: app.style }, rng);
      writeFileSync(join(dir, randomSessionId(rng)), text.slice(0, Math.floor(text.length / 2)));
    }
  }
  return root;
}

function manifestJson(app: DemoApp): string {
  const manifest: Record<string, unknown> = { application: { id: app.bundleId, name: app.name } };
  if (app.teamId) manifest.team = { id: app.teamId };
  manifest.info = { version: app.version, target: app.platform === 'ios' ? 'iOS' : 'android', ideVersion: '20.5' };
  return JSON.stringify(manifest, null, '\t');
}
