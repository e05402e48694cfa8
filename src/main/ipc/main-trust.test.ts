// What a compromised page cannot do through main's handlers, even with a valid sender and payload: send a saved
// secret to another server, turn on weak secret storage without main's own question, or abort uploads main never
// listed to it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND } from '../../shared/ipc-channels';
import { type ProfileInput, type SettingsView } from '../../shared/settings-schema';
import { createMainServices, type MainServices } from '../services';
import { createFakeEngine, type FakeEngine } from '../testing/fake-engine';
import { createFakeSecretBox } from '../testing/fake-secret-box';
import { createListedUploads } from './listed-uploads';
import { createSenderCheck } from './sender-check';
import { testProfileInput } from '../testing/test-profile';

const RENDERER = 'app://hoist/index.html';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const profile: ProfileInput = testProfileInput({ secret: SECRET });

let dir: string;
let engine: FakeEngine;
let services: MainServices;
let confirm: ReturnType<typeof vi.fn<() => Promise<boolean>>>;
let clock: number;

async function boot(options: { confirm?: boolean; backend?: 'keychain' | 'basic_text' } = {}) {
  engine = createFakeEngine();
  services = await createMainServices({
    engine,
    settingsFile: join(dir, 'userData', 'settings.json'),
    secretBox: createFakeSecretBox(options.backend ?? 'keychain'),
    send: () => undefined,
    isTrustedSender: createSenderCheck({ rendererUrl: RENDERER }),
    pickFiles: async () => [],
    ...(options.confirm === false ? {} : { confirmWeakStorage: confirm }),
    listedUploads: createListedUploads({ now: () => clock }),
  });
}

const call = (channel: string, payload: unknown) =>
  services.handlers[channel as keyof typeof services.handlers](payload, { url: RENDERER, isMainFrame: true });
