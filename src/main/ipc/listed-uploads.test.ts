import { describe, expect, it } from 'vitest';
import { createListedUploads } from './listed-uploads';

const place = { profileId: 'p1', endpointUrl: 'http://127.0.0.1:9000', bucket: 'photos' };
const up = (n: number) => ({ key: `k${n}`, uploadId: `u${n}` });

describe('the record of listed incomplete uploads', () => {
  it('keeps the last few listings of a place (one per prefix looked at), each for the TTL', () => {
    let now = 0;
    const listed = createListedUploads({ ttlMs: 1000, perPlace: 2, now: () => now });
    listed.remember(place, [up(1)]);
    listed.remember(place, [up(2)]);
    expect(listed.unlisted(place, [up(1), up(2)])).toEqual([]);
    listed.remember(place, [up(3)]); // the oldest listing drops out
    expect(listed.unlisted(place, [up(1), up(2), up(3)])).toEqual([up(1)]);
    now = 999;
    expect(listed.unlisted(place, [up(3)])).toEqual([]);
    now = 1000;
    expect(listed.unlisted(place, [up(3)])).toEqual([up(3)]);
  });

  it('tells places apart by profile, server and bucket', () => {
    const listed = createListedUploads();
    listed.remember(place, [up(1)]);
    for (const other of [
      { ...place, profileId: 'p2' },
      { ...place, endpointUrl: '' },
      { ...place, bucket: 'other' },
    ]) {
      expect(listed.unlisted(other, [up(1)])).toEqual([up(1)]);
    }
    listed.forget(place, [up(1)]);
    expect(listed.unlisted(place, [up(1)])).toEqual([up(1)]);
  });
});
