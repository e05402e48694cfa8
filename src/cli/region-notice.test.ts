// The region notice on stderr: once per bucket, whatever the engine repeats; held while a live display redraws.
import { describe, expect, it } from 'vitest';
import type { RegionNotice } from '../engine';
import { regionNotices } from './region-notice';

const noticeFor = (bucket: string): RegionNotice => ({
  bucket,
  asked: 'us-east-1',
  region: 'eu-west-3',
  message: `Bucket "${bucket}" is in region eu-west-3, not us-east-1.`,
  text: { key: 'credentials.region.corrected', params: { bucket, asked: 'us-east-1', region: 'eu-west-3' } },
});

function stderr(): { write: (s: string) => boolean; text: () => string } {
  let text = '';
  return { write: (s) => Boolean((text += s)), text: () => text };
}

describe('regionNotices', () => {
  it('prints each bucket once, at once when nothing is drawn live', () => {
    const err = stderr();
    const notices = regionNotices(err, false);
    for (const b of ['photos', 'photos', 'logs', 'photos']) notices.onRegionCorrected(noticeFor(b));
    expect(err.text()).toBe(
      'hoist: Bucket "photos" is in region eu-west-3, not us-east-1.\nhoist: Bucket "logs" is in region eu-west-3, not us-east-1.\n',
    );
    notices.flush();
    expect(err.text().split('\n')).toHaveLength(3);
  });

  it('holds the notices during a live display until flush, and strips control characters', () => {
    const err = stderr();
    const notices = regionNotices(err, true);
    notices.onRegionCorrected(noticeFor('a\x1b[2Jb'));
    notices.onRegionCorrected(noticeFor('a\x1b[2Jb'));
    expect(err.text()).toBe('');
    notices.flush();
    expect(err.text()).toMatch(/^hoist: Bucket "a.*b" is in region eu-west-3, not us-east-1\.\n$/);
    expect(err.text()).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
    notices.flush();
    expect(err.text().split('\n')).toHaveLength(2);
  });
});
