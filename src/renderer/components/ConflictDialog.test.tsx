import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi, PROFILE, settingsWith } from '../test/fake-api';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

describe('existing key question', () => {
  it('asks overwrite, skip or keep both, optionally for the rest of the batch', async () => {
    const api = createFakeApi({ settings: settingsWith([PROFILE]) });
    await renderApp(api);
    act(() => api.emitConflict({ id: 'q1', name: 'a.jpg', bucket: 'photos', key: 'inbox/a.jpg', remaining: 4 }));
    const dialog = screen.getByRole('dialog', { name: 'This file is already there' });
    expect(dialog.textContent).toContain('“a.jpg” already exists in photos as inbox/a.jpg.');
    await userEvent.click(screen.getByLabelText('Do the same for the 4 other files in this batch that already exist'));
    await userEvent.click(screen.getByRole('button', { name: 'Keep both' }));
    expect(api.answerConflict).toHaveBeenCalledWith('q1', 'keep-both', true);
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
