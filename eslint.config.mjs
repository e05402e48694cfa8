// @ts-check
// ESLint (flat config). `npm run lint` runs it; `npm test` (scripts/run-tests.mjs) runs that first.
//
// Two parts:
// 1. Correctness: @eslint/js and typescript-eslint "recommended" (syntax only, not type-checked, so it stays fast),
//    React's rules of hooks for the renderer, and eslint-config-prettier last (Prettier owns the layout).
// 2. The layer rules: which folder of src/ may import which (docs: the "nevers" of issue 17).
//      shared/    pure types and logic: imports only shared/ and zod; no node:*, no electron, no react
//      engine/    plain Node + the AWS SDK: never electron, main/, preload/, renderer/, cli/
//      main/      Electron's main process: shared/ and the engine's door (src/engine/index.ts), never an engine room
//      preload/   shared/ and electron only
//      renderer/  a sandboxed web page: shared/ and its own files only; no electron, no node:*
//      cli/       plain Node: shared/ and the engine's door; never electron, main/, preload/, renderer/
//    Tests (*.test.ts(x)) may reach into any room (engine/<room>/<file>, test/harness), and so may the test helpers in
//    src/main/testing/; an engine, shared, CLI or renderer test still may not import electron (there is none under
//    plain Node or jsdom). A test that imports another layer (an engine test importing main/) is a warning.
//
// How the layer rules work: `no-restricted-imports` only sees the import's text, not the file it resolves to, so
// '../main/x' means src/main from src/engine/x.ts but src/engine/main from src/engine/queue/x.ts. The blocks below
// are therefore made per layer *and per depth*: a file d folders below src/ reaches src/<layer> with exactly d '../'.
// That makes the rules exact ("leaves the renderer for anything but shared/" is one regex) instead of guessing by
// folder names. The same patterns also apply to `import('…')` and `import('…').Type` (a small local rule below),
// which `no-restricted-imports` does not look at; `require()` is already an error (@typescript-eslint/no-require-imports).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const EXT = '{ts,tsx,mts,cts,js,mjs,cjs}';
/** Everything that is linted: the app, its tests, the build and test scripts, the CLI launcher, root configs. */
const LINTED = [
  `src/**/*.${EXT}`,
  `test/**/*.${EXT}`,
  `scripts/**/*.${EXT}`,
  `bin/**/*.${EXT}`,
  `resources/**/*.${EXT}`,
  `*.config.${EXT}`,
];
const TESTS = ['**/*.test.{ts,tsx}', 'test/**'];
/** Test helpers inside src that may use the engine's rooms, like the tests they serve. */
const TEST_HELPERS = ['src/main/testing/**'];

// ---------------------------------------------------------------------------------------------------------------------
// The layer rules
// ---------------------------------------------------------------------------------------------------------------------

/** Files deeper than this below src/ get an error asking to raise it (the rules are made per depth). */
const MAX_DEPTH = 8;
const LAYERS = ['shared', 'engine', 'main', 'preload', 'renderer', 'cli'];

/** `./`-optional prefix that climbs from a file `depth` folders below src/ up to src/ (or to the repo root + src/). */
const toSrc = (depth) => `(?:\\./)?(?:\\.\\./){${depth}}(?:\\.\\./src/)?`;
/** An import that reaches src/<folder> from a file `depth` folders below src/. */
const reaches = (depth, folder) => `^${toSrc(depth)}${folder}(?:/|$)`;
/** An import that leaves the file's layer for anything but the given folders of src/ (other layers, the repo root). */
const leavesFor = (depth, allowed) =>
  `^(?:\\./)?(?:\\.\\./){${depth}}(?!(?:\\.\\./src/)?(?:${allowed.join('|')})(?:/|$))`;
/** An import of an engine room (src/engine/<room>/…) rather than its door (src/engine, src/engine/index). */
const engineRoom = (depth) => `^${toSrc(depth)}engine/(?!(?:index(?:\\.[cm]?[jt]s)?)?$)`;
/** The repo's test harness (test/ at the root). */
const testHarness = (depth) => `^(?:\\./)?(?:\\.\\./){${depth + 1}}test(?:/|$)`;
const ELECTRON = '^(?:electron|@electron/[^/]+)(?:/|$)';
const NODE_BUILTIN = `^(?:node:|(?:${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(?:/|$))`;

