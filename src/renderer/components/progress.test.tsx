// One rule for every progress bar: solid what the server confirmed (never going back), lighter what is in flight.
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, formatSpeed } from '../lib/format';
import { createFakeApi, makeItem, PROFILE, settingsWith } from '../test/fake-api';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

const MB = 1_000_000;
const row = (name: string) => screen.getByRole('listitem', { name });
const barOf = (name: string) => within(row(name)).getByRole('progressbar', { name: `Progress of ${name}` });
/** The scale each fill is drawn at: [solid, lighter]. */
const fills = (bar: HTMLElement) =>
  ['.progress-fill', '.progress-sent'].map((s) => (bar.querySelector(s) as HTMLElement).style.transform);

describe('progress bars', () => {
  it('a row shows the confirmed percent, solid, and what is in flight as a lighter part', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      items: [makeItem('a', { kind: 'uploading' }, { confirmed: 16 * MB, loaded: 32 * MB })],
    });
    await renderApp(api);
    const bar = barOf('a.bin');
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(bar.getAttribute('aria-valuetext')).toBe('25% confirmed by the server, 50% sent');
    expect(within(row('a.bin')).getByText('25%')).toBeTruthy();
    expect(fills(bar)).toEqual(['scaleX(0.25)', 'scaleX(0.5)']);

    // Nothing in flight: both parts meet, and the value needs no words beyond the percent.
    act(() => api.emitBatch([makeItem('a', { kind: 'uploading' }, { confirmed: 40 * MB, loaded: 40 * MB })]));
    expect(bar.getAttribute('aria-valuenow')).toBe('62');
    expect(bar.hasAttribute('aria-valuetext')).toBe(false);
    expect(fills(bar)).toEqual(['scaleX(0.62)', 'scaleX(0.62)']);
  });

  it('a row whose sent bytes fall (network dropped, then paused) keeps its confirmed percent', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      items: [makeItem('a', { kind: 'uploading' }, { confirmed: 32 * MB, loaded: 48 * MB })],
    });
    await renderApp(api);
    const bar = barOf('a.bin');
    expect(fills(bar)).toEqual(['scaleX(0.5)', 'scaleX(0.75)']);

    const drop = {
      kind: 'retrying' as const,
      attempt: 2,
      retryAt: Date.now() + 5000,
      reason: 'Cannot reach 127.0.0.1:9000 (ECONNRESET).',
    };
    act(() => api.emitBatch([makeItem('a', drop, { confirmed: 32 * MB, loaded: 32 * MB })]));
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(within(row('a.bin')).getByText('50%')).toBeTruthy();
    expect(fills(bar)).toEqual(['scaleX(0.5)', 'scaleX(0.5)']);

    act(() => api.emitBatch([makeItem('a', { kind: 'paused' }, { confirmed: 32 * MB, loaded: 32 * MB })]));
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(within(row('a.bin')).getByText('50%')).toBeTruthy();
  });

  it('a cancelled row keeps how far it got, greyed', async () => {
    const items = [makeItem('c', { kind: 'cancelled', cleanup: 'verified' }, { confirmed: 20 * MB, loaded: 24 * MB })];
    await renderApp(createFakeApi({ settings: settingsWith([PROFILE]), items }));
    const bar = barOf('c.bin');
    expect(bar.getAttribute('aria-valuenow')).toBe('31');
    expect(within(row('c.bin')).getByText('31%')).toBeTruthy();
    expect(bar.className).toContain('progress-muted');
    // Nothing is in flight for a file that stopped.
    expect(fills(bar)).toEqual(['scaleX(0.31)', 'scaleX(0.31)']);
  });

  it('a failed row shows 0, solid and lighter, whatever was confirmed', async () => {
    const error = { code: 'FileChanged', message: 'changed' };
    const items = [
      makeItem('f', { kind: 'failed', error, cleanup: 'verified' }, { confirmed: 40 * MB, loaded: 48 * MB }),
    ];
    await renderApp(createFakeApi({ settings: settingsWith([PROFILE]), items }));
    const bar = barOf('f.bin');
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    expect(within(row('f.bin')).getByText('0%')).toBeTruthy();
    expect(fills(bar)).toEqual(['scaleX(0)', 'scaleX(0)']);
  });
});

describe('header', () => {
  it('draws the whole queue by the same rule, and tells the time left for what is not yet sent', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      items: [
        makeItem('a', { kind: 'uploading' }, { confirmed: 16 * MB, loaded: 32 * MB, bytesPerSecond: 4 * MB }),
        makeItem('b', { kind: 'queued' }),
      ],
    });
    await renderApp(api);
    const header = within(screen.getByRole('banner'));
    const bar = header.getByRole('progressbar', { name: 'Overall progress' });
    // 16 of 128 MB confirmed, 32 sent.
    expect(bar.getAttribute('aria-valuenow')).toBe('12');
    expect(bar.getAttribute('aria-valuetext')).toBe('12% confirmed by the server, 25% sent');
    expect(fills(bar)).toEqual(['scaleX(0.12)', 'scaleX(0.25)']);
    // 96 MB not yet sent at 4 MB/s.
    const bytes = () => screen.getByRole('banner').querySelector('.header-bytes')!.textContent;
    expect(bytes()).toBe(
      `${formatBytes(16 * MB, 'en')} of ${formatBytes(128 * MB, 'en')}, ${formatSpeed(4 * MB, 'en')}, 24 s left`,
    );

    // Nothing moving: no speed, so no time left.
    act(() =>
      api.emitBatch([makeItem('a', { kind: 'uploading' }, { confirmed: 32 * MB, loaded: 32 * MB, bytesPerSecond: 0 })]),
    );
    expect(bytes()).toBe(`${formatBytes(32 * MB, 'en')} of ${formatBytes(128 * MB, 'en')}`);
    expect(header.queryByText(/left/)).toBeNull();
  });
});
