import { describe, expect, it } from 'vitest';
import { PROFILE } from '../../test/fake-api';
import { draftOf, draftProblems, endpointSuggestion, inputOf, sameDraft } from '../profile-draft';

describe('endpoint typed without its scheme', () => {
  it.each([
    ['127.0.0.1:9000', 'http://127.0.0.1:9000'],
    ['localhost:9000', 'http://localhost:9000'],
    ['minio:9000', 'http://minio:9000'],
    ['nas.local:9000', 'http://nas.local:9000'],
    ['[::1]:9000', 'http://[::1]:9000'],
    ['10.0.0.5', 'http://10.0.0.5'],
    ['s3.example.com', 'https://s3.example.com'],
    ['storage.example.org:8443/base', 'https://storage.example.org:8443/base'],
  ])('%j → %j', (typed, url) => {
    expect(endpointSuggestion(typed)).toBe(url);
  });

  it.each(['', 'http://127.0.0.1:9000', 'ftp://files.example.com', 'https://a b', '::::', 'a b c', 'user@host:9000'])(
    'offers nothing for %j',
    (typed) => {
      expect(endpointSuggestion(typed)).toBeNull();
    },
  );
});

describe('the draft', () => {
  it('shows a stored profile as the form writes it, and reads it back unchanged', () => {
    const draft = draftOf({ ...PROFILE, speedLimit: 20 * 1024 });
    expect(draft.speedLimit).toBe('20 MiB/s');
    expect(draft.partSizeMiB).toBe('8');
    expect(inputOf(draft, 'p1')).toMatchObject({ speedLimit: 20 * 1024, partSizeMiB: 8, concurrency: 3 });
    expect(draftProblems(draft)).toEqual({});
  });

  it('names the numbers whose text is not a number the form takes', () => {
    const draft = { ...draftOf(PROFILE), partSizeMiB: '0x10', concurrency: '1e1', speedLimit: '-0' };
    expect(draftProblems(draft)).toEqual({
      partSizeMiB: 'v.partSizeDigits',
      concurrency: 'v.concurrencyDigits',
      speedLimit: 'v.speedLimitNegative',
    });
    expect(inputOf(draft, 'p1')).toMatchObject({ partSizeMiB: NaN, concurrency: NaN, speedLimit: NaN });
  });

  it('knows when it holds changes', () => {
    const draft = draftOf(PROFILE);
    expect(sameDraft(draft, draftOf(PROFILE))).toBe(true);
    expect(sameDraft(draft, { ...draft, secret: 'x' })).toBe(false);
    expect(sameDraft(draft, { ...draft, forcePathStyle: !draft.forcePathStyle })).toBe(false);
  });
});

describe('the upload options in the draft', () => {
  it('sends them tidied: blank rows and exclude lines dropped, patterns trimmed', () => {
    const draft = draftOf(PROFILE);
    draft.uploads = {
      ...draft.uploads,
      objectOptions: {
        ...draft.uploads.objectOptions,
        tags: [
          { key: ' team ', value: 'docs' },
          { key: '', value: '' },
        ],
      },
      excludes: ['.DS_Store', '', '  *.tmp  ', ''],
      skipUnchanged: true,
      shareLinkHours: 72,
    };
    expect(inputOf(draft, 'p1')).toMatchObject({
      objectOptions: { tags: [{ key: 'team', value: 'docs' }] },
      excludes: ['.DS_Store', '*.tmp'],
      skipUnchanged: true,
      shareLinkHours: 72,
    });
    expect(draftProblems(draft)).toEqual({});
  });

  it('names an option at fault with its row, apart from the profile fields', () => {
    const draft = draftOf(PROFILE);
    draft.uploads = {
      ...draft.uploads,
      objectOptions: { ...draft.uploads.objectOptions, metadata: [{ key: 'has space', value: '' }] },
      excludes: Array.from({ length: 101 }, (_, i) => `*.x${i}`),
    };
    expect(draftProblems(draft)).toEqual({ 'opt.metadata.0.key': 'v.metaKeyChars', excludes: 'v.excludes' });
  });

  it('counts a change in the options as unsaved input', () => {
    const saved = draftOf(PROFILE);
    const edited = { ...saved, uploads: { ...saved.uploads, skipUnchanged: !saved.uploads.skipUnchanged } };
    expect(sameDraft(saved, edited)).toBe(false);
    expect(sameDraft(saved, draftOf(PROFILE))).toBe(true);
  });
});