const DOOR =
  "imports the engine only through its door, src/engine/index.ts ('../engine'), never src/engine/<room>/<file>: " +
  'the rooms are the engine’s own business and may move.';
const HARNESS = 'Production code never imports the test harness (test/): only tests and test helpers do.';

/**
 * The layer rules for a file `depth` folders below src/<layer>/, as [regex, message] pairs, most specific first.
 * `kind`: 'code' (production files), 'helper' (src/main/testing: production rules but may use engine rooms),
 * 'test' (*.test.ts(x): only the electron bans, as errors), 'test-cross' (tests importing another layer: warnings).
 */
function layerRules(layer, depth, kind) {
  /** @type {[string, string][]} */
  const rules = [];
  const code = kind === 'code' || kind === 'helper';
  const cross = kind === 'code' || kind === 'helper' || kind === 'test-cross';
  const electronBan = kind !== 'test-cross';
  const to = (folder) => reaches(depth, folder);
  switch (layer) {
    case 'shared':
      if (electronBan)
        rules.push([
          ELECTRON,
          'src/shared never imports electron: every layer loads it, the renderer, the CLI and the engine under plain Node too.',
        ]);
      if (code) {
        rules.push([
          NODE_BUILTIN,
          'src/shared never imports Node built-ins (node:*): the renderer loads it in a sandboxed page without Node.',
        ]);
        rules.push([
          leavesFor(depth, ['shared']),
          'src/shared imports only its own files (and zod): it is the bottom of every layer.',
        ]);
        rules.push([
          '^(?!\\.|zod(?:/|$))',
          'src/shared imports no packages but zod: it is pure types and logic (no react, no node, no SDK).',
        ]);
      }
      break;
    case 'engine':
      if (electronBan)
        rules.push([ELECTRON, 'The engine never imports electron: the CLI and tests run it under plain Node.']);
      if (cross) {
        for (const other of ['main', 'preload', 'renderer', 'cli'])
          rules.push([
            to(other),
            `The engine never imports src/${other}: it is the bottom layer; main and the CLI import it, not the other way round.`,
          ]);
      }
      if (code)
        rules.push([
          leavesFor(depth, ['engine', 'shared']),
          'The engine imports only its own files, src/shared and packages.',
        ]);
      break;
    case 'main':
      if (cross) {
        rules.push([
          to('preload'),
          'Main never imports the preload: it is bundled into the page’s sandbox; share types through src/shared.',
        ]);
        rules.push([
          to('renderer'),
          'Main never imports the renderer: it is a web page in another process; share through src/shared.',
        ]);
        rules.push([
          to('cli'),
          'Main never imports the CLI: both sit on the engine; share through the engine or src/shared.',
        ]);
      }
      if (kind === 'code') rules.push([engineRoom(depth), `Main ${DOOR}`]);
      if (code) rules.push([testHarness(depth), HARNESS]);
      break;
    case 'preload':
      if (cross) {
        for (const other of ['engine', 'main', 'renderer', 'cli'])
          rules.push([
            to(other),
            `The preload never imports src/${other}: it runs in the page’s sandbox and imports only src/shared and electron.`,
          ]);
      }
      if (code)
        rules.push([
          leavesFor(depth, ['preload', 'shared']),
          'The preload imports only its own files, src/shared and electron.',
        ]);
      break;
    case 'renderer':
      if (electronBan)
        rules.push([
          ELECTRON,
          'The renderer never imports electron: it is a sandboxed web page that reaches main only through window.hoist.',
        ]);
      if (code)
        rules.push([
          NODE_BUILTIN,
          'The renderer never imports Node built-ins (node:*): it is a sandboxed web page without Node.',
        ]);
      if (cross) {
        rules.push([
          to('preload'),
          'The renderer never imports the preload: it reaches main only through window.hoist, whose types live in src/shared.',
        ]);
        for (const other of ['engine', 'main', 'cli'])
          rules.push([
            to(other),
            `The renderer never imports src/${other}: it is a web page; it imports only src/shared and its own files.`,
          ]);
      }
      if (code)
        rules.push([
          leavesFor(depth, ['renderer', 'shared']),
          'The renderer imports only src/shared and its own files.',
        ]);
      break;
    case 'cli':
      if (electronBan) rules.push([ELECTRON, 'The CLI never imports electron: it runs under plain Node.']);
      if (cross) {
        for (const other of ['main', 'preload', 'renderer'])
          rules.push([
            to(other),
            `The CLI never imports src/${other}: it runs under plain Node on the engine and src/shared only.`,
          ]);
      }
      if (kind === 'code') rules.push([engineRoom(depth), `The CLI ${DOOR}`]);
      if (code) rules.push([testHarness(depth), HARNESS]);
      break;
  }
  return rules;
}

