// Makes a node process log every module file it loads, so that a test can say which npm packages a build pulls in.
// ES modules (and the first file of a CommonJS package imported from one) go through a module hook; a require() made
// inside a CommonJS module does not reach that hook on Node 20, so require.cache is logged too when the process
// exits. A specifier can be answered with another file instead (a stub for "electron", which needs its binary), and
// more code can run in the process before its own (preload), appending lines of its own to the file named LOG.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LoadLog {
  /** For the process's environment: NODE_OPTIONS with both hooks, and the log file they write to. */
  env: Record<string, string>;
  /** What the process logged: every line (module URLs and paths, and a preload's own), and the npm packages loaded. */
  loaded(): Promise<{ lines: string[]; packages: Set<string> }>;
}

const PACKAGE = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;

/** Writes the hooks into dir (a fresh temporary folder per log) and answers how to use them. */
export async function loadLog(
  dir: string,
  opts: { replace?: Record<string, string>; preload?: string } = {},
): Promise<LoadLog> {
  const log = join(dir, 'loaded.txt');
  await writeFile(log, '');
  const replaced = Object.fromEntries(
    Object.entries(opts.replace ?? {}).map(([spec, path]) => [spec, pathToFileURL(path).href]),
  );
  await writeFile(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
    const replaced = ${JSON.stringify(replaced)};
    export async function resolve(specifier, context, next) {
      if (Object.hasOwn(replaced, specifier)) return { url: replaced[specifier], shortCircuit: true };
      return next(specifier, context);
    }
    export async function load(url, context, next) {
      appendFileSync(${JSON.stringify(log)}, url + '\\n');
      return next(url, context);
    }`,
  );
  const register = join(dir, 'register.mjs');
  await writeFile(
    register,
    [
      "import { register } from 'node:module';",
      `register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});`,
      `const LOG = ${JSON.stringify(log)};`,
      opts.preload ?? '',
    ].join('\n'),
  );
  const required = join(dir, 'require-log.cjs');
  await writeFile(
    required,
    `const { appendFileSync } = require('node:fs');
    process.on('exit', () => appendFileSync(${JSON.stringify(log)}, Object.keys(require.cache).join('\\n') + '\\n'));`,
  );
  return {
    env: { NODE_OPTIONS: `--import=${register} --require=${required}` },
    async loaded() {
      const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
      const packages = new Set(lines.map((u) => PACKAGE.exec(u)?.[1]).filter((p): p is string => !!p));
      return { lines, packages };
    },
  };
}
