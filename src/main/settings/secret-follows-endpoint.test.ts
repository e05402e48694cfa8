// A saved secret belongs to the server it was typed for. Pointing the profile (or the form's Test connection) at
// another server without typing the secret again is refused, so the secret is never sent there; the same server
// under another path, or an edit of anything else, keeps it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endpointServer, sameEndpointServer } from '../../shared/endpoint-identity';
import { translate } from '../../shared/i18n';
import { type ProfileInput } from '../../shared/settings-schema';
import { createNoticeCenter } from '../notices';
import { createFakeSecretBox } from '../testing/fake-secret-box';
import { openSettingsStore, type SettingsStore } from './settings-store';
import { testProfileInput } from '../testing/test-profile';

const SECRET = 'sEcReT/for+the-first-server';
const input: ProfileInput = testProfileInput({
  name: 'MinIO',
  endpointUrl: 'https://minio.example.net:9000',
  bucket: 'backups',
  accessKeyId: 'minioadmin',
  secret: SECRET,
  checksum: 'off',
  partSizeMiB: 16,
  concurrency: 4,
});

let dir: string;
let store: SettingsStore;
let id: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-secret-endpoint-'));
  store = await openSettingsStore({
    file: join(dir, 'settings.json'),
    secretBox: createFakeSecretBox('keychain'),
    notices: createNoticeCenter(),
  });
  id = await store.saveProfile(input);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const moved = (endpointUrl: string, extra: Partial<ProfileInput> = {}): ProfileInput => ({
  ...input,
  id,
  endpointUrl,
  secret: undefined,
  ...extra,
});

describe('which server an endpoint names', () => {
  it('compares scheme, host and port; AWS (blank) is a server of its own', () => {
    expect(sameEndpointServer('https://minio.example.net:9000', 'https://MINIO.example.net:9000/some/path')).toBe(true);
    expect(sameEndpointServer('https://s3.example.com', 'https://s3.example.com:443')).toBe(true);
    expect(sameEndpointServer('http://s3.example.com', 'https://s3.example.com')).toBe(false);
    expect(sameEndpointServer('https://s3.example.com', 'https://s3.example.com:8443')).toBe(false);
    expect(sameEndpointServer('https://s3.example.com', 'https://evil.example.com')).toBe(false);
    expect(sameEndpointServer('', 'https://s3.amazonaws.com')).toBe(false);
    expect(sameEndpointServer('', '')).toBe(true);
    expect(endpointServer('')).toBe('aws');
  });
});

describe('saving a profile pointed at another server', () => {
  it.each([
    ['another host', 'https://evil.example.com:9000'],
    ['another port', 'https://minio.example.net:9443'],
    ['another scheme', 'http://minio.example.net:9000'],
    ['AWS', ''],
  ])(
    '%s without a new secret: refused, with the field and the reason the form shows; nothing changes',
    async (_what, url) => {
      const before = await readFile(join(dir, 'settings.json'), 'utf8');
      const refusal = store.saveProfile(moved(url, { region: 'us-east-1' }));
      await expect(refusal).rejects.toThrow(/invalid-profile: secret: v\.secretAgain/);
      expect(translate('en', 'v.secretAgain')).toMatch(/another server.*secret access key again/);
      expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(before);
      expect(store.endpointOf(id)).toMatchObject({
        endpointUrl: 'https://minio.example.net:9000',
        credentials: { secretAccessKey: SECRET },
      });
    },
  );

  it('with the secret typed again: saved, and that secret is the one used', async () => {
    await store.saveProfile(moved('https://other.example.com', { secret: 'the-new-servers-secret' }));
    expect(store.endpointOf(id)).toMatchObject({
      endpointUrl: 'https://other.example.com',
      credentials: { secretAccessKey: 'the-new-servers-secret' },
    });
  });

  it('with "clear the secret": saved without one', async () => {
    await store.saveProfile(moved('https://other.example.com', { clearSecret: true }));
    expect(store.view().profiles[0]).toMatchObject({ secretSet: false });
    expect(() => store.endpointOf(id)).toThrow(/not set/);
  });

  it('without an access key ID: saved, and the old secret is dropped so it cannot come back for the new server', async () => {
    await store.saveProfile(moved('https://other.example.com', { accessKeyId: '' }));
    expect(store.view().profiles[0]).toMatchObject({ secretSet: false });
    await store.saveProfile(moved('https://other.example.com'));
    expect(store.view().profiles[0]).toMatchObject({ secretSet: false });
    expect(() => store.endpointOf(id)).toThrow(/not set/);
  });

  it('the same server (another path, other settings) keeps the secret', async () => {
    await store.saveProfile(moved('https://MINIO.example.net:9000/', { name: 'Renamed', bucket: 'other-bucket' }));
    expect(store.endpointOf(id).credentials?.secretAccessKey).toBe(SECRET);
  });
});

