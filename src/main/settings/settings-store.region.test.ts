// A bucket's region learnt from AWS's answer: an AWS profile whose region was blank (or the one asked) remembers the
// bucket's, a profile for another server or another bucket is left alone, and the services say so in a notice.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NEW_PROFILE_DEFAULTS, type ProfileInput } from '../../shared/settings-schema';
import { createNoticeCenter } from '../notices';
import { createMainServices } from '../services';
import { createFakeEngine } from '../testing/fake-engine';
import { createFakeSecretBox } from '../testing/fake-secret-box';
import { openSettingsStore } from './settings-store';

const aws = (name: string, bucket: string, region: string): ProfileInput => ({
  ...NEW_PROFILE_DEFAULTS,
  name,
  bucket,
  region,
  accessKeyId: 'AKIAEXAMPLE',
  secret: 'secret',
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-region-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('a bucket region learnt from AWS', () => {
  it('goes into the AWS profiles for that bucket whose region was blank or the one asked, and no others', async () => {
    const file = join(dir, 'settings.json');
    const store = await openSettingsStore({
      file,
      secretBox: createFakeSecretBox('keychain'),
      notices: createNoticeCenter(),
    });
    const blank = await store.saveProfile(aws('Blank', 'photos', ''));
    const asked = await store.saveProfile(aws('Asked', 'photos', 'us-east-1'));
    const other = await store.saveProfile(aws('Other region', 'photos', 'ap-south-1'));
    const otherBucket = await store.saveProfile(aws('Other bucket', 'music', ''));
    const minio = await store.saveProfile({
      ...aws('MinIO', 'photos', 'us-east-1'),
      endpointUrl: 'http://127.0.0.1:9000',
    });

    // A blank region starts at us-east-1, where AWS answers with the bucket's own.
    expect(store.endpointOf(blank).region).toBe('us-east-1');
    expect(await store.learnRegion('photos', 'us-east-1', 'eu-west-3')).toEqual(['Blank', 'Asked']);

    const again = await openSettingsStore({
      file,
      secretBox: createFakeSecretBox('keychain'),
      notices: createNoticeCenter(),
    });
    const regionOf = (id: string) => again.profile(id)?.region;
    expect([blank, asked, other, otherBucket, minio].map(regionOf)).toEqual([
      'eu-west-3',
      'eu-west-3',
      'ap-south-1',
      '',
      'us-east-1',
    ]);
    expect(await again.learnRegion('photos', 'us-east-1', 'eu-west-3')).toEqual([]);
  });

  it('is said in a notice that names the bucket, both regions and the profiles', async () => {
    const sent: unknown[] = [];
    const services = await createMainServices({
      engine: createFakeEngine(),
      settingsFile: join(dir, 'settings.json'),
      secretBox: createFakeSecretBox('keychain'),
      send: (channel, payload) => sent.push({ channel, payload }),
      isTrustedSender: () => true,
      pickFiles: async () => [],
    });
    await services.settings.saveProfile(aws('Photos', 'photos', ''));
    services.regionCorrected({ bucket: 'photos', asked: 'us-east-1', region: 'eu-west-3' });
    await expect
      .poll(() => services.notices.list().map((n) => [n.kind, n.params]))
      .toEqual([
        ['region-corrected', { bucket: 'photos', asked: 'us-east-1', region: 'eu-west-3', profiles: 'Photos' }],
      ]);
    expect(services.settings.view().profiles[0]?.region).toBe('eu-west-3');
    services.dispose();
  });
});
