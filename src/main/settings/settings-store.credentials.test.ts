// A profile's credential source and proxy as main keeps them: settings files from before the choice load with the
// meaning they had, each source gives the engine the Endpoint it names, and the session token is kept as the secret
// is (encrypted on disk, never in the view).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ProfileInput } from '../../shared/settings-schema';
import { createNoticeCenter } from '../notices';
import { createFakeSecretBox } from '../testing/fake-secret-box';
import type { SystemProxyLookup } from './profile-endpoint';
import type { SecretBox } from './secret-box';
import { openSettingsStore } from './settings-store';
import { testProfileInput } from '../testing/test-profile';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD-session-token';
const base: ProfileInput = testProfileInput({
  name: 'Work',
  endpointUrl: '',
  region: 'eu-west-1',
  bucket: 'reports',
  forcePathStyle: false,
  accessKeyId: 'ASIAEXAMPLE',
  secret: SECRET,
});

let dir: string;
let file: string;
const open = (box: SecretBox = createFakeSecretBox('keychain'), systemProxy?: SystemProxyLookup) =>
  openSettingsStore({ file, secretBox: box, notices: createNoticeCenter(), systemProxy });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-settings-creds-'));
  file = join(dir, 'settings.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A settings file as Hoist wrote it before credential sources, proxies and session tokens. */
async function writeOldFile(accessKeyIds: string[]) {
  const box = createFakeSecretBox('keychain');
  const profiles = accessKeyIds.map((accessKeyId, i) => {
    const { secret: _secret, ...fields } = base;
    return {
      id: `p${i}`,
      ...fields,
      name: `Old ${i}`,
      accessKeyId,
      secret: accessKeyId ? { kind: 'keychain', data: box.encrypt(SECRET) } : { kind: 'none' },
    };
  });
  const old = { version: 1, profiles, activeTarget: null, language: 'system', allowWeakSecretStorage: false };
  await writeFile(file, JSON.stringify(old));
}

describe('settings files from before the credential choice', () => {
  it('load with the meaning they had: a blank key ID is the default chain, a key ID the access key', async () => {
    await writeOldFile(['', 'AKIAOLD']);
    const store = await open();
    const [chain, keys] = store.view().profiles;
    expect(chain).toMatchObject({ credentialSource: { kind: 'default-chain' }, proxyUrl: '', sessionTokenSet: false });
    expect(keys).toMatchObject({ credentialSource: { kind: 'access-key' }, secretSet: true, sessionTokenSet: false });
    expect(store.endpointOf('p0')).not.toHaveProperty('credentials');
    expect(store.endpointOf('p0')).not.toHaveProperty('awsProfile');
    expect(store.endpointOf('p1').credentials).toEqual({ accessKeyId: 'AKIAOLD', secretAccessKey: SECRET });
  });

  it('are written back with the source spelled out once a profile is saved', async () => {
    await writeOldFile(['']);
    const store = await open();
    const { secret: _s, ...fields } = base;
    await store.saveProfile({ ...fields, id: 'p0', name: 'Old 0', accessKeyId: '' });
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    expect(onDisk.profiles[0]).toMatchObject({
      credentialSource: { kind: 'default-chain' },
      proxyUrl: '',
      sessionToken: { kind: 'none' },
    });
  });
});

describe('the Endpoint each source gives the engine', () => {
  it('access key: the key ID, the secret and the session token', async () => {
    const store = await open();
    const id = await store.saveProfile({ ...base, credentialSource: { kind: 'access-key' }, sessionToken: TOKEN });
    expect(store.endpointOf(id)).toMatchObject({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: SECRET, sessionToken: TOKEN },
    });
    expect(store.endpointOf(id)).not.toHaveProperty('awsProfile');
  });

  it('AWS profile: the name only, for the SDK to read; a saved key and secret are kept but not used', async () => {
    const store = await open();
    const id = await store.saveProfile({ ...base, credentialSource: { kind: 'aws-profile', profile: 'sso-dev' } });
    const endpoint = store.endpointOf(id);
    expect(endpoint.awsProfile).toBe('sso-dev');
    expect(endpoint).not.toHaveProperty('credentials');
    expect(store.view().profiles[0]).toMatchObject({ accessKeyId: 'ASIAEXAMPLE', secretSet: true });
  });

  it('default chain: neither keys nor a profile name, even with a key ID saved', async () => {
    const store = await open();
    const id = await store.saveProfile({ ...base, credentialSource: { kind: 'default-chain' } });
    const endpoint = store.endpointOf(id);
    expect(endpoint).not.toHaveProperty('credentials');
    expect(endpoint).not.toHaveProperty('awsProfile');
  });

  it('the profile’s proxy URL, else the system’s proxy for that endpoint', async () => {
    const asked: [string, string][] = [];
    const store = await open(createFakeSecretBox('keychain'), (url, region) => {
      asked.push([url, region]);
      return 'http://corp-proxy.example:8080';
    });
    const own = await store.saveProfile({ ...base, proxyUrl: 'http://proxy.example.com:3128' });
    const system = await store.saveProfile({ ...base, name: 'Other', proxyUrl: '' });
    expect(store.endpointOf(own).proxyUrl).toBe('http://proxy.example.com:3128');
    expect(store.endpointOf(system).proxyUrl).toBe('http://corp-proxy.example:8080');
    expect(asked).toEqual([['', 'eu-west-1']]);
    const test = store.endpointForTest({ ...base, proxyUrl: 'https://form-proxy.example:8443' });
    expect(test.proxyUrl).toBe('https://form-proxy.example:8443');
  });

  it('refuses a proxy URL with a user name, a path, or another scheme, naming the field', async () => {
    const store = await open();
    for (const proxyUrl of ['http://me:pw@proxy.example:3128', 'http://proxy.example:3128/x?y', 'socks5://p:1080']) {
      await expect(store.saveProfile({ ...base, proxyUrl })).rejects.toThrow(/invalid-profile: proxyUrl: v\.proxy/);
    }
  });

  it('refuses the access key without its ID, and an AWS profile without a name', async () => {
    const store = await open();
    await expect(
      store.saveProfile({ ...base, accessKeyId: '', credentialSource: { kind: 'access-key' } }),
    ).rejects.toThrow(/accessKeyId: v\.accessKeyIdRequired/);
    await expect(
      store.saveProfile({ ...base, credentialSource: { kind: 'aws-profile', profile: ' ' } }),
    ).rejects.toThrow(/credentialSource: v\.awsProfileRequired/);
  });
});

