// The target bar's Options: prefilled from the profile, a change sent as the active target's options (selectTarget),
// the badge when they differ from the profile's, Reset, a message instead of a bad value, and the options kept when
// the bucket changes.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ObjectOptions } from '../../../shared/object-options';
import type { SettingsView, TargetChoice } from '../../../shared/settings-schema';
import { createFakeApi, PROFILE, settingsWith } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

afterEach(cleanup);

const PROFILE_OPTIONS: ObjectOptions = {
  ...PROFILE.objectOptions,
  cacheControl: 'max-age=600',
  tags: [{ key: 'source', value: 'hoist' }],
};

/** The app with a fake main that remembers the chosen target, as main's settings store does. */
async function openBar() {
  let settings: SettingsView = settingsWith([{ ...PROFILE, objectOptions: PROFILE_OPTIONS }]);
  const api = createFakeApi({ settings });
  const chosen: TargetChoice[] = [];
  api.selectTarget = async (choice: TargetChoice) => {
    chosen.push(choice);
    settings = { ...settings, activeTarget: choice };
    return settings;
  };
  await renderApp(api);
  const choices = () => chosen;
  return { api, choices };
}

const optionsButton = () => screen.getByRole('button', { name: /^Options/ });
const panel = () => within(screen.getByRole('group', { name: 'Options for the next drops' }));

describe('the Options disclosure', () => {
  it('opens prefilled from the profile, with focus in it, and closes with Escape back to the button', async () => {
    await openBar();
    expect(optionsButton().getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(optionsButton());
    expect(optionsButton().getAttribute('aria-expanded')).toBe('true');
    const p = panel();
    expect((p.getByLabelText('Cache-Control') as HTMLInputElement).value).toBe('max-age=600');
    expect((p.getByLabelText('Tag 1: value') as HTMLInputElement).value).toBe('hoist');
    expect(document.activeElement).toBe(p.getByLabelText('Content-Type'));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Options for the next drops' })).toBeNull();
    expect(document.activeElement).toBe(optionsButton());
  });

  it('sends a change as the target’s options, and the button counts the fields that differ', async () => {
    const { choices } = await openBar();
    await userEvent.click(optionsButton());
    const p = panel();
    await userEvent.selectOptions(p.getByLabelText('Content-Type'), 'fixed');
    await userEvent.type(p.getByLabelText('Content-Type for every file'), 'text/markdown');
    await userEvent.click(p.getByRole('button', { name: '+ Add metadata' }));
    await userEvent.type(p.getByLabelText('Metadata 1: name'), 'project');
    await userEvent.type(p.getByLabelText('Metadata 1: value'), 'hoist');
    await userEvent.selectOptions(p.getByLabelText('Storage class'), 'STANDARD_IA');
    await userEvent.click(p.getByRole('button', { name: 'Done' }));

    await waitFor(() =>
      expect(choices().at(-1)).toEqual({
        profileId: 'p1',
        bucket: 'photos',
        prefix: 'inbox/',
        options: {
          ...PROFILE_OPTIONS,
          contentType: { mode: 'fixed', value: 'text/markdown' },
          metadata: [{ key: 'project', value: 'hoist' }],
          storageClass: 'STANDARD_IA',
        },
      }),
    );
    await waitFor(() => expect(optionsButton().getAttribute('aria-label')).toBe('Options: 3 changed from the profile'));
    expect(optionsButton().textContent).toContain('3');
  });

  it('keeps the options when the bucket changes, and Reset goes back to the profile’s', async () => {
    const { choices } = await openBar();
    await userEvent.click(optionsButton());
    await userEvent.selectOptions(panel().getByLabelText('ACL'), 'public-read');
    await userEvent.click(panel().getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(choices().at(-1)?.options?.acl).toBe('public-read'));

    const bucket = screen.getByRole('textbox', { name: 'Bucket' });
    await userEvent.clear(bucket);
    await userEvent.type(bucket, 'archive{Enter}');
    await waitFor(() => expect(choices().at(-1)).toMatchObject({ bucket: 'archive', options: { acl: 'public-read' } }));

    await userEvent.click(optionsButton());
    expect((panel().getByLabelText('ACL') as HTMLSelectElement).value).toBe('public-read');
    await userEvent.click(panel().getByRole('button', { name: 'Reset to profile defaults' }));
    expect((panel().getByLabelText('ACL') as HTMLSelectElement).value).toBe('');
    await waitFor(() => expect(choices().at(-1)).toEqual({ profileId: 'p1', bucket: 'archive', prefix: 'inbox/' }));
    await waitFor(() => expect(optionsButton().getAttribute('aria-label')).toBeNull());
  });

  it('sends nothing while a value is wrong: Done keeps the panel open with the message, focus on the field', async () => {
    const { choices } = await openBar();
    await userEvent.click(optionsButton());
    const p = panel();
    await userEvent.clear(p.getByLabelText('Cache-Control'));
    await userEvent.type(p.getByLabelText('Cache-Control'), 'max-age=60 ✓');
    await userEvent.click(p.getByRole('button', { name: 'Done' }));
    expect(panel().getByText(/^Use plain ASCII characters only/)).toBeTruthy();
    expect(document.activeElement).toBe(panel().getByLabelText('Cache-Control'));
    await new Promise((r) => setTimeout(r, 400));
    expect(choices()).toEqual([]);
  });
});
