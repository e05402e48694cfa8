import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translate } from '../../shared/i18n';
import { profileProblems, type ProfileField, type ProfileInput } from '../../shared/settings-schema';
import { createNoticeCenter, type NoticeCenter } from '../notices';
import { createFakeSecretBox } from '../testing/fake-secret-box';
import type { SecretBox } from './secret-box';
import { openSettingsStore } from './settings-store';
import { testProfileInput } from '../testing/test-profile';

const SECRET = 'sEcReT/with+chars0123456789';
const input: ProfileInput = testProfileInput({
  name: 'MinIO',
  endpointUrl: 'https://minio.example.net:9000',
  bucket: 'backups',
  accessKeyId: 'minioadmin',
  secret: SECRET,
  checksum: 'off',
  partSizeMiB: 16,
  concurrency: 4,
  speedLimit: 1024,
});

let dir: string;
let file: string;
let notices: NoticeCenter;
const open = (box: SecretBox) =>
  openSettingsStore({ file, secretBox: box, notices, now: () => new Date('2025-03-04T05:06:07.089Z') });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-settings-'));
  file = join(dir, 'settings.json');
  notices = createNoticeCenter();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('secrets at rest', () => {
  it('encrypts with the keychain backend and reads it back after a restart', async () => {
    const store = await open(createFakeSecretBox('keychain'));
    const id = await store.saveProfile(input);
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain(SECRET);
    expect(JSON.parse(onDisk).profiles[0].secret.kind).toBe('keychain');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const again = await open(createFakeSecretBox('keychain'));
    expect(again.view().profiles[0]).toMatchObject({ secretSet: true, secretKept: 'keychain' });
    expect(again.endpointOf(id).credentials).toEqual({ accessKeyId: 'minioadmin', secretAccessKey: SECRET });
  });

  it('keeps the secret for this session only when encryption is unavailable', async () => {
    const store = await open(createFakeSecretBox('unavailable'));
    const id = await store.saveProfile(input);
    expect(store.view().secretStorage).toEqual({ backend: 'unavailable', allowWeak: false });
    expect(store.view().profiles[0]).toMatchObject({ secretSet: true, secretKept: 'session' });
    expect(store.endpointOf(id).credentials?.secretAccessKey).toBe(SECRET);
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain(SECRET);
    expect(JSON.parse(onDisk).profiles[0].secret).toEqual({ kind: 'session' });

    notices = createNoticeCenter();
    const restarted = await open(createFakeSecretBox('unavailable'));
    expect(restarted.view().profiles[0]).toMatchObject({ secretSet: false, secretKept: 'none' });
    expect(notices.list()).toMatchObject([{ kind: 'secret-session-only', params: { profile: 'MinIO' } }]);
    expect(() => restarted.endpointOf(id)).toThrow(/not set/);
  });

  it('on Linux basic_text, says so and keeps secrets in memory unless the user opts in to weak storage', async () => {
    const box = createFakeSecretBox('basic_text');
    const store = await open(box);
    const id = await store.saveProfile(input);
    expect(store.view().secretStorage).toEqual({ backend: 'basic_text', allowWeak: false });
    expect(store.view().profiles[0]!.secretKept).toBe('session');
    expect(JSON.parse(await readFile(file, 'utf8')).profiles[0].secret).toEqual({ kind: 'session' });

    await store.setWeakStorage(true);
    expect(store.view().profiles[0]!.secretKept).toBe('weak');
    const weak = JSON.parse(await readFile(file, 'utf8'));
    expect(weak.allowWeakSecretStorage).toBe(true);
    expect(weak.profiles[0].secret.kind).toBe('weak');
    expect(JSON.stringify(weak)).not.toContain(SECRET);
    expect((await open(box)).endpointOf(id).credentials?.secretAccessKey).toBe(SECRET);

    await store.setWeakStorage(false);
    expect(JSON.parse(await readFile(file, 'utf8')).profiles[0].secret).toEqual({ kind: 'session' });
    expect(store.endpointOf(id).credentials?.secretAccessKey).toBe(SECRET);
  });

  it('reports a secret it can no longer decrypt', async () => {
    await (await open(createFakeSecretBox('keychain'))).saveProfile(input);
    const broken = createFakeSecretBox('keychain');
    broken.failDecrypt = true;
    const store = await open(broken);
    expect(store.view().profiles[0]!.secretSet).toBe(false);
    expect(notices.list().map((n) => n.kind)).toEqual(['secret-unreadable']);
  });

  it('keeps the stored secret when the form leaves it blank, and forgets it on request', async () => {
    const store = await open(createFakeSecretBox('keychain'));
    const id = await store.saveProfile(input);
    await store.saveProfile({ ...input, id, secret: undefined, name: 'MinIO 2' });
    expect(store.endpointOf(id).credentials?.secretAccessKey).toBe(SECRET);
    await store.saveProfile({ ...input, id, secret: undefined, clearSecret: true });
    expect(store.view().profiles[0]!.secretSet).toBe(false);
  });
});

