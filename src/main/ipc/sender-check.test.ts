import { describe, expect, it } from 'vitest';
import { createSenderCheck } from './sender-check';

describe('sender check', () => {
  const built = createSenderCheck({ rendererFileUrl: 'file:///Applications/Hoist.app/Contents/Resources/app/out/renderer/index.html' });
  const dev = createSenderCheck({ devServerUrl: 'http://localhost:5173/', rendererFileUrl: 'file:///x/out/renderer/index.html' });

  it('accepts only our page in the top frame', () => {
    expect(built({ url: 'file:///Applications/Hoist.app/Contents/Resources/app/out/renderer/index.html#x', isMainFrame: true })).toBe(true);
    expect(built({ url: 'file:///Applications/Hoist.app/Contents/Resources/app/out/renderer/index.html', isMainFrame: false })).toBe(false);
    expect(built({ url: 'file:///tmp/index.html', isMainFrame: true })).toBe(false);
    expect(built({ url: 'file://evil-host/Applications/Hoist.app/Contents/Resources/app/out/renderer/index.html', isMainFrame: true })).toBe(false);
    expect(built({ url: null, isMainFrame: true })).toBe(false);
    expect(built({ url: 'not a url', isMainFrame: true })).toBe(false);
  });

  it('accepts the dev server origin only when one is configured', () => {
    expect(dev({ url: 'http://localhost:5173/index.html', isMainFrame: true })).toBe(true);
    expect(dev({ url: 'http://localhost:5174/', isMainFrame: true })).toBe(false);
    expect(built({ url: 'http://localhost:5173/', isMainFrame: true })).toBe(false);
  });
});
