// ESLint (flat config). Besides the recommended sets, this file holds the layer
// rules: which folder may import what. The tsconfig.*.json files back them up
// with types (a DOM global in Node code, or a Node global in the UI, fails there).
//
// Rules are written per folder (globs), never per file, so modules can move
// inside a layer without touching this file. ESLint applies one configuration
// of a rule per file (a later object replaces an earlier one), so each layer's
// `no-restricted-imports` is assembled here in full rather than stacked.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Test code: tests, their helpers and fixtures. Looser than production code. */
const TEST_GLOBS = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', '**/test/**', '**/*.fixture.ts'];

const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

const NO_ELECTRON = {
  paths: [{ name: 'electron', message: 'Layer rule: only electron/main and electron/preload may import Electron.' }],
  patterns: [
    { group: ['electron/*'], message: 'Layer rule: only electron/main and electron/preload may import Electron.' },
  ],
};

const NO_NODE = (layer) => ({
  paths: NODE_BUILTINS.map((name) => ({ name, message: `Layer rule: ${layer} never imports Node built-ins.` })),
  patterns: [{ regex: '^node:', message: `Layer rule: ${layer} never imports Node built-ins.` }],
});

/**
 * A relative import that climbs up into one of `folders`: a top-level folder
 * (`../../electron/engine/x` from shared/) or a sibling (`../../server/x` from the engine).
 */
const climbingInto = (folders, message) => ({ patterns: [{ regex: `^(\\.\\./)+(${folders})(/|$)`, message }] });

const NO_TEST_HELPERS = {
  patterns: [
    { regex: '(^|/)(testing|test)(/|$)', message: 'Layer rule: production code never imports test helpers.' },
    { regex: '\\.fixture$', message: 'Layer rule: production code never imports test fixtures.' },
  ],
};

/** Merges restriction sets into one `no-restricted-imports` option. */
function restrict(...sets) {
  return [
    'error',
    {
      paths: sets.flatMap((s) => s.paths ?? []),
      patterns: sets.flatMap((s) => s.patterns ?? []),
    },
  ];
}

const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement'];
const NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'require', 'global'];
const restrictGlobals = (names, layer) => [
  'error',
  ...names.map((name) => ({ name, message: `Layer rule: ${layer} has no \`${name}\`.` })),
];

const NO_RENDERER = climbingInto('renderer', 'Layer rule: only the renderer imports renderer code.');
const NO_BENCH = climbingInto('bench', 'Layer rule: the bench imports the engine, never the reverse.');

/**
 * Each layer: its folder, what its production code may not import, and what its
 * tests may not import either (tests may use Node and test helpers).
 */
const LAYERS = [
  {
    dir: 'shared',
    what: 'shared/',
    prod: [
      NO_ELECTRON,
      NO_NODE('shared/'),
      climbingInto('electron|renderer', 'Layer rule: shared/ imports neither electron/ nor renderer/.'),
    ],
    test: [
      NO_ELECTRON,
      climbingInto('electron|renderer', 'Layer rule: shared/ imports neither electron/ nor renderer/.'),
    ],
    globals: [...DOM_GLOBALS, ...NODE_GLOBALS],
  },
  {
    dir: 'electron/engine',
    what: 'the engine',
    prod: [
      NO_ELECTRON,
      NO_RENDERER,
      NO_BENCH,
      climbingInto('main|preload|server|cli', 'Layer rule: the engine imports none of its front ends.'),
    ],
    test: [NO_ELECTRON, NO_RENDERER],
    globals: DOM_GLOBALS,
  },
  {
    dir: 'electron/server',
    what: 'the server',
    prod: [NO_ELECTRON, NO_RENDERER, NO_BENCH],
    test: [NO_ELECTRON],
    globals: DOM_GLOBALS,
  },
  {
    dir: 'electron/cli',
    what: 'the CLI',
    prod: [NO_ELECTRON, NO_RENDERER, NO_BENCH],
    test: [NO_ELECTRON],
    globals: DOM_GLOBALS,
  },
  { dir: 'electron/main', what: 'the main process', prod: [NO_RENDERER, NO_BENCH], test: [], globals: DOM_GLOBALS },
  { dir: 'electron/preload', what: 'the preload', prod: [NO_RENDERER, NO_BENCH], test: [], globals: [] },
  {
    dir: 'renderer',
    what: 'the renderer',
    prod: [
      NO_ELECTRON,
      NO_NODE('the renderer'),
      climbingInto('electron|bench', 'Layer rule: the renderer reaches the engine only through shared/api.'),
    ],
    test: [
      NO_ELECTRON,
      climbingInto('electron', 'Layer rule: the renderer reaches the engine only through shared/api.'),
    ],
    globals: NODE_GLOBALS,
  },
];

function layerConfigs({ dir, what, prod, test, globals: banned }) {
  const files = [`${dir}/**/*.{ts,tsx,js,mjs}`];
  const testFiles = TEST_GLOBS.map((glob) => `${dir}/${glob}`);
  return [
    {
      name: `layer/${dir}`,
      files,
      rules: {
        'no-restricted-imports': restrict(...prod, NO_TEST_HELPERS),
        'no-restricted-globals': banned.length ? restrictGlobals(banned, what) : 'off',
      },
    },
    {
      name: `layer/${dir}/tests`,
      files: testFiles,
      rules: {
        'no-restricted-imports': test.length ? restrict(...test) : 'off',
        'no-restricted-globals': 'off',
      },
    },
  ];
}

export default defineConfig(
  { ignores: ['out/**', 'dist/**', 'release/**', 'coverage/**', 'test-results/**', 'bench/.data/**', '**/*.d.mts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'node-scripts',
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'react-hooks',
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    name: 'project',
    rules: {
      // `_`-prefixed names are deliberately unused (an interface's parameter, a skipped tuple slot).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  ...LAYERS.flatMap(layerConfigs),
);
