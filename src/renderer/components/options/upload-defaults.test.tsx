// The profile form's "Upload options": what it shows for a stored profile, the key/value lists (add, remove, focus),
// inline messages with focus on the first field at fault, and what Save sends.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfileInput } from '../../../shared/settings-schema';
import { createFakeApi, PROFILE, settingsWith } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

afterEach(cleanup);

async function openSettings(language: 'en' | 'ja' = 'en') {
  const api = createFakeApi({ settings: settingsWith([PROFILE], { language }) });
  await renderApp(api);
  await userEvent.click(screen.getByRole('button', { name: language === 'ja' ? '設定' : 'Settings' }));
  return api;
}

const section = () => screen.getByRole('region', { name: 'Upload options' });
const inSection = () => within(section());
const lastSaved = (api: ReturnType<typeof createFakeApi>) =>
  (api.saveProfile as unknown as { mock: { calls: ProfileInput[][] } }).mock.calls.at(-1)?.[0];

describe('the profile form’s upload options', () => {
  it('shows the stored defaults: detect the type, server defaults, the desktop files left out, links for a day', async () => {
    await openSettings();
    const s = inSection();
    expect((s.getByLabelText('Content-Type') as HTMLSelectElement).value).toBe('auto');
    expect((s.getByLabelText('Storage class') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe(
      'Server default',
    );
    expect((s.getByLabelText('Encryption') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe(
      'Bucket default',
    );
    expect((s.getByLabelText('ACL') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Bucket default');
    expect((s.getByLabelText(/^Leave out files matching/) as HTMLTextAreaElement).value).toBe(
      '.DS_Store\nThumbs.db\ndesktop.ini',
    );
    expect((s.getByLabelText(/^Skip files that are unchanged/) as HTMLInputElement).checked).toBe(false);
    expect((s.getByLabelText('Share links expire after') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe(
      '24 hours',
    );
  });

  it('adds and removes metadata rows, keeping focus on the list', async () => {
    await openSettings();
    const s = inSection();
    await userEvent.click(s.getByRole('button', { name: '+ Add metadata' }));
    expect(document.activeElement).toBe(s.getByLabelText('Metadata 1: name'));
    await userEvent.type(s.getByLabelText('Metadata 1: name'), 'project');
    await userEvent.type(s.getByLabelText('Metadata 1: value'), 'hoist');
    await userEvent.click(s.getByRole('button', { name: '+ Add metadata' }));
    await userEvent.type(s.getByLabelText('Metadata 2: name'), 'owner');

    await userEvent.click(s.getByRole('button', { name: 'Remove Metadata 1' }));
    // The row that took its place has focus, and holds the second row's values.
    expect(document.activeElement).toBe(s.getByLabelText('Metadata 1: name'));
    expect((s.getByLabelText('Metadata 1: name') as HTMLInputElement).value).toBe('owner');
    await userEvent.click(s.getByRole('button', { name: 'Remove Metadata 1' }));
    expect(document.activeElement).toBe(s.getByRole('button', { name: '+ Add metadata' }));
    expect(s.queryByLabelText('Metadata 1: name')).toBeNull();
  });

  it('refuses Save with a message at each option at fault, focus on the first', async () => {
    const api = await openSettings();
    const s = inSection();
    await userEvent.selectOptions(s.getByLabelText('Content-Type'), 'fixed');
    await userEvent.type(s.getByLabelText('Content-Type for every file'), 'plain text');
    await userEvent.click(s.getByRole('button', { name: '+ Add tag' }));
    await userEvent.type(s.getByLabelText('Tag 1: name'), 'aws:owner');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(api.saveProfile).not.toHaveBeenCalled();
    const typeField = s.getByLabelText('Content-Type for every file');
    expect(document.activeElement).toBe(typeField);
    expect(typeField.getAttribute('aria-invalid')).toBe('true');
    expect(s.getByText('Content-Type: type a media type such as text/plain or image/jpeg.')).toBeTruthy();
    const tagKey = s.getByLabelText('Tag 1: name');
    expect(tagKey.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(tagKey.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Tag keys starting with “aws:” are reserved by AWS; choose another key.',
    );
  });

  it('saves every choice, tidied', async () => {
    const api = await openSettings();
    const s = inSection();
    await userEvent.selectOptions(s.getByLabelText('Content-Type'), 'none');
    await userEvent.type(s.getByLabelText('Cache-Control'), 'max-age=60');
    await userEvent.type(s.getByLabelText('Content-Disposition'), 'attachment');
    await userEvent.click(s.getByRole('button', { name: '+ Add tag' }));
    await userEvent.type(s.getByLabelText('Tag 1: name'), 'team');
    await userEvent.type(s.getByLabelText('Tag 1: value'), 'docs');
    await userEvent.click(s.getByRole('button', { name: '+ Add metadata' })); // left blank: dropped
    await userEvent.selectOptions(s.getByLabelText('Storage class'), 'STANDARD_IA');
    await userEvent.selectOptions(s.getByLabelText('Encryption'), 'aws:kms');
    await userEvent.type(s.getByLabelText('KMS key ID'), 'alias/backups');
    await userEvent.selectOptions(s.getByLabelText('ACL'), 'bucket-owner-full-control');
    const excludes = s.getByLabelText(/^Leave out files matching/);
    await userEvent.clear(excludes);
    await userEvent.type(excludes, '*.tmp{Enter}{Enter} .DS_Store ');
    await userEvent.click(s.getByLabelText(/^Skip files that are unchanged/));
    await userEvent.selectOptions(s.getByLabelText('Share links expire after'), '7 days');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(lastSaved(api)).toMatchObject({
      objectOptions: {
        contentType: { mode: 'none' },
        cacheControl: 'max-age=60',
        contentDisposition: 'attachment',
        metadata: [],
        tags: [{ key: 'team', value: 'docs' }],
        storageClass: 'STANDARD_IA',
        encryption: { mode: 'aws:kms', keyId: 'alias/backups' },
        acl: 'bucket-owner-full-control',
      },
      excludes: ['*.tmp', '.DS_Store'],
      skipUnchanged: true,
      shareLinkHours: 168,
    });
  });

  it('reads in Japanese', async () => {
    await openSettings('ja');
    const s = within(screen.getByRole('region', { name: 'アップロードオプション' }));
    expect((s.getByLabelText('Content-Type') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe(
      '拡張子から判定',
    );
    expect(s.getByRole('button', { name: '+ タグを追加' })).toBeTruthy();
  });
});
