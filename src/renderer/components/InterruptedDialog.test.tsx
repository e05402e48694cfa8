import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { InterruptedUpload } from '../../shared/ipc';
import { createFakeApi, PROFILE, settingsWith } from '../test/fake-api';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

const MiB = 1024 * 1024;
/** Two hours before the test runs: the prompt says how long ago the upload started. */
const STARTED_AT = Date.now() - 2 * 3_600_000;
const upload = (uploadId: string, name: string, patch: Partial<InterruptedUpload> = {}): InterruptedUpload => ({
  uploadId,
  name,
  bucket: 'photos',
  key: `inbox/${name}`,
  size: 120_000_000,
  partsDone: 3,
  partSize: 8 * MiB,
  startedAt: STARTED_AT,
  profileName: 'Local MinIO',
  server: 'http://127.0.0.1:9000',
  problem: null,
  ...patch,
});

const dialog = () => screen.getByRole('dialog', { name: 'Interrupted uploads' });
const line = (name: string) => within(dialog()).getByRole('listitem', { name });

describe('interrupted uploads prompt', () => {
  it('opens at start with what each upload is and how far it got', async () => {
    const api = createFakeApi({ settings: settingsWith([PROFILE]), interrupted: [upload('u1', 'video.mov')] });
    await renderApp(api);
    const item = line('video.mov');
    expect(within(item).getByText('photos/inbox/video.mov')).toBeTruthy();
    expect(within(item).getByText('114 MiB')).toBeTruthy();
    const meta = item.querySelector('.interrupted-meta')!.textContent!;
    expect(meta).toContain('3 × 8 MiB parts done');
    expect(meta).toContain('started 2 hours ago');
    const time = item.querySelector('.interrupted-meta time')!;
    expect(time.getAttribute('datetime')).toBe(new Date(STARTED_AT).toISOString());
    expect(time.getAttribute('title')).toBe(
      new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'medium' }).format(STARTED_AT),
    );
    expect(meta).toContain('profile “Local MinIO”');
  });

  it('stays closed when nothing was interrupted', async () => {
    const api = createFakeApi({ settings: settingsWith([PROFILE]) });
    await renderApp(api);
    expect(api.listInterrupted).toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("Resume and Discard send that upload's id, and the list is read again", async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      interrupted: [upload('u1', 'a.bin'), upload('u2', 'b.bin'), upload('u3', 'c.bin')],
    });
    await renderApp(api);
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Resume a.bin' }));
    expect(api.resumeInterrupted).toHaveBeenCalledWith(['u1']);
    await waitFor(() => expect(within(dialog()).queryByRole('listitem', { name: 'a.bin' })).toBeNull());

    await userEvent.click(within(dialog()).getByRole('button', { name: 'Discard c.bin' }));
    expect(api.discardInterrupted).toHaveBeenCalledWith(['u3']);
    await waitFor(() => expect(within(dialog()).queryByRole('listitem', { name: 'c.bin' })).toBeNull());
    expect(line('b.bin')).toBeTruthy();
    expect(api.listInterrupted).toHaveBeenCalledTimes(3);
  });

  it('Resume all resumes every upload that can be; the prompt closes when none is left', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      interrupted: [upload('u1', 'a.bin'), upload('u2', 'b.bin')],
    });
    await renderApp(api);
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Resume all' }));
    expect(api.resumeInterrupted).toHaveBeenCalledWith(['u1', 'u2']);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('explains what cannot be done: no credentials (nothing), a changed file (discard only)', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      interrupted: [
        upload('u1', 'orphan.bin', { problem: 'profile-missing', profileName: null }),
        upload('u2', 'edited.bin', { problem: 'file-changed' }),
        upload('u3', 'fine.bin'),
      ],
    });
    await renderApp(api);
    const orphan = line('orphan.bin');
    expect(within(orphan).getByRole('note').textContent).toMatch(/profile was deleted.*neither resume nor discard/);
    // Which server a profile added to abort it must name; a row whose profile exists names the profile instead.
    expect(orphan.textContent).toContain('on http://127.0.0.1:9000');
    expect(line('fine.bin').textContent).toContain('profile “Local MinIO”');
    expect(line('fine.bin').textContent).not.toContain('on http://127.0.0.1:9000');
    expect((within(orphan).getByRole('button', { name: 'Resume orphan.bin' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect((within(orphan).getByRole('button', { name: 'Discard orphan.bin' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    const edited = line('edited.bin');
    expect(within(edited).getByRole('note').textContent).toMatch(/file changed since/);
    expect((within(edited).getByRole('button', { name: 'Resume edited.bin' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect((within(edited).getByRole('button', { name: 'Discard edited.bin' }) as HTMLButtonElement).disabled).toBe(
      false,
    );

    await userEvent.click(within(dialog()).getByRole('button', { name: 'Resume all' }));
    expect(api.resumeInterrupted).toHaveBeenCalledWith(['u3']);
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Discard all' }));
    expect(api.discardInterrupted).toHaveBeenCalledWith(['u2']);
    await waitFor(() => expect(within(dialog()).getAllByRole('listitem')).toHaveLength(1));
    expect(line('orphan.bin')).toBeTruthy();
  });

  it('an upload the user cancelled can only be discarded (a resume would discard it anyway)', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE]),
      interrupted: [upload('u1', 'cancelled.bin', { problem: 'cancelled' }), upload('u2', 'fine.bin')],
    });
    await renderApp(api);
    const cancelled = line('cancelled.bin');
    const button = (name: string) => within(cancelled).getByRole('button', { name }) as HTMLButtonElement;
    expect(button('Resume cancelled.bin').disabled).toBe(true);
    expect(button('Discard cancelled.bin').disabled).toBe(false);
    expect(within(cancelled).getByRole('note').textContent).toMatch(/You cancelled this upload.*Discard it/);

    await userEvent.click(within(dialog()).getByRole('button', { name: 'Resume all' }));
    expect(api.resumeInterrupted).toHaveBeenCalledWith(['u2']);
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Discard cancelled.bin' }));
    expect(api.discardInterrupted).toHaveBeenCalledWith(['u1']);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('"Decide later" closes the prompt without touching anything', async () => {
    const api = createFakeApi({ settings: settingsWith([PROFILE]), interrupted: [upload('u1', 'a.bin')] });
    await renderApp(api);
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Decide later' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.resumeInterrupted).not.toHaveBeenCalled();
    expect(api.discardInterrupted).not.toHaveBeenCalled();
  });

  it('speaks Japanese', async () => {
    const api = createFakeApi({
      settings: settingsWith([PROFILE], { language: 'ja' }),
      interrupted: [upload('u1', 'a.bin')],
    });
    await renderApp(api);
    const ja = screen.getByRole('dialog', { name: '中断されたアップロード' });
    expect(within(ja).getByRole('button', { name: 'a.bin を再開' })).toBeTruthy();
    expect(within(ja).getByRole('button', { name: 'すべて破棄' })).toBeTruthy();
    expect(within(ja).getByRole('listitem', { name: 'a.bin' }).querySelector('time')!.textContent).toBe('2時間前');
  });
});
