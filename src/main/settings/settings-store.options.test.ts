// A profile's upload options in main's settings: saved and read back, on every target made from the profile, replaced
// by a drop's Options (the active target's), and defaulted for a settings file written before they existed.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXCLUDES, DEFAULT_OBJECT_OPTIONS, type ObjectOptions } from '../../shared/object-options';
import { PROFILE_UPLOAD_DEFAULTS, type ProfileInput } from '../../shared/settings-schema';
import { createNoticeCenter, type NoticeCenter } from '../notices';
import { createFakeSecretBox } from '../testing/fake-secret-box';
import { openSettingsStore } from './settings-store';
import { testProfileInput } from '../testing/test-profile';

const PROFILE_OPTIONS: ObjectOptions = {
  contentType: { mode: 'fixed', value: 'application/json' },
  cacheControl: 'max-age=60',
  contentDisposition: 'attachment',
  metadata: [{ key: 'project', value: 'hoist' }],
  tags: [{ key: 'team', value: 'docs' }],
  storageClass: 'STANDARD_IA',
  encryption: { mode: 'aws:kms', keyId: 'alias/backups' },
  acl: 'bucket-owner-full-control',
};
const DROP_OPTIONS: ObjectOptions = { ...DEFAULT_OBJECT_OPTIONS, tags: [{ key: 'drop', value: 'once' }] };

const input: ProfileInput = testProfileInput({
  name: 'MinIO',
  bucket: 'backups',
  defaultPrefix: 'in/',
  accessKeyId: 'minioadmin',
  secret: 'minioadmin',
  objectOptions: PROFILE_OPTIONS,
  excludes: ['*.tmp'],
  skipUnchanged: true,
  shareLinkHours: 72,
});

let dir: string;
let file: string;
let notices: NoticeCenter;
const open = () => openSettingsStore({ file, secretBox: createFakeSecretBox('keychain'), notices });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-settings-options-'));
  file = join(dir, 'settings.json');
  notices = createNoticeCenter();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('upload options in the settings', () => {
  it('keeps a profile’s options, excludes, skip-unchanged and link expiry across a restart', async () => {
    const id = await (await open()).saveProfile(input);
    const again = await open();
    expect(again.view().profiles[0]).toMatchObject({
      id,
      objectOptions: PROFILE_OPTIONS,
      excludes: ['*.tmp'],
      skipUnchanged: true,
      shareLinkHours: 72,
    });
    expect(JSON.parse(await readFile(file, 'utf8')).profiles[0].objectOptions).toEqual(PROFILE_OPTIONS);
  });

  it('puts the profile’s options on its targets, and a drop’s options instead when it has them', async () => {
    const store = await open();
    const id = await store.saveProfile(input);
    expect(store.targetFor(id, 'backups', 'in/a.txt').objectOptions).toEqual(PROFILE_OPTIONS);
    expect(store.resolveTarget({ profileId: id, bucket: 'backups', prefix: 'in' })).toMatchObject({
      prefix: 'in/',
      objectOptions: PROFILE_OPTIONS,
    });
    const choice = { profileId: id, bucket: 'other', prefix: 'x/', options: DROP_OPTIONS };
    expect(store.resolveTarget(choice).objectOptions).toEqual(DROP_OPTIONS);
    expect(store.targetFor(id, 'backups', 'k', DROP_OPTIONS).objectOptions).toEqual(DROP_OPTIONS);
  });

  it('remembers a drop’s options as the active target’s, also when the profile is saved again', async () => {
    const store = await open();
    const id = await store.saveProfile(input);
    await store.selectTarget({ profileId: id, bucket: 'backups', prefix: 'in/', options: DROP_OPTIONS });
    expect((await open()).view().activeTarget?.options).toEqual(DROP_OPTIONS);

    await store.saveProfile({ ...input, id, secret: undefined, bucket: 'backups-2' });
    expect(store.view().activeTarget).toEqual({
      profileId: id,
      bucket: 'backups-2',
      prefix: 'in/',
      options: DROP_OPTIONS,
    });
    const active = store.view().activeTarget!;
    expect(store.resolveTarget(active).objectOptions).toEqual(DROP_OPTIONS);
  });

  it('loads a settings file from before upload options with the defaults, without calling it corrupt', async () => {
    const { objectOptions: _o, excludes: _e, skipUnchanged: _s, shareLinkHours: _h, secret: _x, ...older } = input;
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        profiles: [{ id: 'old', ...older, accessKeyId: '', secret: { kind: 'none' } }],
        activeTarget: { profileId: 'old', bucket: 'backups', prefix: '' },
        language: 'en',
        allowWeakSecretStorage: false,
      }),
    );
    const store = await open();
    expect(notices.list()).toEqual([]);
    expect(store.view().profiles[0]).toMatchObject({ id: 'old', ...PROFILE_UPLOAD_DEFAULTS });
    expect(store.view().profiles[0]!.excludes).toEqual([...DEFAULT_EXCLUDES]);
    expect(store.view().activeTarget).toEqual({ profileId: 'old', bucket: 'backups', prefix: '' });
    expect(store.resolveTarget(store.view().activeTarget!).objectOptions).toEqual(DEFAULT_OBJECT_OPTIONS);
  });

  it('refuses options of the wrong shape, or that S3 would refuse, naming the option', async () => {
    const store = await open();
    const id = await store.saveProfile(input);
    await expect(
      store.saveProfile({ ...input, id, objectOptions: { ...PROFILE_OPTIONS, acl: 'everyone' as never } }),
    ).rejects.toThrow(/objectOptions/);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: '' }));
    await expect(
      store.saveProfile({ ...input, id, objectOptions: { ...PROFILE_OPTIONS, tags: eleven } }),
    ).rejects.toThrow(/^invalid-profile: objectOptions: v\.invalid \(tags: .*11 tags/);
    const badHeader = { ...DEFAULT_OBJECT_OPTIONS, cacheControl: 'max-age=1\r\nX-Evil: 1' };
    await expect(
      store.selectTarget({ profileId: id, bucket: 'backups', prefix: '', options: badHeader }),
    ).rejects.toThrow(/^bad-payload: objectOptions: v\.invalid \(cacheControl: /);
    expect(store.view().activeTarget?.options).toBeUndefined();
    expect(store.view().profiles[0]!.objectOptions).toEqual(PROFILE_OPTIONS);
  });
});
