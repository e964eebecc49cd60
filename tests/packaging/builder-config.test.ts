// electron-builder.yml checked against electron-builder's own JSON schema (the scheme.json
// shipped in app-builder-lib, the file electron-builder itself validates with), then the
// settings the release depends on: targets, installer behaviour, fuses, no publishing.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import Ajv, { type ValidateFunction } from 'ajv';
import { projectRoot, readBuilderConfig } from './builder-files';
import { APP_USER_MODEL_ID } from '../../electron/main/app-identity';

type Json = Record<string, unknown>;

function asRecord(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what} is not an object: ${JSON.stringify(value)}`);
  }
  return value as Json;
}

/** The list of { target, arch } entries of one platform section. */
function targetsOf(platform: Json): Array<{ target: string; arch: string[] }> {
  const raw = platform.target;
  if (!Array.isArray(raw)) throw new Error(`target is not a list: ${JSON.stringify(raw)}`);
  return raw.map((entry: unknown) => {
    const t = asRecord(entry, 'target entry');
    return { target: String(t.target), arch: Array.isArray(t.arch) ? t.arch.map(String) : [] };
  });
}

let compiled: ValidateFunction | undefined;
function compileBuilderSchema(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(
    readFileSync(join(projectRoot, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
  ) as Json;
  // Draft-07 schema with one non-standard keyword, `typeof: "function"` (hooks may be functions
  // in JS configs). A YAML file can never hold a function, so the keyword must simply never match
  // a YAML value; we implement it rather than turning strict mode off.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
  ajv.addKeyword({
    keyword: 'typeof',
    schemaType: 'string',
    validate: (expected: string, data: unknown) => typeof data === expected,
  });
  compiled = ajv.compile(schema);
  return compiled;
}

describe('electron-builder.yml', () => {
  const config = readBuilderConfig();

  it('is valid against electron-builder’s own schema', () => {
    const validate = compileBuilderSchema();
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a misspelled option (the schema check is not vacuous)', () => {
    const validate = compileBuilderSchema();
    expect(validate({ ...config, electronFuse: {} })).toBe(false);
    expect(validate({ ...config, nsis: { oneclick: false } })).toBe(false);
  });

  it('names the app and writes installers to release/ from build/ resources', () => {
    expect(config.appId).toBe('com.mobilesessionmanager.app');
    // Windows ties the running app to the installer's shortcut through this id (notifications, taskbar).
    expect(config.appId).toBe(APP_USER_MODEL_ID);
    expect(config.productName).toBe('Mobile Session Manager');
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
    expect(config.asar).toBe(true);
  });

  it('packs only the built bundles, the runtime icon and package.json', () => {
    const files = config.files;
    expect(Array.isArray(files)).toBe(true);
    const included = (files as string[]).filter((f) => !f.startsWith('!'));
    expect(included.sort()).toEqual(['assets/icon.png', 'out/**', 'package.json']);
    expect(files).toContain('!out/**/*.map');
  });

  it('has no publish target', () => {
    expect('publish' in config).toBe(true);
    expect(config.publish).toBeNull();
  });

  it('builds a dmg for Intel and Apple silicon with hardened runtime and minimal entitlements', () => {
    const mac = asRecord(config.mac, 'mac');
    expect(targetsOf(mac)).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(mac.category).toBe('public.app-category.developer-tools');
    expect(mac.hardenedRuntime).toBe(true);
    // Notarization is left to environment variables (APPLE_*): `notarize: false` would disable it.
    expect(mac.notarize).toBeUndefined();
    const plist = readFileSync(join(projectRoot, String(mac.entitlements)), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    expect(mac.entitlementsInherit).toBe(mac.entitlements);
    // The Dock accepts a dropped folder only when Info.plist declares folders as documents.
    const docTypes = (asRecord(mac.extendInfo, 'mac.extendInfo').CFBundleDocumentTypes ?? []) as Record<
      string,
      unknown
    >[];
    expect(docTypes.some((t) => (t.LSItemContentTypes as unknown[] | undefined)?.includes('public.folder'))).toBe(true);
  });

  it('builds an assisted per-user NSIS installer with shortcuts', () => {
    const win = asRecord(config.win, 'win');
    expect(targetsOf(win).map((t) => t.target)).toEqual(['nsis']);
    const nsis = asRecord(config.nsis, 'nsis');
    expect(nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
    });
  });

  it('builds an AppImage and a deb in the Development category', () => {
    const linux = asRecord(config.linux, 'linux');
    expect(targetsOf(linux).map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(linux.category).toBe('Development');
    expect(String(linux.maintainer)).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('sets every Electron fuse to its hardened value', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('points every platform at icon files that exist', () => {
    const build = join(projectRoot, 'build');
    expect(existsSync(join(build, String(asRecord(config.mac, 'mac').icon)))).toBe(true);
    expect(existsSync(join(build, String(asRecord(config.win, 'win').icon)))).toBe(true);
    expect(existsSync(join(build, String(asRecord(config.linux, 'linux').icon), '512x512.png'))).toBe(true);
  });

  it('is plain YAML that electron-builder can read without our helpers', () => {
    const text = readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8');
    expect(parse(text)).toEqual(config);
  });
});
