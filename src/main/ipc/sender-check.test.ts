import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL } from '../desktop/app-protocol';
import { createSenderCheck } from './sender-check';

describe('sender check', () => {
  const built = createSenderCheck({ rendererUrl: APP_PAGE_URL });
  const dev = createSenderCheck({ devServerUrl: 'http://localhost:5173/', rendererUrl: APP_PAGE_URL });

  it('accepts only our app:// page in the top frame', () => {
    expect(APP_PAGE_URL).toBe('app://hoist/index.html');
    expect(built({ url: 'app://hoist/index.html', isMainFrame: true })).toBe(true);
    expect(built({ url: 'app://hoist/index.html#x', isMainFrame: true })).toBe(true);
    expect(built({ url: 'app://hoist/index.html', isMainFrame: false })).toBe(false);
    expect(built({ url: 'app://hoist/other.html', isMainFrame: true })).toBe(false);
    expect(built({ url: 'app://evil/index.html', isMainFrame: true })).toBe(false);
    expect(built({ url: 'app://hoist:8080/index.html', isMainFrame: true })).toBe(false);
    expect(built({ url: 'app://user@hoist/index.html', isMainFrame: true })).toBe(false);
    expect(built({ url: 'other://hoist/index.html', isMainFrame: true })).toBe(false);
    expect(built({ url: null, isMainFrame: true })).toBe(false);
    expect(built({ url: 'not a url', isMainFrame: true })).toBe(false);
  });

  it('never accepts a file:// page, not even the built index.html on disk', () => {
    expect(
      built({
        url: 'file:///Applications/Hoist.app/Contents/Resources/app/out/renderer/index.html',
        isMainFrame: true,
      }),
    ).toBe(false);
    expect(built({ url: 'file:///hoist/index.html', isMainFrame: true })).toBe(false);
    expect(
      createSenderCheck({ rendererUrl: 'file:///x/index.html' })({ url: 'file:///x/index.html', isMainFrame: true }),
    ).toBe(false);
  });

  it('accepts the dev server origin only when one is configured', () => {
    expect(dev({ url: 'http://localhost:5173/index.html', isMainFrame: true })).toBe(true);
    expect(dev({ url: 'http://localhost:5174/', isMainFrame: true })).toBe(false);
    expect(built({ url: 'http://localhost:5173/', isMainFrame: true })).toBe(false);
  });
});
