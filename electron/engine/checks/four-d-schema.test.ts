// 4D's schema, found where 4D installs it (real temp folders laid out like 4D and
// 4D Server installations), compiled with ajv, and the rules that follow from it.

import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropsSession } from '../../../shared/session-warnings';
import { buildSessionObject } from '../demo/demo-folder';
import { findInstalledSchema, installRoots, schemaAtUserPath, SCHEMA_IN_RESOURCES } from './four-d-schema';
import { BUILT_IN_RULES, resolveSessionRules } from './session-rules';

const FIXTURE = join(__dirname, 'fixtures', 'mobileSessionSchema.json');
const ID = 'a3f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8';
const APP = 'ABCDE12345.com.x.y';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'msm-4d-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Puts the fixture where a 4D installation keeps it, under `resources`. */
async function install(resources: string, content?: string): Promise<string> {
  const target = join(resources, SCHEMA_IN_RESOURCES);
  await mkdir(join(target, '..'), { recursive: true });
  if (content === undefined) await copyFile(FIXTURE, target);
  else await writeFile(target, content);
  return target;
}

function session(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...buildSessionObject({ bundleId: 'com.x.y', teamId: 'ABCDE12345', sessionId: ID, seed: 7 }), ...extra };
}

describe('finding 4D', () => {
  it('finds a macOS bundle, directly in Applications or one folder down', async () => {
    const apps = join(dir, 'Applications');
    const nested = await install(join(apps, '4D v20 R5', '4D Server.app', 'Contents', 'Resources'));
    expect(findInstalledSchema([apps])).toBe(nested);
    const direct = await install(join(apps, '4D.app', 'Contents', 'Resources'));
    expect([direct, nested]).toContain(findInstalledSchema([apps]));
  });

  it('finds a Windows install (Resources beside the exe) and prefers the newest version', async () => {
    const programFiles4D = join(dir, 'Program Files', '4D');
    await install(join(programFiles4D, '4D v19.5', '4D', 'Resources'));
    const newest = await install(join(programFiles4D, '4D v20.2', '4D Server', 'Resources'));
    expect(findInstalledSchema([programFiles4D])).toBe(newest);
  });

  it('finds nothing in folders that are not 4D, and in missing folders', async () => {
    await install(join(dir, 'Other.app', 'Contents', 'Resources'));
    expect(findInstalledSchema([dir, join(dir, 'missing')])).toBeNull();
  });

  it('knows the usual places per platform', () => {
    expect(installRoots({ platform: 'darwin', env: { HOME: '/Users/a' } })).toEqual([
      '/Applications',
      '/Users/a/Applications',
    ]);
    expect(installRoots({ platform: 'win32', env: { ProgramFiles: 'C:\\Program Files' } })[0]).toMatch(
      /Program Files.4D$/,
    );
    expect(installRoots({ platform: 'linux', env: {} })).toEqual(['/opt']);
  });

  it('takes what the user points to: the schema file, the application, or the folder holding it', async () => {
    const schema = await install(join(dir, '4D.app', 'Contents', 'Resources'));
    expect(schemaAtUserPath(schema)).toBe(schema);
    expect(schemaAtUserPath(join(dir, '4D.app'))).toBe(schema);
    expect(schemaAtUserPath(dir)).toBe(schema);
    expect(schemaAtUserPath(join(dir, 'nowhere'))).toBeNull();
  });
});

describe("rules from 4D's schema", () => {
  it('validates with the schema it found and says where it came from', async () => {
    const root = join(dir, 'Applications');
    const path = await install(join(root, '4D.app', 'Contents', 'Resources'));
    const rules = resolveSessionRules({ searchRoots: [root] });
    expect(rules.info).toEqual({ source: '4d-schema', schemaPath: path });
    expect(rules.check(APP, ID, session())).toEqual([]);

    const bad = rules.check(APP, ID, session({ status: 'Accepted', send: 'sms', device: { description: 'x' } }));
    const schemaMessages = bad.filter((w) => w.code === 'schema').map((w) => w.message);
    expect(schemaMessages.join('\n')).toMatch(
      /^4D's schema: status must be equal to one of the allowed values \("accepted", "pending"\)/m,
    );
    expect(schemaMessages.join('\n')).toMatch(/4D's schema: send must be equal to one of the allowed values/);
    expect(schemaMessages.join('\n')).toMatch(/4D's schema: device must have required property 'id'/);
    expect(bad.filter((w) => w.code === 'schema').every(dropsSession)).toBe(true);
    // The built-in advice on fields gives way to the real schema; an odd e-mail stays advice.
    expect(bad.some((w) => w.code === 'field-advice')).toBe(false);
    const email = rules.check(APP, ID, session({ email: 'bob at example' }));
    expect(email.map((w) => w.code)).toEqual(['email-invalid']);
    expect(email.some(dropsSession)).toBe(false);
  });

  it("still applies 4D's location and token rules on top of the schema", async () => {
    const path = await install(join(dir, '4D.app', 'Contents', 'Resources'));
    const rules = resolveSessionRules({ installPath: path });
    expect(rules.check('OTHER.com.x.y', ID, session()).map((w) => w.code)).toEqual(['folder-mismatch']);
    expect(rules.check(APP, ID, session({ token: 'eyJ9' })).map((w) => w.code)).toEqual(['token-mismatch']);
  });

  it('falls back to the built-in rules, with a note, when the pointed schema is unusable', async () => {
    const broken = await install(join(dir, '4D.app', 'Contents', 'Resources'), '{ not json');
    const rules = resolveSessionRules({ installPath: broken });
    expect(rules.info.source).toBe('built-in');
    expect(rules.info.source === 'built-in' && rules.info.note).toMatch(/not valid JSON/);
    const notASchema = await install(join(dir, 'B', '4D.app', 'Contents', 'Resources'), '{"type": 12}');
    expect(resolveSessionRules({ installPath: notASchema }).info.source).toBe('built-in');
    const nothing = resolveSessionRules({ installPath: join(dir, 'nowhere') });
    expect(nothing.info.source === 'built-in' && nothing.info.note).toMatch(/No mobileSessionSchema.json was found/);
  });

  it('uses the built-in rules when no 4D is installed', () => {
    const rules = resolveSessionRules({ searchRoots: [dir] });
    expect(rules.info).toEqual(BUILT_IN_RULES.info);
    expect(rules.check(APP, ID, session({ device: 'iPhone' })).map((w) => w.code)).toEqual(['field-advice']);
  });

  it('picks up a changed schema file without a restart', async () => {
    const path = await install(join(dir, '4D.app', 'Contents', 'Resources'));
    expect(resolveSessionRules({ installPath: path }).check(APP, ID, session({ send: 'sms' }))).toHaveLength(1);
    const relaxed = JSON.parse((await import('node:fs')).readFileSync(FIXTURE, 'utf8')) as {
      properties: Record<string, unknown>;
    };
    relaxed.properties.send = { type: 'string' };
    await writeFile(path, `${JSON.stringify(relaxed, null, 2)}\n\n`); // another size: another cache key
    expect(resolveSessionRules({ installPath: path }).check(APP, ID, session({ send: 'sms' }))).toEqual([]);
  });
});
