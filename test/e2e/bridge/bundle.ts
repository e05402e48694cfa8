// Bundles the page-side entries (the bridge's preload, the test probe) into self-contained scripts with esbuild,
// once per process. They go into the page as Playwright init scripts, which run before the app's own script and are
// not subject to the page's CSP, so out/renderer/index.html is served unchanged.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** Each page script's entry module, as source (so the preload can use src/preload/api.ts's buildApi as it is). */
const ENTRIES = {
  preload: [
    `import { buildApi } from ${JSON.stringify(here('../../../src/preload/api.ts'))};`,
    `import { installBridgePreload } from ${JSON.stringify(here('./page-preload.ts'))};`,
    'installBridgePreload(buildApi);',
  ].join('\n'),
  probe: `import ${JSON.stringify(here('../support/page-probe.ts'))};`,
} as const;

export type PageScript = keyof typeof ENTRIES;

const cache = new Map<PageScript, Promise<string>>();

export function pageScript(name: PageScript): Promise<string> {
  let script = cache.get(name);
  if (!script) {
    script = build({
      stdin: { contents: ENTRIES[name], loader: 'ts', resolveDir: here('.'), sourcefile: `hoist-e2e-${name}.ts` },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      sourcemap: 'inline',
      logLevel: 'silent',
    }).then((result) => {
      const file = result.outputFiles[0];
      if (!file) throw new Error(`esbuild produced nothing for the ${name} script`);
      return file.text;
    });
    cache.set(name, script);
  }
  return script;
}
