// A minimal copy of the project for the layer-rule tests: the real lint, format
// and tsconfig files, node_modules linked in, and a handful of small source files
// (one per layer) in place of the real tree, so a planted violation is linted in
// seconds and no test ever writes into the working copy.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The configuration the copy shares with the project: what is under test. */
const CONFIG_FILES = [
  'package.json',
  'eslint.config.js',
  '.prettierrc.json',
  '.prettierignore',
  'tsconfig.base.json',
  'tsconfig.shared.json',
  'tsconfig.node.json',
  'tsconfig.renderer.json',
];

/** Clean sources, one per layer, each doing what its layer may do. */
export const CLEAN_SOURCES: Record<string, string> = {
  'shared/probe.ts': "export const probe = 'shared';\n",
  'electron/engine/scan/probe.ts':
    "import { readFileSync } from 'node:fs';\nimport { probe } from '../../../shared/probe';\n\n" +
    "export const read = (path: string): string => readFileSync(path, 'utf8') + probe;\n",
  'electron/engine/scan/probe.test.ts': "import { tmpdir } from 'node:os';\n\nexport const where = tmpdir();\n",
  'electron/server/probe.ts': "import { createServer } from 'node:http';\n\nexport const server = createServer();\n",
  'renderer/src/features/inbox/probe.ts':
    "import { probe } from '../../../../shared/probe';\n\nexport const title = (): string => `${document.title} ${probe}`;\n",
};

export interface Sandbox {
  dir: string;
  /** Writes (or overwrites) a source file in the copy. */
  write(path: string, text: string): void;
  /** Deletes a source file from the copy. */
  erase(path: string): void;
  /** ESLint messages for `text` as if it were the file at `path` in the copy. */
  lintText(path: string, text: string): Promise<string[]>;
  /** Type errors of one layer's tsconfig in the copy, as `file: message`. */
  typecheck(tsconfig: string): string[];
  /** Runs the project's own `npm run lint` in the copy. */
  npmRunLint(): { status: number | null; output: string };
  remove(): void;
}

export function createSandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'msm-layers-'));
  for (const file of CONFIG_FILES) copyFileSync(join(projectRoot, file), join(dir, file));
  // A junction needs no privilege on Windows; elsewhere the type is ignored.
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'junction');
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  for (const [path, text] of Object.entries(CLEAN_SOURCES)) write(path, text);
  const eslint = new ESLint({ cwd: dir });
  return {
    dir,
    write,
    erase: (path) => rmSync(join(dir, path), { force: true }),
    async lintText(path, text) {
      const [result] = await eslint.lintText(text, { filePath: join(dir, path) });
      return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
    },
    typecheck: (tsconfig) => typeErrors(join(dir, tsconfig)),
    npmRunLint() {
      const r = spawnSync('npm', ['run', 'lint'], { cwd: dir, encoding: 'utf8', shell: process.platform === 'win32' });
      return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Library typings (lib.*.d.ts, @types/node) parsed once for every typecheck in
 * the file: they never change, and parsing them is most of a check's time.
 */
const libraryFiles = new Map<string, ts.SourceFile | undefined>();

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const isLibrary = fileName.includes('/node_modules/');
    const key = `${fileName}|${JSON.stringify(languageVersion)}`;
    if (isLibrary && libraryFiles.has(key)) return libraryFiles.get(key);
    const file = read(fileName, languageVersion, onError, shouldCreate);
    if (isLibrary) libraryFiles.set(key, file);
    return file;
  };
  return host;
}

function typeErrors(configPath: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    host: cachingHost(parsed.options),
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const file = d.file ? d.file.fileName.slice(dirname(configPath).length + 1) : '(config)';
    return `${file}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}