describe('the session token', () => {
  it('is encrypted on disk, read back after a restart, and never in the view', async () => {
    const store = await open();
    const id = await store.saveProfile({ ...base, sessionToken: TOKEN });
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    expect(onDisk).not.toContain(SECRET);
    expect(JSON.parse(onDisk).profiles[0].sessionToken.kind).toBe('keychain');
    expect(JSON.stringify(store.view())).not.toContain(TOKEN);
    expect(store.view().profiles[0]).toMatchObject({ sessionTokenSet: true });

    const again = await open();
    expect(again.view().profiles[0]).toMatchObject({ sessionTokenSet: true, secretSet: true });
    expect(JSON.stringify(again.view())).not.toContain(TOKEN);
    expect(again.endpointOf(id).credentials?.sessionToken).toBe(TOKEN);
  });

  it('is kept when the form leaves it blank, replaced when typed, and forgotten on request', async () => {
    const store = await open();
    const id = await store.saveProfile({ ...base, sessionToken: TOKEN });
    const { secret: _s, ...fields } = base;
    await store.saveProfile({ ...fields, id, name: 'Renamed' });
    expect(store.endpointOf(id).credentials?.sessionToken).toBe(TOKEN);
    await store.saveProfile({ ...fields, id, sessionToken: 'second-token' });
    expect(store.endpointOf(id).credentials?.sessionToken).toBe('second-token');
    await store.saveProfile({ ...fields, id, clearSessionToken: true });
    expect(store.endpointOf(id).credentials).toEqual({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: SECRET });
    expect(store.view().profiles[0]).toMatchObject({ sessionTokenSet: false, secretSet: true });
  });

  it('is kept for this session only where encryption is unavailable, like the secret', async () => {
    const store = await open(createFakeSecretBox('unavailable'));
    const id = await store.saveProfile({ ...base, sessionToken: TOKEN });
    expect(JSON.parse(await readFile(file, 'utf8')).profiles[0].sessionToken).toEqual({ kind: 'session' });
    expect(store.endpointOf(id).credentials?.sessionToken).toBe(TOKEN);
    const restarted = await open(createFakeSecretBox('unavailable'));
    expect(restarted.view().profiles[0]).toMatchObject({ sessionTokenSet: false });
  });

  it('goes with the profile when it is deleted (a new profile with the same id does not get it)', async () => {
    const store = await openSettingsStore({
      file,
      secretBox: createFakeSecretBox('unavailable'),
      notices: createNoticeCenter(),
      newId: () => 'same-id',
    });
    await store.saveProfile({ ...base, sessionToken: TOKEN });
    await store.deleteProfile('same-id');
    const { secret: _s, ...fields } = base;
    await store.saveProfile({ ...fields, credentialSource: { kind: 'default-chain' } });
    expect(store.view().profiles[0]).toMatchObject({ id: 'same-id', sessionTokenSet: false, secretSet: false });
  });
});
