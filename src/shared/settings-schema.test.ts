import { describe, expect, it } from 'vitest';
import {
  credentialSourceOf,
  NEW_PROFILE_DEFAULTS,
  profileInputSchema,
  profileProblems,
  profileViewSchema,
  proxyUrlProblem,
} from './settings-schema';

const valid = { ...NEW_PROFILE_DEFAULTS, name: 'Photos', bucket: 'photos' };

describe('profileProblems', () => {
  it('is empty for a valid profile', () => {
    expect(profileProblems(valid)).toEqual({});
  });

  it('names every field in error at once, the region included when another field fails', () => {
    const minio = { ...valid, endpointUrl: 'http://127.0.0.1:9000' };
    const problems = profileProblems({ ...minio, region: '', speedLimit: -1, partSizeMiB: Number.NaN });
    expect(problems).toEqual({ region: 'v.regionRequired', speedLimit: 'v.speedLimitRange', partSizeMiB: 'v.number' });
  });

  it('lets an AWS profile leave the region blank (the bucket tells it), but no other server', () => {
    expect(profileProblems({ ...valid, region: '' })).toEqual({});
    expect(profileProblems({ ...valid, endpointUrl: 'https://r2.example', region: '' })).toEqual({
      region: 'v.regionRequired',
    });
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

describe('credential sources', () => {
  it('reads a profile saved before the choice as it was meant: blank key ID = the default chain', () => {
    expect(credentialSourceOf({ accessKeyId: '' })).toEqual({ kind: 'default-chain' });
    expect(credentialSourceOf({ accessKeyId: 'AKIAEXAMPLE' })).toEqual({ kind: 'access-key' });
    const chosen = { kind: 'aws-profile', profile: 'sso-dev' } as const;
    expect(credentialSourceOf({ accessKeyId: 'AKIAEXAMPLE', credentialSource: chosen })).toBe(chosen);
    expect(profileInputSchema.safeParse({ ...valid, accessKeyId: '' }).success).toBe(true);
  });

  it('takes each source, and names the field at fault for a missing key ID or profile name', () => {
    for (const credentialSource of [{ kind: 'default-chain' }, { kind: 'aws-profile', profile: 'team/sso@corp' }]) {
      expect(profileProblems({ ...valid, credentialSource })).toEqual({});
    }
    expect(profileProblems({ ...valid, accessKeyId: 'AKIA', credentialSource: { kind: 'access-key' } })).toEqual({});
    expect(profileProblems({ ...valid, credentialSource: { kind: 'access-key' } })).toEqual({
      accessKeyId: 'v.accessKeyIdRequired',
    });
    // Reported with another field's problem too (zod skips the object's refinements then).
    expect(profileProblems({ ...valid, bucket: '', credentialSource: { kind: 'access-key' } })).toEqual({
      bucket: 'v.bucketRequired',
      accessKeyId: 'v.accessKeyIdRequired',
    });
    expect(profileProblems({ ...valid, credentialSource: { kind: 'aws-profile', profile: '' } })).toEqual({
      credentialSource: 'v.awsProfileRequired',
    });
    expect(profileProblems({ ...valid, credentialSource: { kind: 'aws-profile', profile: 'has space' } })).toEqual({
      credentialSource: 'v.awsProfileName',
    });
    expect(profileInputSchema.safeParse({ ...valid, credentialSource: { kind: 'sso' } }).success).toBe(false);
  });

  it('takes a session token without spaces, and the view carries only whether one is set', () => {
    expect(profileInputSchema.safeParse({ ...valid, sessionToken: 'IQoJb3JpZ2lu/+=' }).success).toBe(true);
    expect(profileProblems({ ...valid, sessionToken: 'two words' })).toEqual({ sessionToken: 'v.sessionToken' });
    expect(Object.keys(profileViewSchema.shape)).toContain('sessionTokenSet');
    expect(Object.keys(profileViewSchema.shape)).not.toContain('sessionToken');
  });
});

describe('proxyUrlProblem', () => {
  it.each([
    ['', null],
    ['http://proxy.example.com:3128', null],
    ['https://proxy.example.com', null],
    ['http://[::1]:3128/', null],
    ['proxy.example.com:3128', 'v.proxyUrl'],
    ['socks5://proxy.example.com:1080', 'v.proxyUrl'],
    ['http://user:pass@proxy.example.com:3128', 'v.proxyCredentials'],
    ['http://proxy.example.com:3128/?token=x', 'v.proxyPath'],
    ['http://proxy.example.com:3128/path', 'v.proxyPath'],
  ])('%s → %s', (url, problem) => {
    expect(proxyUrlProblem(url)).toBe(problem);
  });
});
