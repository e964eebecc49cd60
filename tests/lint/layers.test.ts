// The layer rules hold: a violation planted in a copy of the project fails
// `npm run lint` (ESLint) or the layer's tsconfig, and the unplanted copy passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './layer-sandbox';

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = createSandbox();
});
afterAll(() => sandbox?.remove());

const ELECTRON_RULE = 'Layer rule: only electron/main and electron/preload may import Electron.';

describe('ESLint layer rules', () => {
  it.each(['electron/engine/scan', 'electron/server', 'electron/cli'])('%s may not import electron', async (dir) => {
    const messages = await sandbox.lintText(
      `${dir}/planted.ts`,
      "import { app } from 'electron';\n\nexport { app };\n",
    );
    expect(messages).toContainEqual(expect.stringContaining(ELECTRON_RULE));
  });

  it('the engine’s tests may not import electron either', async () => {
    const messages = await sandbox.lintText('electron/engine/edit/planted.test.ts', "import 'electron';\n");
    expect(messages).toContainEqual(expect.stringContaining(ELECTRON_RULE));
  });

  it.each(["import 'node:fs';", "import { join } from 'path';", "import { readFile } from 'fs/promises';"])(
    'the renderer may not use Node built-ins: %s',
    async (line) => {
      const messages = await sandbox.lintText('renderer/src/features/inbox/planted.ts', `${line}\n`);
      expect(messages).toContainEqual(
        expect.stringContaining('Layer rule: the renderer never imports Node built-ins.'),
      );
    },
  );

  it('the renderer may not import the engine', async () => {
    const text = "import { read } from '../../../../electron/engine/scan/probe';\n\nexport { read };\n";
    const messages = await sandbox.lintText('renderer/src/features/inbox/planted.ts', text);
    expect(messages).toContainEqual(expect.stringContaining('Layer rule: the renderer reaches the engine only'));
  });

  it('shared/ may import neither Node, the engine nor the renderer, nor use DOM globals', async () => {
    const text =
      "import 'node:path';\nimport '../electron/engine/scan/probe';\nimport '../renderer/src/x';\n\n" +
      'export const t = document.title;\n';
    const messages = await sandbox.lintText('shared/planted.ts', text);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Layer rule: shared/ never imports Node built-ins.'),
        expect.stringContaining('Layer rule: shared/ imports neither electron/ nor renderer/.'),
        expect.stringContaining('Layer rule: shared/ has no `document`.'),
      ]),
    );
    expect(messages.filter((m) => m.includes('imports neither'))).toHaveLength(2);
  });

  it('production code may not import test helpers; tests may', async () => {
    const text = "import { makeTree } from '../testing/engine-fixtures';\n\nexport { makeTree };\n";
    expect(await sandbox.lintText('electron/engine/scan/planted.ts', text)).toContainEqual(
      expect.stringContaining('Layer rule: production code never imports test helpers.'),
    );
    expect(await sandbox.lintText('electron/engine/scan/planted.test.ts', text)).toEqual([]);
  });

  it('the clean sources pass, Electron in main included', async () => {
    const { CLEAN_SOURCES } = await import('./layer-sandbox');
    for (const [path, text] of Object.entries(CLEAN_SOURCES)) expect(await sandbox.lintText(path, text)).toEqual([]);
    const inMain = "import { app } from 'electron';\n\nexport const name = app.getName();\n";
    expect(await sandbox.lintText('electron/main/planted.ts', inMain)).toEqual([]);
  });
});

describe('tsconfig layers', () => {
  it('the unplanted copy typechecks', () => {
    expect(sandbox.typecheck('tsconfig.node.json')).toEqual([]);
    expect(sandbox.typecheck('tsconfig.renderer.json')).toEqual([]);
    expect(sandbox.typecheck('tsconfig.shared.json')).toEqual([]);
  });

  it('a DOM global in the engine fails the Node tsconfig', () => {
    const planted = 'electron/engine/scan/planted.ts';
    sandbox.write(planted, 'export const title = document.title;\n');
    try {
      expect(sandbox.typecheck('tsconfig.node.json')).toContainEqual(
        expect.stringMatching(/^electron\/engine\/scan\/planted\.ts: Cannot find name 'document'/),
      );
    } finally {
      sandbox.erase(planted);
    }
  });

  it('a Node global in the renderer or shared/ fails their tsconfig', () => {
    const inRenderer = 'renderer/src/app/planted.ts';
    const inShared = 'shared/planted.ts';
    sandbox.write(inRenderer, 'export const env = process.env;\n');
    sandbox.write(inShared, "export const bytes = Buffer.from('x');\n");
    try {
      expect(sandbox.typecheck('tsconfig.renderer.json')).toContainEqual(
        expect.stringMatching(/^renderer\/src\/app\/planted\.ts: Cannot find name 'process'/),
      );
      expect(sandbox.typecheck('tsconfig.shared.json')).toContainEqual(
        expect.stringMatching(/^shared\/planted\.ts: Cannot find name 'Buffer'/),
      );
    } finally {
      sandbox.erase(inRenderer);
      sandbox.erase(inShared);
    }
  });
});

// The real command, end to end, once each way: the ESLint API cases above say which
// rule fires; these say that `npm run lint` (hence `npm test`) stops on it.
describe('npm run lint', () => {
  it('passes on the unplanted copy', () => {
    const { status, output } = sandbox.npmRunLint();
    expect(output).not.toContain('Layer rule');
    expect(status).toBe(0);
  }, 60_000);

  it('fails on a copy with electron imported in the engine and node:fs in the renderer', () => {
    const inEngine = 'electron/engine/watch/planted.ts';
    const inRenderer = 'renderer/src/features/sessions/planted.ts';
    sandbox.write(inEngine, "import { app } from 'electron';\n\nexport const name = app.getName();\n");
    sandbox.write(inRenderer, "import { readFileSync } from 'node:fs';\n\nexport const read = readFileSync;\n");
    try {
      const { status, output } = sandbox.npmRunLint();
      expect(status).not.toBe(0);
      // The CLI's formatter drops a message's final period.
      expect(output).toContain(ELECTRON_RULE.replace(/\.$/, ''));
      expect(output).toContain('Layer rule: the renderer never imports Node built-ins');
    } finally {
      sandbox.erase(inEngine);
      sandbox.erase(inRenderer);
    }
  }, 60_000);
});