/**
 * [regex, message] pairs → `no-restricted-imports` patterns where each import matches at most one (a later pattern
 * skips what an earlier, more specific one already reports), so an import gets one message, the most specific.
 */
function exclusivePatterns(rules) {
  return rules.map(([regex, message], i) => {
    const earlier = rules.slice(0, i).map(([r]) => r.replace(/^\^/, ''));
    const body = regex.replace(/^\^/, '');
    return {
      regex: earlier.length ? `^(?!(?:${earlier.join(')|(?:')}))${body}` : `^${body}`,
      message,
      caseSensitive: true,
    };
  });
}

/** `import('x')` and `import('x').Type` are not import declarations; this applies the same patterns to them. */
const layersPlugin = {
  meta: { name: 'hoist-layers' },
  rules: {
    'no-restricted-dynamic-import': {
      meta: {
        type: 'problem',
        docs: { description: 'The layer rules of no-restricted-imports, for import() expressions and import() types' },
        schema: [
          {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                regex: { type: 'string' },
                message: { type: 'string' },
                caseSensitive: { type: 'boolean' },
              },
            },
          },
        ],
      },
      create(context) {
        const patterns = (context.options[0] ?? []).map((p) => ({ re: new RegExp(p.regex, 'u'), message: p.message }));
        const check = (node, source) => {
          if (typeof source !== 'string') return;
          const hit = patterns.find((p) => p.re.test(source));
          if (hit)
            context.report({
              node,
              message: `'${source}' import is restricted from being used by a pattern. ${hit.message}`,
            });
        };
        return {
          ImportExpression(node) {
            if (node.source.type === 'Literal') check(node, node.source.value);
            else if (node.source.type === 'TemplateLiteral' && node.source.expressions.length === 0)
              check(node, node.source.quasis[0]?.value.cooked);
          },
          TSImportType(node) {
            const arg = node.argument;
            if (arg?.type === 'TSLiteralType' && arg.literal.type === 'Literal') check(node, arg.literal.value);
          },
        };
      },
    },
  },
};

/** The per-layer, per-depth config blocks. Order matters: a later block's rule options replace an earlier one's. */
function layerBlocks() {
  const blocks = [];
  for (const layer of LAYERS) {
    for (let depth = 1; depth <= MAX_DEPTH; depth++) {
      const here = `src/${layer}/${'*/'.repeat(depth - 1)}*.${EXT}`;
      const helpers = TEST_HELPERS.filter((h) => h.startsWith(`src/${layer}/`));
      const block = (name, files, ignores, rules) => ({
        name: `hoist/layers/${layer}/${name}/depth-${depth}`,
        files,
        ignores,
        rules,
      });
      const codePatterns = exclusivePatterns(layerRules(layer, depth, 'code'));
      blocks.push(
        block('code', [here], [...TESTS, ...helpers], {
          'no-restricted-imports': ['error', { patterns: codePatterns }],
          'hoist-layers/no-restricted-dynamic-import': ['error', codePatterns],
        }),
      );
      if (helpers.length) {
        const helperPatterns = exclusivePatterns(layerRules(layer, depth, 'helper'));
        // An inner array of `files` is an AND: a helper at this depth.
        const helperFiles = helpers.map((h) => [here, h]);
        blocks.push(
          block('test-helpers', helperFiles, TESTS, {
            'no-restricted-imports': ['error', { patterns: helperPatterns }],
            'hoist-layers/no-restricted-dynamic-import': ['error', helperPatterns],
          }),
        );
      }
      const testPatterns = exclusivePatterns(layerRules(layer, depth, 'test'));
      const crossPatterns = exclusivePatterns(layerRules(layer, depth, 'test-cross'));
      blocks.push(
        block('tests', [[here, '**/*.test.{ts,tsx}']], [], {
          'no-restricted-imports': testPatterns.length ? ['error', { patterns: testPatterns }] : 'off',
          // A second copy of the same rule (typescript-eslint's), so that crossing layers in a test is only a warning.
          '@typescript-eslint/no-restricted-imports': crossPatterns.length
            ? ['warn', { patterns: crossPatterns }]
            : 'off',
          'hoist-layers/no-restricted-dynamic-import': testPatterns.length ? ['error', testPatterns] : 'off',
        }),
      );
    }
  }
  blocks.push({
    name: 'hoist/layers/too-deep',
    files: [`src/*/${'*/'.repeat(MAX_DEPTH)}**/*.${EXT}`],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Program',
          message: `The layer rules in eslint.config.mjs stop at ${MAX_DEPTH} folders below src/: raise MAX_DEPTH.`,
        },
      ],
    },
  });
  return blocks;
}