const saveProfile = async () => ((await call(COMMAND.saveProfile, profile)) as { id: string }).id;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-trust-'));
  confirm = vi.fn(async () => false);
  clock = 1_000_000;
});
afterEach(async () => {
  services.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('a saved secret does not follow the endpoint to another server', () => {
  beforeEach(() => boot());

  it('saveProfile with a new host and no secret is refused; uploads keep going to the old server with the key', async () => {
    const id = await saveProfile();
    await expect(
      call(COMMAND.saveProfile, { ...profile, id, secret: undefined, endpointUrl: 'https://attacker.example' }),
    ).rejects.toThrow(/invalid-profile: secret: v\.secretAgain/);
    const view = (await call(COMMAND.getSettings, undefined)) as SettingsView;
    expect(view.profiles[0]).toMatchObject({ endpointUrl: 'http://127.0.0.1:9000', secretSet: true });
    expect(services.settings.resolveTarget({ profileId: id, bucket: 'photos', prefix: '' }).endpointUrl).toBe(
      'http://127.0.0.1:9000',
    );
  });

  it('testConnection with a new host and no secret is refused before anything is sent', async () => {
    const id = await saveProfile();
    await expect(
      call(COMMAND.testConnection, {
        profile: { ...profile, id, secret: undefined, endpointUrl: 'https://attacker.example' },
      }),
    ).rejects.toThrow(/secret: v\.secretAgain/);
    expect(engine.callsTo('testConnection')).toEqual([]);
  });
});

describe("weak secret storage needs main's own confirmation", () => {
  const allowWeak = async () =>
    ((await call(COMMAND.setWeakStorage, { allow: true })) as SettingsView).secretStorage.allowWeak;
  const onDisk = async () =>
    JSON.parse(await readFile(join(dir, 'userData', 'settings.json'), 'utf8')) as {
      allowWeakSecretStorage: boolean;
      profiles: { secret: { kind: string } }[];
    };

  it('the page asks; "no" in main\'s dialog leaves secrets in memory', async () => {
    await boot({ backend: 'basic_text' });
    await saveProfile();
    expect(await allowWeak()).toBe(false);
    expect(confirm).toHaveBeenCalledTimes(1);
    expect((await onDisk()).allowWeakSecretStorage).toBe(false);
    expect((await onDisk()).profiles[0]!.secret.kind).toBe('session');
  });

  it('"yes" in main\'s dialog turns it on; turning it off asks nothing', async () => {
    await boot({ backend: 'basic_text' });
    await saveProfile();
    confirm.mockResolvedValueOnce(true);
    expect(await allowWeak()).toBe(true);
    expect((await onDisk()).profiles[0]!.secret.kind).toBe('weak');
    expect(await allowWeak()).toBe(true); // already on: no second question
    await call(COMMAND.setWeakStorage, { allow: false });
    expect(confirm).toHaveBeenCalledTimes(1);
    expect((await onDisk()).allowWeakSecretStorage).toBe(false);
  });

  it('two clicks while the dialog is open ask once; a failing dialog counts as "no"', async () => {
    await boot({ backend: 'basic_text' });
    let answer: (yes: boolean) => void = () => undefined;
    confirm.mockImplementationOnce(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const first = call(COMMAND.setWeakStorage, { allow: true });
    const second = call(COMMAND.setWeakStorage, { allow: true });
    await vi.waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
    answer(false);
    await Promise.all([first, second]);
    expect(confirm).toHaveBeenCalledTimes(1);
    confirm.mockRejectedValueOnce(new Error('no window'));
    expect(await allowWeak()).toBe(false);
  });

  it('without a dialog wired in, the page cannot turn it on at all', async () => {
    await boot({ backend: 'basic_text', confirm: false });
    expect(await allowWeak()).toBe(false);
  });
});

describe('aborting incomplete uploads: only what main listed', () => {
  const upload = (key: string, uploadId: string) => ({
    key,
    uploadId,
    initiated: '',
    parts: 1,
    bytes: 5,
    startedByHoist: false,
  });
  const abort = (profileId: string, uploads: { key: string; uploadId: string }[], bucket = 'photos') =>
    call(COMMAND.abortIncomplete, { profileId, bucket, uploads });

  beforeEach(() => boot());

  it('refuses ids no listing showed, and ids carried over to another bucket, before anything reaches the server', async () => {
    const id = await saveProfile();
    await expect(abort(id, [{ key: 'a', uploadId: 'u1' }])).rejects.toThrow(
      /not-listed: .*"a".*u1.*list the incomplete uploads again/,
    );
    engine.incomplete = [upload('a', 'u1')];
    await call(COMMAND.listIncomplete, { profileId: id, bucket: 'photos', prefix: '' });
    await expect(abort(id, [{ key: 'a', uploadId: 'u1' }], 'other-bucket')).rejects.toThrow(/not-listed/);
    await expect(abort(id, [{ key: 'b', uploadId: 'u1' }])).rejects.toThrow(/not-listed/); // the id with another key
    await expect(
      abort(id, [
        { key: 'a', uploadId: 'u1' },
        { key: 'x', uploadId: 'forged' },
      ]),
    ).rejects.toThrow(
      /not-listed: abort refused: 1 of the 2 uploads \(first: "x", upload ID forged\).*last 60 minutes/,
    );
    expect(engine.callsTo('abortIncomplete')).toEqual([]);
  });

  it('aborts what was listed, and not again once verified gone', async () => {
    const id = await saveProfile();
    engine.incomplete = [upload('a', 'u1'), upload('b', 'u2')];
    await call(COMMAND.listIncomplete, { profileId: id, bucket: 'photos', prefix: '' });
    expect(await abort(id, [{ key: 'a', uploadId: 'u1' }])).toEqual([{ key: 'a', uploadId: 'u1', verified: true }]);
    await expect(abort(id, [{ key: 'a', uploadId: 'u1' }])).rejects.toThrow(/not-listed/);
    expect(await abort(id, [{ key: 'b', uploadId: 'u2' }])).toEqual([{ key: 'b', uploadId: 'u2', verified: true }]);
  });

  it('a listing goes stale after an hour, and when the profile is pointed at another server', async () => {
    const id = await saveProfile();
    engine.incomplete = [upload('a', 'u1'), upload('b', 'u2')];
    await call(COMMAND.listIncomplete, { profileId: id, bucket: 'photos', prefix: '' });
    clock += 61 * 60_000;
    await expect(abort(id, [{ key: 'a', uploadId: 'u1' }])).rejects.toThrow(/not-listed/);
    await call(COMMAND.listIncomplete, { profileId: id, bucket: 'photos', prefix: '' });
    await call(COMMAND.saveProfile, { ...profile, id, endpointUrl: 'http://127.0.0.1:9001', secret: 'typed-again' });
    await expect(abort(id, [{ key: 'b', uploadId: 'u2' }])).rejects.toThrow(/not-listed/);
    expect(engine.callsTo('abortIncomplete')).toEqual([]);
  });
});
