import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { formatSpeed } from '../lib/format';
import { createFakeApi, makeItem, PROFILE, settingsWith } from '../test/fake-api';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

const row = (name: string) => screen.getByRole('listitem', { name });

describe('queue rows', () => {
  it("a row's progress bar follows the batches from main", async () => {
    const api = createFakeApi({ settings: settingsWith([PROFILE]), items: [makeItem('a')] });
    await renderApp(api);
    const bar = within(row('a.bin')).getByRole('progressbar', { name: 'Progress of a.bin' });
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    expect(within(row('a.bin')).getByText('Queued')).toBeTruthy();

    act(() =>
      api.emitBatch([
        makeItem('a', { kind: 'uploading' }, { loaded: 16_000_000, bytesPerSecond: 4_000_000, etaSeconds: 12 }),
      ]),
    );
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    const r = within(row('a.bin'));
    expect(r.getByText('25%')).toBeTruthy();
    expect(r.getByText('Uploading')).toBeTruthy();
    // Speed and time left beside the bar, in format.ts's units.
    expect(row('a.bin').querySelector('.row-stats')!.textContent).toBe(`${formatSpeed(4_000_000, 'en')} · 12 s left`);

    act(() =>
      api.emitBatch([makeItem('a', { kind: 'done', etag: 'e', bytesSent: 64_000_000 }, { loaded: 64_000_000 })]),
    );
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(within(row('a.bin')).getByText('Done')).toBeTruthy();
    expect(within(row('a.bin')).getByRole('button', { name: 'Remove a.bin' })).toBeTruthy();
  });

  it('Cancel calls cancel over the API; the row shows Cancelling…, then how far it got, and keeps the focus', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      items: [makeItem('big', { kind: 'uploading' }, { loaded: 20_000_000 })],
    });
    await renderApp(api);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel big.bin' }));
    expect(api.cancel).toHaveBeenCalledWith('big');
    expect(within(row('big.bin')).getByText('Cancelling…')).toBeTruthy();
    // The Cancel button is disabled and then gone: the focus stays on the row, never on the page.
    expect(document.activeElement).toBe(row('big.bin'));

    act(() => api.emitBatch([makeItem('big', { kind: 'cancelling' }, { loaded: 20_000_000 })]));
    expect(within(row('big.bin')).getByText('Cancelling…')).toBeTruthy();
    act(() => api.emitBatch([makeItem('big', { kind: 'cancelled', cleanup: 'verified' }, { loaded: 20_000_000 })]));
    // 20 of 64 MB: the same percent as the bar, which stays there, greyed.
    expect(within(row('big.bin')).getByText('Cancelled at 31%: parts cleaned up')).toBeTruthy();
    const bar = within(row('big.bin')).getByRole('progressbar', { name: 'Progress of big.bin' });
    expect(bar.getAttribute('aria-valuenow')).toBe('31');
    expect(bar.className).toContain('progress-muted');
    expect(document.activeElement).toBe(row('big.bin'));
    expect(screen.queryByRole('button', { name: 'Cancel big.bin' })).toBeNull();
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Retry big.bin' }));
  });

  it('a failed row shows its reason, and Retry works', async () => {
    const failed = makeItem('x', {
      kind: 'failed',
      error: { code: 'NoSuchBucket', message: 'The bucket "photoz" does not exist on 127.0.0.1:9000.' },
      cleanup: 'none-needed',
    });
    const api = createFakeApi({ settings: settingsWith([PROFILE]), items: [failed] });
    await renderApp(api);
    expect(
      within(row('x.bin')).getByText('Failed: The bucket "photoz" does not exist on 127.0.0.1:9000.'),
    ).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry x.bin' }));
    expect(api.retry).toHaveBeenCalledWith('x');
    act(() => api.emitBatch([makeItem('x', { kind: 'queued' })]));
    expect(within(row('x.bin')).getByText('Queued')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry x.bin' })).toBeNull();
  });

  it('puts every state in plain words', async () => {
    const err = { code: 'E', message: 'reason' };
    const items = [
      makeItem('s1', { kind: 'starting' }),
      makeItem('s2', { kind: 'retrying', attempt: 2, retryAt: 0, reason: 'slow down' }),
      makeItem('s3', { kind: 'paused' }),
      makeItem('s4', { kind: 'completing' }),
      makeItem('s5', { kind: 'cancelled', cleanup: 'none-needed' }),
      makeItem('s6', { kind: 'cancelled', cleanup: 'object-kept' }),
      makeItem('s7', { kind: 'cleanup-failed', uploadId: 'u', error: err }),
      makeItem('s8', { kind: 'failed', error: err, cleanup: 'failed' }),
    ];
    await renderApp(createFakeApi({ settings: settingsWith([PROFILE]), items }));
    const words = [
      'Starting…',
      'Retrying (attempt 2): slow down',
      'Paused',
      'Finishing…',
      'Cancelled',
      'Cancelled, but the file had already arrived and was kept',
      'Cancelled, but the parts could not be cleaned up: reason',
      'Failed: reason (its parts could not be cleaned up)',
    ];
    words.forEach((text, i) => expect(within(row(`s${i + 1}.bin`)).getByText(text)).toBeTruthy());
  });

  it('speaks Japanese when the setting says so', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE], { language: 'ja' }),
      items: [makeItem('a', { kind: 'uploading' }, { loaded: 32_000_000 })],
    });
    await renderApp(api);
    expect(within(row('a.bin')).getByText('アップロード中')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'a.bin をキャンセル' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'すべてキャンセル' })).toBeTruthy();
  });

  it('follows the OS language when set to "system"', async () => {
    const api = createFakeApi({ settings: settingsWith([PROFILE], { language: 'system' }), items: [makeItem('a')] });
    await renderApp(api, 'ja-JP');
    expect(within(row('a.bin')).getByText('待機中')).toBeTruthy();
  });

  it("a failed row's bar shows what is on the server: nothing, however much had been sent", async () => {
    const changed = {
      code: 'FileChanged',
      message: 'photo.jpg changed while it was uploading. Nothing of it was kept.',
    };
    const items = [
      makeItem('gone', { kind: 'failed', error: changed, cleanup: 'verified' }, { loaded: 64_000_000 }),
      makeItem('left', { kind: 'cleanup-failed', uploadId: 'u', error: changed }, { loaded: 32_000_000 }),
    ];
    await renderApp(createFakeApi({ settings: settingsWith([PROFILE]), items }));
    for (const name of ['gone.bin', 'left.bin']) {
      const r = within(row(name));
      expect(r.getByRole('progressbar', { name: `Progress of ${name}` }).getAttribute('aria-valuenow')).toBe('0');
      expect(r.getByText('0%')).toBeTruthy();
    }
  });
});
