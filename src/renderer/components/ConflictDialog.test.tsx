import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConflictQuestion } from '../../shared/ipc';
import { createFakeApi, PROFILE, settingsWith } from '../test/fake-api';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Relative to the time the test runs: the dialog says how long ago each file changed.
const LOCAL_AT = Date.now() - 3 * DAY - 2 * HOUR;
const REMOTE_AT = Date.now() - 400 * DAY;

function question(patch: Partial<ConflictQuestion> = {}): ConflictQuestion {
  return {
    id: 'q1',
    name: 'a.jpg',
    bucket: 'photos',
    key: 'inbox/a.jpg',
    local: { size: 2_500_000, modifiedAt: LOCAL_AT },
    remote: { size: 1_200_000, modifiedAt: REMOTE_AT },
    remaining: 4,
    ...patch,
  };
}

async function open(patch: Partial<ConflictQuestion> = {}) {
  const api = createFakeApi({ settings: settingsWith([PROFILE]) });
  await renderApp(api);
  act(() => api.emitConflict(question(patch)));
  return { api, dialog: screen.getByRole('dialog', { name: 'This file is already there' }) };
}

describe('existing key question', () => {
  it('asks overwrite, skip or keep both, optionally for the rest of the batch', async () => {
    const api = createFakeApi({ settings: settingsWith([PROFILE]) });
    await renderApp(api);
    act(() => api.emitConflict(question()));
    const dialog = screen.getByRole('dialog', { name: 'This file is already there' });
    expect(dialog.textContent).toContain('“a.jpg” already exists in photos as inbox/a.jpg.');
    await userEvent.click(screen.getByLabelText('Do the same for the 4 other files in this batch that already exist'));
    await userEvent.click(screen.getByRole('button', { name: 'Keep both' }));
    expect(api.answerConflict).toHaveBeenCalledWith('q1', 'keep-both', true);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("shows both files: the full path, and each side's size and how long ago it changed, the full date on hover", async () => {
    const { dialog } = await open({ name: 'album/2023/summer/beach.jpg', key: 'inbox/album/2023/summer/beach.jpg' });
    // Computed here, not with the app's formatter, so that a wrong format or a swapped date fails.
    const full = (ms: number) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'medium' }).format(ms);
    expect(dialog.textContent).toContain(
      '“album/2023/summer/beach.jpg” already exists in photos as inbox/album/2023/summer/beach.jpg.',
    );
    const local = within(within(dialog).getByRole('row', { name: /On this computer/ })).getByRole('cell');
    const remote = within(within(dialog).getByRole('row', { name: /In photos/ })).getByRole('cell');
    expect(local.textContent).toBe('2.4 MiB, modified 3 days ago');
    expect(remote.textContent).toBe('1.1 MiB, modified 1 year ago');
    for (const [cell, at] of [
      [local, LOCAL_AT],
      [remote, REMOTE_AT],
    ] as const) {
      const time = cell.querySelector('time')!;
      expect(time.getAttribute('datetime')).toBe(new Date(at).toISOString());
      expect(time.getAttribute('title')).toBe(full(at));
    }
  });

  it('says what it does not know about the object in the bucket', async () => {
    const { api, dialog } = await open({ remote: null });
    expect(within(within(dialog).getByRole('row', { name: /In photos/ })).getByRole('cell').textContent).toBe(
      'Size and date not known',
    );
    act(() => api.emitConflict(question({ id: 'q2', remote: { size: 3_000, modifiedAt: null } })));
    expect(within(within(dialog).getByRole('row', { name: /In photos/ })).getByRole('cell').textContent).toBe(
      '2.9 KiB',
    );
  });

  it('Escape answers Skip, with "do the same for the rest" as ticked', async () => {
    const { api } = await open();
    await userEvent.click(screen.getByLabelText('Do the same for the 4 other files in this batch that already exist'));
    await userEvent.keyboard('{Escape}');
    expect(api.answerConflict).toHaveBeenCalledWith('q1', 'skip', true);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offers "Skip if unchanged", saying what it compares, for this file or the rest', async () => {
    const { api, dialog } = await open();
    const button = within(dialog).getByRole('button', { name: 'Skip if unchanged' });
    expect(button.title).toBe(
      'Skip if unchanged: Hoist compares the size and checksum with the object and sends the file only if it differs.',
    );
    await userEvent.click(within(dialog).getByRole('checkbox'));
    await userEvent.click(button);
    expect(api.answerConflict).toHaveBeenCalledWith('q1', 'skip-unchanged', true);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const { dialog } = await open();
    const keepBoth = within(dialog).getByRole('button', { name: 'Keep both' });
    const overwrite = within(dialog).getByRole('button', { name: 'Overwrite' });
    const checkbox = within(dialog).getByRole('checkbox');
    expect(document.activeElement).toBe(keepBoth);
    await userEvent.tab(); // Skip
    await userEvent.tab(); // Skip if unchanged
    await userEvent.tab();
    expect(document.activeElement).toBe(overwrite);
    await userEvent.tab();
    expect(document.activeElement).toBe(checkbox); // round to the first control, not out to the page
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(overwrite);
  });

  it('Stop adding stops the batch through main and closes the question unanswered', async () => {
    const { api, dialog } = await open();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stop adding' }));
    expect(api.stopAdding).toHaveBeenCalledTimes(1);
    expect(api.answerConflict).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('drop zone', () => {
  it('hands dropped Files to the API (never paths) with the active target', async () => {
    const api = createFakeApi({ settings: settingsWith([PROFILE]) });
    const { container } = await renderApp(api);
    const zone = container.querySelector('.drop-zone')!;
    const file = new File(['x'], 'x.txt');
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };
    const fire = (type: string) => {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
      act(() => void zone.dispatchEvent(event));
    };
    fire('dragenter');
    expect(screen.getByText('Drop to upload to photos/inbox/')).toBeTruthy();
    fire('drop');
    expect(api.addDropped).toHaveBeenCalledWith([file], { profileId: 'p1', bucket: 'photos', prefix: 'inbox/' });
    expect(screen.queryByText('Drop to upload to photos/inbox/')).toBeNull();
  });
});
