// The layer rules of eslint.config.mjs bite: a file that imports across a "never" line fails `npm run lint`, and its
// allowed counterpart does not. Each case lints a virtual file (ESLint's lintText with a filePath inside src/, so the
// real config applies to it as it would to a file there) and looks only at the layer rules' messages.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const LAYER_RULES = new Set([
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'hoist-layers/no-restricted-dynamic-import',
  'no-restricted-globals',
]);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The layer rules' messages for `code` as the file at `path` (relative to the repo root). */
async function layerMessages(path: string, code: string): Promise<Linter.LintMessage[]> {
  const filePath = join(root, path);
  expect(await eslint.isPathIgnored(filePath)).toBe(false);
  const [result] = await eslint.lintText(code, { filePath });
  expect(result).toBeDefined();
  const messages = result!.messages;
  // A parse error or a broken config would otherwise look like "no layer error".
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId));
}

const errors = (ms: Linter.LintMessage[]) => ms.filter((m) => m.severity === 2);

describe('layer rules: imports across a "never" line are errors', () => {
  it.each([
    [
      'src/engine/queue/x.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
      /The engine never imports electron/,
    ],
    ['src/engine/x.ts', "export * from 'electron/main';\n", /The engine never imports electron/],
    ['src/engine/queue/x.ts', "export const load = () => import('electron');\n", /The engine never imports electron/],
    [
      'src/engine/queue/x.ts',
      "import { createServices } from '../../main/services';\nexport const s = createServices;\n",
      /The engine never imports src\/main/,
    ],
    [
      'src/engine/queue/x.test.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
      /The engine never imports electron/,
    ],
    ['src/renderer/store/x.ts', "import '../../preload/api-types';\n", /The renderer never imports the preload/],
    [
      'src/renderer/x.tsx',
      "import type { HoistApi } from '../preload/api-types';\nexport type A = HoistApi;\n",
      /The renderer never imports the preload/,
    ],
    [
      'src/renderer/components/x.tsx',
      "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n",
      /The renderer never imports electron/,
    ],
    [
      'src/renderer/lib/x.ts',
      "import { join } from 'path';\nexport const j = join;\n",
      /The renderer never imports Node built-ins/,
    ],
    [
      'src/renderer/store/x.ts',
      "import { planUpload } from '../../engine';\nexport const p = planUpload;\n",
      /The renderer never imports src\/engine/,
    ],
    [
      'src/shared/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      /src\/shared never imports Node built-ins/,
    ],
    [
      'src/shared/x.ts',
      "import { useState } from 'react';\nexport const u = useState;\n",
      /src\/shared imports no packages but zod/,
    ],
    [
      'src/shared/x.ts',
      "import { createEngine } from '../engine';\nexport const c = createEngine;\n",
      /src\/shared imports only its own files/,
    ],
    [
      'src/main/x.ts',
      "import { x } from '../engine/job/file-job';\nexport const y = x;\n",
      /Main imports the engine only through its door/,
    ],
    [
      'src/main/queue/x.ts',
      "import { x } from '../../engine/s3/errors';\nexport const y = x;\n",
      /Main imports the engine only through its door/,
    ],
    [
      'src/main/x.ts',
      "import { App } from '../renderer/App';\nexport const a = App;\n",
      /Main never imports the renderer/,
    ],
    ['src/cli/x.ts', "import { app } from 'electron';\nexport const a = app;\n", /The CLI never imports electron/],
    [
      'src/cli/x.ts',
      "import { x } from '../engine/queue/engine';\nexport const y = x;\n",
      /The CLI imports the engine only through its door/,
    ],
    [
      'src/preload/x.ts',
      "import { createEngine } from '../engine';\nexport const c = createEngine;\n",
      /The preload never imports src\/engine/,
    ],
    [
      'src/engine/s3/x.ts',
      "import e = require('electron');\nexport const a = e;\n",
      /The engine never imports electron/,
    ],
    ['src/cli/x.ts', "export type A = import('electron').App;\n", /The CLI never imports electron/],
    ['src/renderer/lib/x.ts', 'export const a = process.env.HOME;\n', /process is a Node global/],
    ['src/shared/x.ts', "export const b = Buffer.from('x');\n", /Buffer is a Node global/],
  ])('%s: %j', async (path, code, message) => {
    const found = errors(await layerMessages(path, code));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(message);
  });
});

describe('layer rules: the allowed imports are not flagged', () => {
  it.each([
    [
      'src/engine/queue/x.ts',
      "import { S3Client } from '@aws-sdk/client-s3';\nimport { isFinal } from '../../shared/upload-state';\nimport { plan } from '../plan/part-plan';\nexport const a = [S3Client, isFinal, plan];\n",
    ],
    [
      'src/engine/x.ts',
      "import { readFile } from 'node:fs/promises';\nimport { isFinal } from '../shared/upload-state';\nexport const a = [readFile, isFinal];\n",
    ],
    [
      'src/main/x.ts',
      "import { app } from 'electron';\nimport { createEngine } from '../engine';\nimport { x } from '../shared/ipc';\nexport const a = [app, createEngine, x];\n",
    ],
    [
      'src/main/queue/x.ts',
      "import { createEngine } from '../../engine';\nimport { y } from '../../engine/index';\nexport const a = [createEngine, y];\n",
    ],
    [
      'src/renderer/store/x.ts',
      "import { x } from '../../shared/ipc';\nimport { create } from 'zustand';\nimport { Row } from '../components/QueueRow';\nexport const a = [x, create, Row];\n",
    ],
    [
      'src/shared/x.ts',
      "import { z } from 'zod';\nimport { isFinal } from './upload-state';\nexport const a = [z, isFinal];\n",
    ],
    [
      'src/preload/x.ts',
      "import { contextBridge } from 'electron';\nimport { CHANNEL } from '../shared/ipc-channels';\nexport const a = [contextBridge, CHANNEL];\n",
    ],
    [
      'src/cli/x.ts',
      "import { createEngine } from '../engine';\nimport { version } from '../../package.json';\nexport const a = [createEngine, version];\n",
    ],
    // Tests and the main process's test helpers may use the engine's rooms and the test harness.
    [
      'src/engine/job/x.test.ts',
      "import { x } from '../queue/engine';\nimport { makeTempDir } from '../../../test/harness/fixtures';\nexport const a = [x, makeTempDir];\n",
    ],
    ['src/main/x.test.ts', "import { x } from '../engine/job/file-job';\nexport const a = x;\n"],
    ['src/main/testing/x.ts', "import { x } from '../../engine/job/file-job';\nexport const a = x;\n"],
    ['src/cli/x.test.ts', "import { x } from '../engine/plan/keys';\nexport const a = x;\n"],
  ])('%s', async (path, code) => {
    expect(errors(await layerMessages(path, code))).toEqual([]);
  });
});

describe('layer rules in tests', () => {
  it('a test that imports another layer is a warning, not an error', async () => {
    const found = await layerMessages(
      'src/engine/s3/x.test.ts',
      "import { appEngineOptions } from '../../main/services';\nexport const a = appEngineOptions;\n",
    );
    expect(found.map((m) => m.severity)).toEqual([1]);
    expect(found[0]!.message).toMatch(/The engine never imports src\/main/);
  });
});
