// Is an IPC message from our own renderer? In Electron the sender is event.senderFrame, which may be null (the frame
// navigated or was destroyed); register.ts turns it into a SenderInfo. Only the top frame showing our page passes:
// the dev server's origin during `npm run dev`, or the exact index.html file of the built renderer.

export interface SenderInfo {
  /** The sending frame's URL; null when Electron no longer knows the frame. */
  url: string | null;
  /** False for iframes: our page has none, so a message from one is not ours. */
  isMainFrame: boolean;
}

export type SenderCheck = (sender: SenderInfo) => boolean;

export interface SenderCheckOptions {
  /** ELECTRON_RENDERER_URL in development, e.g. http://localhost:5173/. */
  devServerUrl?: string;
  /** file:// URL of out/renderer/index.html. */
  rendererFileUrl?: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function createSenderCheck({ devServerUrl, rendererFileUrl }: SenderCheckOptions): SenderCheck {
  const dev = devServerUrl ? parse(devServerUrl) : null;
  const file = rendererFileUrl ? parse(rendererFileUrl) : null;
  return (sender) => {
    if (!sender || typeof sender !== 'object' || !sender.isMainFrame || typeof sender.url !== 'string') return false;
    const url = parse(sender.url);
    if (!url) return false;
    if (dev && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === dev.origin) return true;
    if (file && url.protocol === 'file:' && file.protocol === 'file:' && url.host === file.host) {
      return decodeURIComponent(url.pathname) === decodeURIComponent(file.pathname);
    }
    return false;
  };
}
