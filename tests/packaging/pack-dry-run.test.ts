// Packaging dry run: electron-builder packs the app for real into an unpacked Linux directory,
// using a stub Electron distribution (`electronDist`) so nothing is downloaded. Then we open
// the produced app.asar and check what an administrator would actually install: the three
// bundles and the icon are in, tests/fixtures/source maps/dev dependencies are out, the
// production dependencies are complete, and the fuses were flipped on the executable.
//
// Isolation: the bundles are built fresh into a temporary folder (never the shared out/, which
// other tests rebuild in parallel), and the config handed to electron-builder is
// electron-builder.yml with its `out/…` file patterns pointed at that folder — every other
// setting is the real file's, unchanged.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { projectRoot, readBuilderConfig, readPackageJson, type PackageJson } from './builder-files';
import { createStubElectronDist } from './stub-electron';

const run = promisify(execFile);
const SLOW = 180_000;
const BUNDLES = ['out/main/index.js', 'out/main/scan-worker.cjs', 'out/preload/index.cjs', 'out/renderer/index.html'];
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' };

async function runOrExplain(what: string, args: string[]): Promise<void> {
  try {
    // shell on Windows only: Node refuses to spawn npx.cmd without one.
    await run(npx, args, { cwd: projectRoot, env, maxBuffer: 64 << 20, shell: process.platform === 'win32' });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`${what} failed:\n${(e.stdout ?? '').slice(-3000)}\n${(e.stderr ?? '').slice(-5000)}`, {
      cause: error,
    });
  }
}

/**
 * electron-builder.yml with `out/**`-style patterns turned into one FileSet that copies
 * `builtOut` to out/ in the app (same patterns, relative to out/). Nothing else changes.
 */
