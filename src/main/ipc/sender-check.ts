// Is an IPC message from our own renderer? In Electron the sender is event.senderFrame, which may be null (the frame
// navigated or was destroyed); register.ts turns it into a SenderInfo. Only the top frame showing our page passes:
// the built renderer at its app:// URL (desktop/app-protocol.ts serves it), or the dev server's origin during
// `npm run dev` (desktop/dev-server.ts decides when that is trusted at all). file:// pages never pass: any file on the
// disk shares that scheme, and a page the user saved or downloaded could otherwise talk to main.

export interface SenderInfo {
  /** The sending frame's URL; null when Electron no longer knows the frame. */
  url: string | null;
  /** False for iframes: our page has none, so a message from one is not ours. */
  isMainFrame: boolean;
}

export type SenderCheck = (sender: SenderInfo) => boolean;

export interface SenderCheckOptions {
  /** The dev server's URL in development, e.g. http://localhost:5173/; only given when it is trusted. */
  devServerUrl?: string;
  /** The built page's URL, app://hoist/index.html (APP_PAGE_URL). */
  rendererUrl?: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function createSenderCheck({ devServerUrl, rendererUrl }: SenderCheckOptions): SenderCheck {
  const dev = devServerUrl ? parse(devServerUrl) : null;
  const page = rendererUrl ? parse(rendererUrl) : null;
  return (sender) => {
    if (!sender || typeof sender !== 'object' || !sender.isMainFrame || typeof sender.url !== 'string') return false;
    const url = parse(sender.url);
    if (!url) return false;
    if (dev && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === dev.origin) return true;
    // A custom scheme has no origin in Node's URL ("null"), so the parts are compared: scheme, host, the page's path.
    if (
      page &&
      url.protocol !== 'file:' &&
      url.protocol === page.protocol &&
      url.host === page.host &&
      url.username === '' &&
      url.password === ''
    ) {
      return url.pathname === page.pathname;
    }
    return false;
  };
}