describe('the settings file', () => {
  it('moves a corrupt file aside, starts with defaults and tells the user', async () => {
    await writeFile(file, '{"version":1,"profiles":[{"id":');
    const store = await open(createFakeSecretBox());
    expect(store.view().profiles).toEqual([]);
    expect(store.view().language).toBe('system');
    const aside = 'settings.json.corrupt-2025-03-04T05-06-07-089Z';
    expect(await readdir(dir)).toEqual([aside]);
    expect(await readFile(join(dir, aside), 'utf8')).toBe('{"version":1,"profiles":[{"id":');
    expect(notices.list()).toMatchObject([{ kind: 'settings-corrupt', level: 'warning', params: { movedTo: aside } }]);
  });

  it('treats valid JSON of the wrong shape as corrupt too', async () => {
    await writeFile(file, JSON.stringify({ version: 1, profiles: [{ id: 'x', bucket: 'NO' }] }));
    await open(createFakeSecretBox());
    expect(notices.list()[0]!.kind).toBe('settings-corrupt');
  });

  it('writes atomically: no temp files are left, and the result is always whole JSON', async () => {
    const store = await open(createFakeSecretBox());
    await Promise.all([
      store.saveProfile(input),
      store.setLanguage('ja'),
      store.saveProfile({ ...input, name: 'Other' }),
    ]);
    expect(await readdir(dir)).toEqual(['settings.json']);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.language).toBe('ja');
    expect(saved.profiles.map((p: { name: string }) => p.name).sort()).toEqual(['MinIO', 'Other']);
  });

  it('selects the first profile as the target, and moves the target when that profile is deleted', async () => {
    const store = await open(createFakeSecretBox());
    const a = await store.saveProfile(input);
    const b = await store.saveProfile({ ...input, name: 'B', bucket: 'bee-bucket' });
    expect(store.view().activeTarget).toEqual({ profileId: a, bucket: 'backups', prefix: '' });
    await store.deleteProfile(a);
    expect(store.view().activeTarget).toEqual({ profileId: b, bucket: 'bee-bucket', prefix: '' });
  });
});

describe('validation messages', () => {
  const en = (key: string | undefined) => (key ? translate('en', key as never) : undefined);
  it.each([
    ['bucket', 'ab', 'Bucket names are 3 to 63 characters long.'],
    ['bucket', 'My_Bucket', 'Bucket names use only lowercase letters, digits, dots and hyphens.'],
    ['bucket', '-bucket', 'Bucket names begin and end with a letter or a digit.'],
    ['bucket', 'a..b', 'Bucket names cannot have two dots in a row.'],
    ['bucket', '192.168.1.1', 'Bucket names cannot look like an IP address.'],
    ['bucket', 'xn--bucket', 'This prefix or suffix is reserved by S3 (xn--, sthree-, -s3alias…).'],
    [
      'endpointUrl',
      'minio.local:9000',
      'Enter a full URL starting with https:// or http://, or leave it blank for AWS.',
    ],
    [
      'endpointUrl',
      'https://user:pw@host',
      'Leave the user name and password out of the URL; use the access key fields.',
    ],
    ['name', '  ', 'Give the profile a name.'],
    ['partSizeMiB', 2, 'Parts are 5 to 5,120 MiB.'],
    ['concurrency', Number.NaN, 'Enter a whole number.'],
    ['defaultPrefix', '/photos', 'Leave out the leading “/”.'],
  ])('%s = %j: %s', (field, value, message) => {
    expect(en(profileProblems({ ...input, [field]: value })[field as ProfileField])).toBe(message);
  });

  it('checks AWS regions strictly and other servers loosely', () => {
    expect(en(profileProblems({ ...input, endpointUrl: '', region: 'tokyo' }).region)).toBe(
      'AWS regions look like us-east-1 or ap-northeast-1.',
    );
    expect(profileProblems({ ...input, endpointUrl: '', region: 'ap-northeast-1' })).toEqual({});
    expect(profileProblems({ ...input, region: 'auto' })).toEqual({});
    expect(en(profileProblems({ ...input, region: 'Auto!' }).region)).toMatch(/lowercase letters/);
  });

  it('refuses a duplicate name and an invalid profile in the store itself', async () => {
    const store = await open(createFakeSecretBox());
    await store.saveProfile(input);
    await expect(store.saveProfile({ ...input })).rejects.toThrow('name: v.nameTaken');
    await expect(store.saveProfile({ ...input, name: 'X', bucket: 'UPPER' })).rejects.toThrow('bucket: v.bucketChars');
  });
});
