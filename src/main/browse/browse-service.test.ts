// Main's side of the destination browser against moto: it lists with the profile's own endpoint and keys, and a
// server's failure reaches the page as 'server-error' with words in the window's language.
import { afterAll, describe, expect, it } from 'vitest';
import { freshBucketOn, backends, s3ClientFor } from '../../../test/harness/backends';
import { testTarget } from '../../../test/harness/s3-check';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { UploadEngineApi } from '../../engine';
import type { LanguageSetting } from '../../shared/settings-schema';
import type { Endpoint } from '../../shared/target';
import { BucketBrowser } from '../../engine/s3/browse';
import { IpcError } from '../ipc/errors';
import { createBrowseService } from './browse-service';

const moto = backends()[0]!;
const browser = new BucketBrowser({ connectTimeoutMs: 3_000, requestTimeoutMs: 10_000 });
afterAll(() => browser.destroy());

function serviceWith(language: LanguageSetting, endpoint?: Endpoint) {
  const { endpointUrl, region, forcePathStyle, credentials, checksum } = testTarget(moto.endpoint, 'unused');
  const settings = {
    language: () => language,
    endpointOf: (profileId: string): Endpoint => {
      if (profileId !== 'p1') throw new IpcError('not-found', 'no such profile');
      return endpoint ?? { endpointUrl, region, forcePathStyle, credentials, checksum };
    },
  };
  // The engine is not asked anything: browsing needs no queue.
  return createBrowseService({ engine: {} as UploadEngineApi, settings, systemLocale: 'en-US', browser });
}

describe('browse service [moto]', () => {
  it("lists a folder of the profile's bucket, and its buckets", async () => {
    const bucket = await freshBucketOn(moto, 'browse-main');
    await s3ClientFor(moto).send(new PutObjectCommand({ Bucket: bucket, Key: 'in/a.txt', Body: 'abc' }));
    const service = serviceWith('en');
    const top = await service.list({ profileId: 'p1', bucket, prefix: '' });
    expect(top).toEqual({ prefix: '', folders: ['in/'], objects: [] });
    const inner = await service.list({ profileId: 'p1', bucket, prefix: 'in/' });
    expect(inner.objects.map((o) => [o.key, o.size])).toEqual([['in/a.txt', 3]]);
    const buckets = await service.buckets('p1');
    expect(buckets.kind === 'listed' && buckets.buckets.some((b) => b.name === bucket)).toBe(true);
  });

  it("words a server's failure in the window's language, as a server-error", async () => {
    const en = await serviceWith('en')
      .list({ profileId: 'p1', bucket: 'no-such-bucket-main', prefix: '' })
      .catch((e: unknown) => e);
    expect(en).toBeInstanceOf(IpcError);
    expect((en as IpcError).code).toBe('server-error');
    expect((en as IpcError).message).toBe(
      `server-error: Bucket "no-such-bucket-main" does not exist at ${moto.endpoint}. Check the bucket name, or pick another bucket.`,
    );
    const ja = await serviceWith('ja')
      .list({ profileId: 'p1', bucket: 'no-such-bucket-main', prefix: '' })
      .catch((e: unknown) => e);
    expect((ja as IpcError).message).toBe(
      `server-error: バケット「no-such-bucket-main」は ${moto.endpoint} に存在しません。バケット名を確認するか、別のバケットを選んでください。`,
    );
  });

  it("passes the settings' own refusal on as it is (an unknown profile, a missing secret)", async () => {
    const error = await serviceWith('en')
      .buckets('gone')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect((error as IpcError).code).toBe('not-found');
  });
});
