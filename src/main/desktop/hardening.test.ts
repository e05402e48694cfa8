// The plain-Node halves of the Electron hardening: the app:// handler that serves the built renderer, the rule for
// trusting a dev server, and main's weak-storage question. (The Electron calls around them are one line each in
// index.ts and electron-desktop.ts; they need the real Electron, which these machines do not have.)
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { APP_CSP, APP_PAGE_URL, createAppProtocolHandler, resolveAppRequest } from './app-protocol';
import { devServerDecision } from './dev-server';
import { weakStorageQuestion } from './weak-storage-question';

let root: string;
let renderer: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hoist-app-protocol-'));
  renderer = join(root, 'out', 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Hoist</title>');
  await writeFile(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(renderer, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(join(root, 'out', 'secret.txt'), 'outside the renderer folder');
  await writeFile(join(root, 'out', 'renderer-evil.txt'), 'a sibling whose name starts like the root');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('app:// serves out/renderer and nothing else', () => {
  const get = (url: string, method = 'GET') =>
    createAppProtocolHandler({ rootDir: renderer })(new Request(url, { method }));

  it('serves the page with the CSP header, and its assets with their types', async () => {
    const page = await get(APP_PAGE_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Hoist</title>');
    expect((await get('app://hoist/')).status).toBe(200);
    const script = await get('app://hoist/assets/index-abc.js?v=1');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBeNull();
    expect(await script.text()).toBe('console.log(1)');
    expect((await get('app://hoist/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    'app://hoist/../secret.txt',
    'app://hoist/assets/../../secret.txt',
    'app://hoist/%2e%2e/secret.txt',
    'app://hoist/.%2E/secret.txt',
    'app://hoist/..%2fsecret.txt',
    'app://hoist/..%5csecret.txt',
    'app://hoist/..\\secret.txt',
    'app://hoist/assets/%00.js',
    'app://hoist//etc/passwd',
    'app://hoist/%E0%A4%A',
    'app://hoist/../renderer-evil.txt',
  ])('never serves a file outside the root for %s', async (url) => {
    // Request (like Chromium) folds plain dot segments before the handler sees them: those find no file (404).
    // Whatever reaches the handler with a dot segment or a smuggled separator is refused outright (400).
    const answer = await get(url);
    expect([400, 404]).toContain(answer.status);
    expect(await answer.text()).not.toMatch(/outside the renderer folder|a sibling/);
    const direct = resolveAppRequest(url, renderer);
    expect(direct.kind === 'refused' || direct.path.startsWith(join(renderer, '/')), url).toBe(true);
  });

  it('answers 404 for other hosts, missing files and folders; 405 for other methods', async () => {
    for (const url of [
      'app://evil/index.html',
      'app://hoist:81/index.html',
      'app://hoist/nope.js',
      'app://hoist/assets/',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
    expect(resolveAppRequest('app://user@hoist/index.html', renderer)).toMatchObject({ kind: 'refused', status: 404 });
    expect((await get(APP_PAGE_URL, 'POST')).status).toBe(405);
    const head = await get(APP_PAGE_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('resolves only inside the root', () => {
    expect(resolveAppRequest('app://hoist/assets/index-abc.js', renderer)).toMatchObject({
      kind: 'file',
      path: join(renderer, 'assets', 'index-abc.js'),
    });
    for (const raw of [
      'app://hoist/a/b/../../../x',
      'app://hoist/%2e%2e/secret.txt',
      'app://hoist/assets/./x.js',
      'app://hoist/../renderer-evil.txt',
    ]) {
      expect(resolveAppRequest(raw, renderer), raw).toMatchObject({ kind: 'refused', status: 400 });
    }
    expect(resolveAppRequest('file:///etc/passwd', renderer)).toMatchObject({ kind: 'refused', status: 404 });
  });

  it("sends the same policy as index.html's meta tag, and forbids framing", async () => {
    const html = await readFile(join(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta, 'the CSP meta tag of src/renderer/index.html').toBeDefined();
    const directives = (csp: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean);
    expect(directives(APP_CSP)).toEqual([...directives(meta!), "frame-ancestors 'none'"]);
  });
});

describe('the dev server is trusted only under electron-vite dev', () => {
  const dev = { ELECTRON_RENDERER_URL: 'http://localhost:5173', NODE_ENV_ELECTRON_VITE: 'development' };

  it('trusts a loopback dev server in an unpackaged app started by electron-vite dev', () => {
    expect(devServerDecision(false, dev)).toEqual({ url: 'http://localhost:5173/' });
    expect(devServerDecision(false, { ...dev, ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' })).toEqual({
      url: 'http://127.0.0.1:5173/',
    });
    expect(devServerDecision(false, {})).toEqual({});
  });

  it.each([
    ['a packaged app', true, dev, /packaged/],
    [
      'an unpackaged app not started by electron-vite dev',
      false,
      { ELECTRON_RENDERER_URL: 'http://localhost:5173' },
      /npm run dev/,
    ],
    ['electron-vite preview', false, { ...dev, NODE_ENV_ELECTRON_VITE: 'production' }, /npm run dev/],
    [
      'a server elsewhere',
      false,
      { ...dev, ELECTRON_RENDERER_URL: 'https://evil.example.com/' },
      /this machine.*evil\.example\.com/,
    ],
    ['user info', false, { ...dev, ELECTRON_RENDERER_URL: 'http://x@localhost:5173/' }, /this machine/],
    ['a file URL', false, { ...dev, ELECTRON_RENDERER_URL: 'file:///tmp/page.html' }, /not http/],
    ['garbage', false, { ...dev, ELECTRON_RENDERER_URL: 'localhost:5173' }, /not|this machine/],
  ])('ignores ELECTRON_RENDERER_URL in %s, and says why', (_what, packaged, env, why) => {
    const decision = devServerDecision(packaged as boolean, env as Record<string, string>);
    expect(decision.url).toBeUndefined();
    expect(decision.ignored).toMatch(/^ELECTRON_RENDERER_URL ignored: /);
    expect(decision.ignored).toMatch(why as RegExp);
  });
});

describe("main's weak-storage question", () => {
  it.each(['en', 'ja'] as const)('offers the safe answer first, for Enter, Escape and closing (%s)', (language) => {
    const t = translator(language);
    const { options, allow } = weakStorageQuestion(t);
    expect(options.buttons).toEqual([t('storage.weakKeep'), t('storage.weakAllow')]);
    expect(allow).toBe(1);
    expect(options.defaultId).toBe(0);
    expect(options.cancelId).toBe(0);
    expect(options.type).toBe('warning');
    expect(options.detail).toBe(t('storage.weakDetail'));
  });
});
