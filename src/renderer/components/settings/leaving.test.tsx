// Leaving Settings: Back and Escape close it; with unsaved input they ask "Discard your changes?" first, in a dialog
// of the window that keeps focus inside and takes Escape as Keep editing.
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConflictQuestion } from '../../../shared/ipc';
import { createFakeApi, PROFILE, settingsWith } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

afterEach(cleanup);

const OTHER = { ...PROFILE, id: 'p2', name: 'Backups', bucket: 'backups' };

async function openSettings() {
  const api = createFakeApi({ settings: settingsWith([PROFILE, OTHER]) });
  const view = await renderApp(api);
  await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return { api, ...view };
}

const settingsOpen = () => screen.queryByRole('heading', { name: 'Settings' }) !== null;
const question = () => screen.queryByRole('alertdialog', { name: 'Discard your changes?' });
const back = () => screen.getByRole('button', { name: 'Back to the queue' });

describe('leaving settings', () => {
  it('closes at once with Back or Escape when nothing was changed', async () => {
    await openSettings();
    await userEvent.click(back());
    expect(settingsOpen()).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(settingsOpen()).toBe(true);
    await userEvent.keyboard('{Escape}');
    expect(settingsOpen()).toBe(false);
    expect(question()).toBeNull();
  });

  it('asks before Back loses typed input; Keep editing keeps it and returns focus', async () => {
    await openSettings();
    const bucket = screen.getByLabelText('Bucket') as HTMLInputElement;
    await userEvent.type(bucket, '-2');
    await userEvent.click(back());
    const dialog = question();
    expect(dialog).not.toBeNull();
    expect(settingsOpen()).toBe(true);
    // Focus starts on the answer that loses nothing.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep editing' }));

    await userEvent.click(screen.getByRole('button', { name: 'Keep editing' }));
    expect(question()).toBeNull();
    expect(bucket.value).toBe('photos-2');
    expect(document.activeElement).toBe(back());
  });

  it('asks before Escape loses typed input; Escape in the question keeps editing, Discard leaves', async () => {
    await openSettings();
    const bucket = screen.getByLabelText('Bucket') as HTMLInputElement;
    await userEvent.type(bucket, '-2');
    await userEvent.keyboard('{Escape}');
    expect(question()).not.toBeNull();

    await userEvent.keyboard('{Escape}');
    expect(question()).toBeNull();
    expect(settingsOpen()).toBe(true);
    expect(document.activeElement).toBe(bucket);
    expect(bucket.value).toBe('photos-2');

    await userEvent.keyboard('{Escape}');
    await userEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(settingsOpen()).toBe(false);
  });

  it("asks before the header's Settings toggle closes typed input", async () => {
    await openSettings();
    const bucket = screen.getByLabelText('Bucket') as HTMLInputElement;
    await userEvent.type(bucket, '-2');
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(question()).not.toBeNull();
    expect(settingsOpen()).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(settingsOpen()).toBe(false);
  });

  it('does not ask once the input is saved, or typed back as it was', async () => {
    await openSettings();
    await userEvent.type(screen.getByLabelText('Bucket'), '-2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Name'), 'x{Backspace}');
    await userEvent.click(back());
    expect(question()).toBeNull();
    expect(settingsOpen()).toBe(false);
  });

  it('keeps Tab inside the question', async () => {
    await openSettings();
    await userEvent.type(screen.getByLabelText('Bucket'), '-2');
    await userEvent.click(back());
    const keep = screen.getByRole('button', { name: 'Keep editing' });
    const discard = screen.getByRole('button', { name: 'Discard' });
    await userEvent.tab();
    expect(document.activeElement).toBe(discard);
    await userEvent.tab();
    expect(document.activeElement).toBe(keep);
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(discard);
  });

  it('asks before another profile replaces the form', async () => {
    await openSettings();
    await userEvent.type(screen.getByLabelText('Bucket'), '-2');
    await userEvent.click(screen.getByRole('button', { name: /^Backups/ }));
    expect(question()).not.toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.getByRole('heading', { name: 'Backups' })).toBeTruthy();
    expect((screen.getByLabelText('Bucket') as HTMLInputElement).value).toBe('backups');
  });

  it('leaves an Escape meant for another dialog to that dialog', async () => {
    const { api } = await openSettings();
    const conflict: ConflictQuestion = {
      id: 'q1',
      name: 'a.jpg',
      bucket: 'photos',
      key: 'inbox/a.jpg',
      local: { size: 10, modifiedAt: null },
      remote: null,
      remaining: 0,
    };
    act(() => api.emitConflict(conflict));
    await userEvent.keyboard('{Escape}');
    expect(api.answerConflict).toHaveBeenCalledWith('q1', 'skip', false);
    expect(settingsOpen()).toBe(true);
  });
});
