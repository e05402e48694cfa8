// The app's history and share links on a real engine and settings store, against moto: a finished upload is listed
// under its profile's current name and found by it, a done row's link and a history entry's link download the
// bytes for the profile's "share links work for" hours, and a link for an unfinished row or a removed profile is
// refused in words.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBucket, uniqueBucket } from '../../../test/harness/s3-check';
import { makeFile } from '../../../test/harness/fixtures';
import { createEngine, type UploadEngineApi } from '../../engine';
import type { ProfileInput } from '../../shared/settings-schema';
import { createNoticeCenter } from '../notices';
import { openSettingsStore, type SettingsStore } from '../settings/settings-store';
import { createFakeSecretBox } from '../testing/fake-secret-box';
import { createHistoryService, type HistoryService } from './history-service';
import { testServerProfileInput } from '../testing/test-profile';

const endpoint = inject('s3Endpoint');
let dir: string;
let bucket: string;
let engine: UploadEngineApi;
let settings: SettingsStore;
let history: HistoryService;
let profileId: string;

const profile = (name: string, hours: number): ProfileInput =>
  testServerProfileInput(endpoint, bucket, { name, shareLinkHours: hours });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-history-service-'));
  bucket = uniqueBucket('main-history');
  await createBucket(endpoint, bucket);
  engine = createEngine({ stateDir: join(dir, 'state'), retryBaseDelayMs: 20 });
  settings = await openSettingsStore({
    file: join(dir, 'settings.json'),
    secretBox: createFakeSecretBox('keychain'),
    notices: createNoticeCenter(),
  });
  profileId = await settings.saveProfile(profile('Studio archive', 6));
  history = createHistoryService({ engine, settings, userDataDir: dir });
});

afterAll(async () => {
  await engine?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('history service', () => {
  it('lists finished uploads under the profile name, and signs links for a done row and a history entry', async () => {
    const file = await makeFile(dir, 'mixdown.wav', 70_000, 3);
    const added = await engine.add([file], settings.targetFor(profileId, bucket, 'audio/'));
    const id = added.items[0]!.id;
    await engine.idle();
    expect(engine.get(id)?.state.kind).toBe('done');

    const listed = await history.list('studio');
    expect(listed).toEqual([
      expect.objectContaining({ id, bucket, key: 'audio/mixdown.wav', size: 70_000, profileName: 'Studio archive' }),
    ]);
    expect(await history.list('nothing-like-it')).toEqual([]);

    const before = Date.now();
    for (const source of [
      { kind: 'queue' as const, id },
      { kind: 'history' as const, id },
    ]) {
      const link = await history.shareLink(source);
      expect(new URL(link.url).searchParams.get('X-Amz-Expires')).toBe(String(6 * 3600));
      expect(link.expiresAt - before).toBeGreaterThanOrEqual(6 * 3600_000 - 1000);
      const got = await fetch(link.url);
      expect(got.status).toBe(200);
      expect((await got.arrayBuffer()).byteLength).toBe(70_000);
    }
  });

  it('refuses a link for a row that is not done, an unknown entry, and a removed profile, in words', async () => {
    await expect(history.shareLink({ kind: 'queue', id: 'no-such-row' })).rejects.toThrow(/no longer in the queue/);
    await expect(history.shareLink({ kind: 'history', id: 'no-such-entry' })).rejects.toThrow(
      /no longer in the history/,
    );
    const [entry] = await history.list('');
    await settings.deleteProfile(profileId);
    expect((await history.list(''))[0]).toMatchObject({ id: entry!.id, profileName: null });
    await expect(history.shareLink({ kind: 'history', id: entry!.id })).rejects.toThrow(
      /profile that uploaded "audio\/mixdown.wav" is gone/,
    );
  });

  it('refuses a link once the profile names another server than the upload went to, naming both', async () => {
    const id = await settings.saveProfile(profile('Moved archive', 2));
    const file = await makeFile(dir, 'moved.bin', 5_000, 4);
    const added = await engine.add([file], settings.targetFor(id, bucket, 'moved/'));
    const itemId = added.items[0]!.id;
    await engine.idle();
    expect(engine.get(itemId)?.state.kind).toBe('done');
    // Same server, spelled differently (a trailing slash): still the upload's server, so the link is signed.
    await settings.saveProfile({ ...profile('Moved archive', 2), id, endpointUrl: `${endpoint}/`, secret: undefined });
    expect((await fetch((await history.shareLink({ kind: 'history', id: itemId })).url)).status).toBe(200);

    // Another server: the settings make the user type its secret; a link signed for it would not open this file.
    await settings.saveProfile({ ...profile('Moved archive', 2), id, endpointUrl: 'http://127.0.0.1:1', secret: 'x' });
    for (const kind of ['history', 'queue'] as const) {
      const refused = history.shareLink({ kind, id: itemId });
      await expect(refused).rejects.toThrow(/not-allowed: "moved\/moved.bin" was uploaded to /);
      await expect(refused).rejects.toThrow(endpoint);
      await expect(refused).rejects.toThrow(/"Moved archive" now names http:\/\/127.0.0.1:1/);
    }
  });
});