function pointFilesAt(config: Record<string, unknown>, builtOut: string): Record<string, unknown> {
  const files = config.files as unknown[];
  const isOut = (f: unknown): f is string => typeof f === 'string' && /^!?out\//.test(f);
  const filter = files.filter(isOut).map((f) => f.replace(/^(!?)out\//, '$1'));
  return { ...config, files: [{ from: builtOut, to: 'out', filter }, ...files.filter((f) => !isOut(f))] };
}

async function packUnpacked(workDir: string): Promise<string> {
  const builtOut = join(workDir, 'out');
  await runOrExplain('electron-vite build', ['electron-vite', 'build', '--outDir', builtOut]);
  const stubDist = createStubElectronDist(join(workDir, 'electron-dist'));
  const outputDir = join(workDir, 'release');
  const configFile = join(workDir, 'electron-builder.json');
  const config = { ...pointFilesAt(readBuilderConfig(), builtOut), electronDist: stubDist };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  await runOrExplain('electron-builder', [
    'electron-builder',
    '--dir',
    '--linux',
    '--x64',
    '--publish',
    'never',
    '--config',
    configFile,
    `-c.directories.output=${outputDir}`,
  ]);
  return join(outputDir, 'linux-unpacked');
}

/** Names of `name` and everything it depends on at runtime, from the installed node_modules. */
function productionClosure(names: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const pkg = readPackageJson(join(projectRoot, 'node_modules', name));
    queue.push(...Object.keys(pkg.dependencies ?? {}));
  }
  return seen;
}

describe('packaging dry run (electron-builder --dir with a stub Electron)', () => {
  let workDir = '';
  let appOutDir = '';
  let asarPath = '';
  let entries: string[] = [];
  const pkg: PackageJson = readPackageJson();

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'msm-pack-'));
    appOutDir = await packUnpacked(workDir);
    asarPath = join(appOutDir, 'resources', 'app.asar');
    // listPackage gives "/out/main/index.js" (platform separators); compare as "out/main/index.js".
    entries = asar.listPackage(asarPath, { isPack: false }).map((p) => p.split(sep).join('/').replace(/^\//, ''));
  }, SLOW);

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('packs the real config: only the out/ patterns were redirected', () => {
    const real = readBuilderConfig();
    const derived = pointFilesAt(real, '/tmp/built');
    expect({ ...derived, files: undefined }).toEqual({ ...real, files: undefined });
    expect((derived.files as unknown[])[0]).toEqual({ from: '/tmp/built', to: 'out', filter: ['**', '!**/*.map'] });
  });

  it('produces the app directory: renamed executable, Electron licence, app.asar only', () => {
    const names = readdirSync(appOutDir).sort();
    expect(names).toEqual(expect.arrayContaining([pkg.name, 'LICENSE.electron.txt', 'resources']));
    expect(readdirSync(join(appOutDir, 'resources')).sort()).toEqual(['app.asar']);
  });

  it('contains the main, preload and renderer bundles, the icon and package.json', () => {
    expect(entries).toEqual(expect.arrayContaining([...BUNDLES, 'package.json', 'assets/icon.png']));
  });

  it('contains every script and stylesheet the renderer page references', () => {
    const html = asar.extractFile(asarPath, 'out/renderer/index.html').toString('utf8');
    const refs = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => `out/renderer/${m[1]}`);
    expect(refs.length).toBeGreaterThan(0);
    expect(entries).toEqual(expect.arrayContaining(refs));
  });

  it('ships a package.json whose main entry is inside the archive', () => {
    const packed = JSON.parse(asar.extractFile(asarPath, 'package.json').toString('utf8')) as PackageJson & {
      scripts?: unknown;
    };
    expect(packed.name).toBe(pkg.name);
    expect(packed.version).toBe(pkg.version);
    expect(entries).toContain(packed.main);
    expect(packed.scripts).toBeUndefined();
  });

  it('contains no tests, fixtures, benchmarks, sources or source maps', () => {
    const forbidden = [
      /(^|\/)(tests?|__tests__|__mocks__|fixtures?|benchmarks?)\//,
      /\.(test|spec)\.[cm]?[jt]sx?$/,
      /\.map$/,
      /\.(ts|tsx|cts|mts)$/,
      /^(bench|electron|renderer|shared|scripts|docs|build|release|coverage)\//,
      /(^|\/)(tsconfig[^/]*\.json|vitest[^/]*|electron-builder\.yml|package-lock\.json)$/,
    ];
    const offenders = entries.filter((e) => forbidden.some((re) => re.test(e)));
    expect(offenders).toEqual([]);
  });

  it('contains no devDependency (the renderer is bundled: react, vite, vitest… stay out)', () => {
    const devDeps = Object.keys(pkg.devDependencies ?? {});
    expect(devDeps).toEqual(
      expect.arrayContaining(['react', 'vite', 'vitest', 'typescript', 'playwright-core', 'electron']),
    );
    const packedModules = new Set(
      entries.filter((e) => /^node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(e)).map((e) => e.slice(13, -13)),
    );
    expect(devDeps.filter((d) => packedModules.has(d))).toEqual([]);
  });

  it('contains every production dependency and what they depend on', () => {
    const needed = productionClosure(Object.keys(pkg.dependencies ?? {}));
    expect(needed.size).toBeGreaterThan(0);
    const missing = [...needed].filter((name) => !entries.includes(`node_modules/${name}/package.json`));
    expect(missing).toEqual([]);
  });

  it('flipped the Electron fuses on the packaged executable as configured', async () => {
    const wire = await getCurrentFuseWire(join(appOutDir, pkg.name));
    const state = (option: FuseV1Options) => String.fromCharCode(Number(wire[option]));
    expect({
      runAsNode: state(FuseV1Options.RunAsNode),
      enableCookieEncryption: state(FuseV1Options.EnableCookieEncryption),
      enableNodeOptionsEnvironmentVariable: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      enableNodeCliInspectArguments: state(FuseV1Options.EnableNodeCliInspectArguments),
      enableEmbeddedAsarIntegrityValidation: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyLoadAppFromAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      loadBrowserProcessSpecificV8Snapshot: state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot),
      grantFileProtocolExtraPrivileges: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({
      runAsNode: '0',
      enableCookieEncryption: '1',
      enableNodeOptionsEnvironmentVariable: '0',
      enableNodeCliInspectArguments: '0',
      enableEmbeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
      loadBrowserProcessSpecificV8Snapshot: '0',
      grantFileProtocolExtraPrivileges: '0',
    });
  });

  it('did not touch the stub it was given (it packed a copy)', () => {
    const stub = readFileSync(join(workDir, 'electron-dist', 'electron'));
    expect(stub.includes(Buffer.from('10110001'))).toBe(true);
  });
});
