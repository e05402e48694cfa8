import { describe, expect, it } from 'vitest';
import { NEW_PROFILE_DEFAULTS, profileInputSchema, profileProblems } from './settings-schema';

const valid = { ...NEW_PROFILE_DEFAULTS, name: 'Photos', bucket: 'photos' };

describe('profileProblems', () => {
  it('is empty for a valid profile', () => {
    expect(profileProblems(valid)).toEqual({});
  });

  it('names every field in error at once, the region included when another field fails', () => {
    const problems = profileProblems({ ...valid, region: '', speedLimit: -1, partSizeMiB: Number.NaN });
    expect(problems).toEqual({ region: 'v.regionRequired', speedLimit: 'v.speedLimitRange', partSizeMiB: 'v.number' });
  });

  it('checks the region by the endpoint: AWS names for AWS, simpler ones elsewhere', () => {
    expect(profileProblems({ ...valid, region: 'auto', bucket: 'x' })).toMatchObject({ region: 'v.regionAws' });
    expect(profileProblems({ ...valid, endpointUrl: 'https://r2.example', region: 'auto', bucket: 'x' })).toEqual({
      bucket: 'v.bucketLength',
    });
  });
});

describe('speed limit (KiB/s, as the settings file stores it)', () => {
  it('takes 0 (no limit) up to 10 GiB/s', () => {
    expect(profileInputSchema.safeParse({ ...valid, speedLimit: 0 }).success).toBe(true);
    expect(profileInputSchema.safeParse({ ...valid, speedLimit: 10 * 1024 * 1024 }).success).toBe(true);
    expect(profileInputSchema.safeParse({ ...valid, speedLimit: 10 * 1024 * 1024 + 1 }).success).toBe(false);
    expect(profileInputSchema.safeParse({ ...valid, speedLimit: 1.5 }).success).toBe(false);
  });
});