describe('testing the form pointed at another server', () => {
  it('is refused without a new secret, and never hands out the saved one', () => {
    expect(() => store.endpointForTest(moved('https://evil.example.com'))).toThrow(/secret: v\.secretAgain/);
    expect(() => store.endpointForTest(moved(''))).toThrow(/secret: v\.secretAgain/);
  });

  it('uses a secret typed in the form, and the saved one for the same server', () => {
    expect(
      store.endpointForTest(moved('https://evil.example.com', { secret: 'typed' })).credentials?.secretAccessKey,
    ).toBe('typed');
    expect(store.endpointForTest(moved('https://minio.example.net:9000')).credentials?.secretAccessKey).toBe(SECRET);
    expect(store.endpointForTest(moved('https://evil.example.com', { accessKeyId: '' })).credentials).toBeUndefined();
  });
});

describe('the session token follows the same rule', () => {
  const TOKEN = 'IQoJb3JpZ2luX2VjE-session-token-for-the-first-server';
  beforeEach(async () => {
    await store.saveProfile({ ...moved('https://minio.example.net:9000'), sessionToken: TOKEN });
  });

  it('another server with the secret typed again but not the token: refused at the token, nothing changes', async () => {
    const before = await readFile(join(dir, 'settings.json'), 'utf8');
    const refusal = store.saveProfile(moved('https://evil.example.com', { secret: 'new-secret' }));
    await expect(refusal).rejects.toThrow(/invalid-profile: sessionToken: v\.sessionTokenAgain/);
    expect(translate('en', 'v.sessionTokenAgain')).toMatch(/another server.*session token again/);
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(before);
    expect(store.endpointOf(id).credentials?.sessionToken).toBe(TOKEN);
  });

  it('without either typed again: both fields are named', async () => {
    await expect(store.saveProfile(moved('https://evil.example.com'))).rejects.toThrow(
      /secret: v\.secretAgain.*sessionToken: v\.sessionTokenAgain/,
    );
  });

  it('typed again, or forgotten: saved, and the old token is never sent to the new server', async () => {
    await store.saveProfile(moved('https://other.example.com', { secret: 's2', sessionToken: 'token-2' }));
    expect(store.endpointOf(id).credentials).toMatchObject({ secretAccessKey: 's2', sessionToken: 'token-2' });
    await store.saveProfile(moved('https://third.example.com', { secret: 's3', clearSessionToken: true }));
    expect(store.endpointOf(id).credentials).toEqual({ accessKeyId: 'minioadmin', secretAccessKey: 's3' });
  });

  it('another source that signs without it: saved, and the token dropped so it cannot come back', async () => {
    await store.saveProfile(
      moved('https://other.example.com', { credentialSource: { kind: 'aws-profile', profile: 'x' } }),
    );
    expect(store.view().profiles[0]).toMatchObject({ sessionTokenSet: false, secretSet: false });
    expect(store.endpointOf(id)).toMatchObject({ awsProfile: 'x' });
    await store.saveProfile(moved('https://other.example.com', { credentialSource: { kind: 'access-key' } }));
    expect(store.view().profiles[0]).toMatchObject({ sessionTokenSet: false });
  });

  it('Test connection never hands the saved token to another server, and uses it for the same one', () => {
    expect(() => store.endpointForTest(moved('https://evil.example.com', { secret: 'typed' }))).toThrow(
      /sessionToken: v\.sessionTokenAgain/,
    );
    expect(store.endpointForTest(moved('https://minio.example.net:9000')).credentials?.sessionToken).toBe(TOKEN);
    const typed = store.endpointForTest(moved('https://evil.example.com', { secret: 'typed', sessionToken: 't2' }));
    expect(typed.credentials).toMatchObject({ secretAccessKey: 'typed', sessionToken: 't2' });
  });
});