/** Node's globals that a page does not have: shared/ and the renderer must not use them. */
const NODE_ONLY_GLOBALS = [
  'process',
  'Buffer',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
  'clearImmediate',
].map((name) => ({
  name,
  message: `${name} is a Node global: src/shared and the renderer also run in a sandboxed page without Node.`,
}));

// ---------------------------------------------------------------------------------------------------------------------

export default [
  {
    name: 'hoist/ignores',
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'build/**',
      'coverage/**',
      'node_modules/**',
      '.cache/**',
      'test-results/**',
      'docs/**',
      '**/*.tsbuildinfo',
    ],
  },
  {
    name: 'hoist/language',
    files: LINTED,
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  { ...js.configs.recommended, name: 'eslint/recommended', files: LINTED },
  // typescript-eslint's own `files` (its eslint-recommended part: TS files only) win over LINTED.
  ...tseslint.configs.recommended.map((c) => ({ files: LINTED, ...c })),
  {
    name: 'hoist/relaxed',
    files: LINTED,
    rules: {
      // Unused imports, variables and parameters. `_`-prefixed names and the siblings of a rest-spread (which drops a
      // field on purpose) are deliberate.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'all',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Catches `a === b;` and `expect(x).to.be.true;`.
      '@typescript-eslint/no-unused-expressions': [
        'error',
        { allowShortCircuit: false, allowTernary: false, allowTaggedTemplates: false },
      ],
      // Off: the CLI strips and the tests look for control characters in terminal output on purpose
      // (/[\x00-\x1f]/, /\x1b\[/); this rule exists to flag such regexes as likely mistakes.
      'no-control-regex': 'off',
      // Off: a layout test matches two literal spaces (/0:04  0\/2/) on purpose; `{2}` would read worse. Style only.
      'no-regex-spaces': 'off',
      // `/// <reference path="./provided.d.ts" />` is how the test harness adds its types to vitest's `inject()`
      // (a global augmentation a plain import would not bring in); `types` and `lib` references still prefer imports.
      '@typescript-eslint/triple-slash-reference': ['error', { path: 'always', types: 'prefer-import', lib: 'always' }],
    },
  },
  {
    // The bin is CommonJS on purpose: loaded as a module, it would start libuv's thread pool before it could size it
    // (bin/hoist.cjs says why the size matters).
    name: 'hoist/bin-commonjs',
    files: ['bin/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    name: 'hoist/renderer',
    files: [`src/renderer/**/*.${EXT}`],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The two classic hook rules only; the React Compiler rules of the plugin's v7 "recommended" are not used here.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    name: 'hoist/no-node-globals-in-pages',
    files: [`src/shared/**/*.${EXT}`, `src/renderer/**/*.${EXT}`],
    ignores: TESTS,
    rules: { 'no-restricted-globals': ['error', ...NODE_ONLY_GLOBALS] },
  },
  { name: 'hoist/layers/plugin', files: LINTED, plugins: { 'hoist-layers': layersPlugin } },
  ...layerBlocks(),
  { ...prettier, name: 'prettier' },
];
