// When the window may load the dev server instead of the built renderer, and its origin may talk to main.
// ELECTRON_RENDERER_URL is only an environment variable: anyone who can start the app (a script, a shortcut with an
// extra variable) can set it, and an app that trusted it whenever it ran unpackaged would load and obey whatever
// page it named. So it counts only under `electron-vite dev`, which marks its own runs with
// NODE_ENV_ELECTRON_VITE=development, only in an unpackaged app, and only for a server on this machine.

export interface DevServerDecision {
  /** The dev server's origin with a trailing slash, when it is trusted. */
  url?: string;
  /** Why ELECTRON_RENDERER_URL was set but ignored (for a console line), when it was. */
  ignored?: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function devServerDecision(isPackaged: boolean, env: Record<string, string | undefined>): DevServerDecision {
  const raw = env['ELECTRON_RENDERER_URL'];
  if (!raw) return {};
  const ignored = (why: string) => ({
    ignored: `ELECTRON_RENDERER_URL ignored: ${why}; the built renderer is loaded instead`,
  });
  if (isPackaged) return ignored('a packaged app always loads its own renderer');
  if (env['NODE_ENV_ELECTRON_VITE'] !== 'development') {
    return ignored(
      'it is trusted only under `npm run dev` (electron-vite dev sets NODE_ENV_ELECTRON_VITE=development)',
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return ignored(`"${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return ignored(`"${url.protocol}" is not http or https`);
  if (!LOOPBACK.has(url.hostname) || url.username !== '' || url.password !== '') {
    return ignored(`the dev server must run on this machine (localhost), not "${url.hostname}"`);
  }
  return { url: `${url.origin}/` };
}
