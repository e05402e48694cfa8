import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes } from '../lib/format';
import { createFakeApi, makeItem, PROFILE, settingsWith } from '../test/fake-api';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

const row = (name: string) => screen.getByRole('listitem', { name });

describe('pause and resume', () => {
  it('Pause shows on running and waiting rows, Resume on paused ones, and each calls main', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      items: [
        makeItem('up', { kind: 'uploading' }, { loaded: 8_000_000 }),
        makeItem('wait', { kind: 'queued' }),
        makeItem('held', { kind: 'paused' }, { loaded: 16_000_000 }),
        makeItem('fin', { kind: 'completing' }),
      ],
    });
    await renderApp(api);
    expect(within(row('wait.bin')).getByRole('button', { name: 'Pause wait.bin' })).toBeTruthy();
    expect(within(row('fin.bin')).queryByRole('button', { name: /Pause|Resume/ })).toBeNull();
    expect(within(row('held.bin')).queryByRole('button', { name: 'Pause held.bin' })).toBeNull();
    expect(within(row('held.bin')).getByText('Paused')).toBeTruthy();
    // A paused upload can still be cancelled (its parts are then cleaned up).
    expect(within(row('held.bin')).getByRole('button', { name: 'Cancel held.bin' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Pause up.bin' }));
    expect(api.pause).toHaveBeenCalledWith('up');
    act(() => api.emitBatch([makeItem('up', { kind: 'paused' }, { loaded: 8_000_000 })]));
    expect(within(row('up.bin')).getByText('Paused')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Resume up.bin' }));
    expect(api.resume).toHaveBeenCalledWith('up');
    act(() => api.emitBatch([makeItem('up', { kind: 'uploading' }, { loaded: 8_000_000 })]));
    expect(within(row('up.bin')).getByRole('button', { name: 'Pause up.bin' })).toBeTruthy();
  });

  it('Pause all and Resume all in the header, with the paused count', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      items: [makeItem('a', { kind: 'uploading' }), makeItem('b', { kind: 'paused' })],
    });
    await renderApp(api);
    const header = within(screen.getByRole('banner'));
    expect(header.getByText(/1 paused/)).toBeTruthy();
    await userEvent.click(header.getByRole('button', { name: 'Pause all' }));
    expect(api.pauseAll).toHaveBeenCalled();
    act(() => api.emitBatch([makeItem('a', { kind: 'paused' })]));
    expect(header.queryByRole('button', { name: 'Pause all' })).toBeNull();
    expect(header.getByText(/2 paused/)).toBeTruthy();
    await userEvent.click(header.getByRole('button', { name: 'Resume all' }));
    expect(api.resumeAll).toHaveBeenCalled();
    // Cancel all also covers paused uploads.
    expect((header.getByRole('button', { name: 'Cancel all' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('counts down to the next retry, in words that say when the network is the problem', async () => {
    const now = Date.now();
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      items: [
        makeItem('net', {
          kind: 'retrying',
          attempt: 2,
          retryAt: now + 4_500,
          reason: 'Cannot reach http://127.0.0.1:9000 (ECONNREFUSED). Check the endpoint URL and your network.',
        }),
        makeItem('slow', { kind: 'retrying', attempt: 1, retryAt: now + 2_200, reason: 'SlowDown (HTTP 503)' }),
      ],
    });
    await renderApp(api);
    expect(within(row('net.bin')).getByText(/^Waiting for network, retrying in [45] s$/)).toBeTruthy();
    expect(within(row('slow.bin')).getByText(/^Retrying in [23] s: SlowDown \(HTTP 503\)$/)).toBeTruthy();
    expect(within(row('net.bin')).getByRole('button', { name: 'Pause net.bin' })).toBeTruthy();
  });

  it('speaks Japanese', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE], { language: 'ja' }),
      items: [
        makeItem('a', { kind: 'paused' }),
        makeItem('n', {
          kind: 'retrying',
          attempt: 1,
          retryAt: Date.now() + 3_000,
          reason: 'Cannot reach x (ENOTFOUND).',
        }),
      ],
    });
    await renderApp(api);
    expect(within(row('a.bin')).getByText('一時停止')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'a.bin を再開' })).toBeTruthy();
    expect(within(row('n.bin')).getByText(/ネットワークを待っています。\d 秒後に再試行します/)).toBeTruthy();
  });

  it('while a file is paused the header reads as paused, not complete, and keeps its byte counts', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      items: [
        makeItem('held', { kind: 'paused' }, { loaded: 16_000_000 }),
        makeItem('fin', { kind: 'done', etag: 'e', bytesSent: 64_000_000 }, { loaded: 64_000_000 }),
      ],
    });
    await renderApp(api);
    const header = within(screen.getByRole('banner'));
    const bar = header.getByRole('progressbar', { name: 'Overall progress' });
    expect(bar.className).not.toContain('progress-good');
    expect(bar.className).toContain('progress-neutral');
    expect(bar.getAttribute('aria-valuenow')).toBe('62');
    expect(header.getByText(/1 paused/)).toBeTruthy();
    expect(screen.getByRole('banner').querySelector('.header-bytes')!.textContent).toBe(
      `${formatBytes(80_000_000, 'en')} of ${formatBytes(128_000_000, 'en')}`,
    );
  });
});
