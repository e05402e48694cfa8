// The endpoint options' handling of URLs that carry a user name and password: refused from the command line, cut from
// an old journal's URL, and cut from whatever a usage error quotes; --profile / AWS_PROFILE checked against the
// shared files, with the profile's region; proxy variables checked; the region that will be used checked, naming
// where it came from.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './args';
import { endpointArgs, endpointFrom, withoutCredentials, withoutUrlCredentials } from './endpoint-options';

describe('endpointArgs', () => {
  it('refuses --endpoint-url with user:password as a usage error that does not repeat them', () => {
    for (const url of [
      'http://alice:hunter2@127.0.0.1:9000',
      'http://alice:hunter2@127.0.0.1:x',
      'https://alice@host',
    ]) {
      let caught: unknown;
      try {
        endpointArgs({ 'endpoint-url': url }, 'cp', {});
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(UsageError);
      expect((caught as UsageError).command).toBe('cp');
      expect((caught as UsageError).message).not.toMatch(/hunter2|alice/);
    }
  });

  it('takes a plain URL as it is', () => {
    expect(endpointArgs({ 'endpoint-url': 'http://127.0.0.1:9000' }, 'cp', {})).toEqual({
      endpointUrl: 'http://127.0.0.1:9000',
    });
  });
});

describe('withoutCredentials', () => {
  it('cuts the user info and keeps the rest as written', () => {
    expect(withoutCredentials('http://alice:hunter2@127.0.0.1:9000')).toBe('http://127.0.0.1:9000');
    expect(withoutCredentials('https://a%40b:p%2Fw@s3.example.com/base?x=1')).toBe('https://s3.example.com/base?x=1');
    expect(withoutCredentials('http://alice:p@ss@host:1')).toBe('http://host:1');
    expect(withoutCredentials('http://alice@host')).toBe('http://host');
  });
  it('leaves a URL without credentials, an unparsable one, and none alone', () => {
    for (const url of [undefined, '', 'http://127.0.0.1:9000', 'https://host/path@x', 'not a url'])
      expect(withoutCredentials(url)).toBe(url);
  });
});

describe('withoutUrlCredentials', () => {
  it('cuts user:password from every URL in a sentence, up to the last @ of the word', () => {
    expect(withoutUrlCredentials('Target "http://alice:hunter2@host/b/" is not an S3 URL.')).toBe(
      'Target "http://…@host/b/" is not an S3 URL.',
    );
    expect(withoutUrlCredentials('a https://u:pa/ss@h and HTTP://x@y')).toBe('a https://…@h and HTTP://…@y');
  });
  it('leaves s3:// URLs (an @ in a key is a character) and text without URLs alone', () => {
    for (const text of ['Source "s3://b/me@home.jpg" is an S3 URL', 'mail me@example.com', 'http://host/x'])
      expect(withoutUrlCredentials(text)).toBe(text);
  });
});

describe('--profile and AWS_PROFILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hoist-profile-'));
  writeFileSync(join(dir, 'config'), '[profile eu]\nregion = eu-west-3\ncredential_process = /bin/true\n');
  const env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') };

  it("takes --profile, else AWS_PROFILE, with the profile's region after --region and AWS_REGION", () => {
    const flag = endpointArgs({ profile: 'eu' }, 'cp', env);
    expect(flag).toEqual({ awsProfile: 'eu', profileRegion: 'eu-west-3' });
    expect(endpointFrom(flag, env)).toMatchObject({ awsProfile: 'eu', region: 'eu-west-3' });
    expect(endpointFrom(flag, { ...env, AWS_REGION: 'ap-south-1' }).region).toBe('ap-south-1');
    expect(endpointFrom({ ...flag, region: 'us-west-1' }, env).region).toBe('us-west-1');
    expect(endpointArgs({}, 'cp', { ...env, AWS_PROFILE: 'eu' }).awsProfile).toBe('eu');
    expect(endpointArgs({}, 'cp', env)).toEqual({});
  });

  it('refuses an empty or unknown profile as a usage error naming it and the files', () => {
    expect(() => endpointArgs({ profile: ' ' }, 'cp', env)).toThrow('--profile is empty');
    let caught: unknown;
    try {
      endpointArgs({ profile: 'us' }, 'incomplete', env);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).command).toBe('incomplete');
    expect((caught as UsageError).message).toBe(
      `The AWS profile "us" is in neither ${env.AWS_CONFIG_FILE} nor ${env.AWS_SHARED_CREDENTIALS_FILE}. Check the name, or create it with: aws configure --profile us`,
    );
  });

  it('refuses a proxy variable that is not a URL, naming the variable', () => {
    expect(() => endpointArgs({}, 'cp', { https_proxy: 'socks5://p:1' })).toThrow(
      'The proxy "socks5://p:1" (from https_proxy) is not an http:// or https:// URL with a host. Fix or unset https_proxy.',
    );
  });
});

describe('the region', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hoist-region-'));
  writeFileSync(join(dir, 'config'), '[profile odd]\nregion = eu west\ncredential_process = /bin/true\n');
  const files = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') };

  function usageError(values: Record<string, string>, env: NodeJS.ProcessEnv, command = 'cp'): UsageError {
    let caught: unknown;
    try {
      endpointArgs(values, command, env);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).command).toBe(command);
    return caught as UsageError;
  }

  it("takes the names S3-compatible servers use as they are: AWS's, garage, auto, fr-par, a dotted one", () => {
    for (const region of ['us-east-1', 'us-gov-west-1', 'garage', 'auto', 'fr-par', 'nyc3', 'zone_a', 'eu.west'])
      expect(endpointFrom(endpointArgs({ region }, 'cp', {}), {}).region).toBe(region);
  });

  it('refuses --region that is empty, blank, or holds a space, a slash or another character', () => {
    expect(usageError({ region: '' }, {}).message).toBe('--region is empty. Give a region such as us-east-1.');
    expect(usageError({ region: '  ' }, {}).message).toContain('--region is empty');
    for (const region of ['eu-west-1/x', 'us east 1', ' us-east-1', 'eu-west-1\n', 'région', 'a:b', 'x?y'])
      expect(usageError({ region }, {}, 'share').message).toMatch(/^--region ".*" is not a region\. /);
    expect(usageError({ region: 'eu-west-1/x' }, {}).message).toBe(
      `--region "eu-west-1/x" is not a region. A region holds only letters, digits, '-', '_' and '.', as in us-east-1, fr-par or auto.`,
    );
  });

  it('names AWS_REGION, else AWS_DEFAULT_REGION, when the region comes from there', () => {
    expect(usageError({}, { AWS_REGION: 'us east 1' }, 'incomplete').message).toBe(
      `AWS_REGION "us east 1" is not a region. A region holds only letters, digits, '-', '_' and '.', as in us-east-1, fr-par or auto. Fix or unset AWS_REGION, or give --region.`,
    );
    expect(usageError({}, { AWS_REGION: ' ' }).message).toMatch(/^AWS_REGION " " is not a region/);
    expect(usageError({}, { AWS_REGION: '', AWS_DEFAULT_REGION: 'eu/west' }).message).toMatch(
      /^AWS_DEFAULT_REGION "eu\/west" is not a region.* Fix or unset AWS_DEFAULT_REGION, or give --region\.$/,
    );
  });

  it("names the profile and its file when the profile's region is the one used", () => {
    expect(usageError({ profile: 'odd' }, files).message).toBe(
      `The region "eu west" of AWS profile "odd" (in ${files.AWS_CONFIG_FILE}) is not a region. A region holds only letters, digits, '-', '_' and '.', as in us-east-1, fr-par or auto. Fix it there, or give --region.`,
    );
    expect(usageError({}, { ...files, AWS_PROFILE: 'odd' }).message).toContain('AWS profile "odd"');
  });

  it('checks only the region that is used: one that --region or a variable overrides is not in the way', () => {
    expect(endpointFrom(endpointArgs({ region: 'eu-west-3' }, 'cp', { AWS_REGION: 'us east 1' }), {}).region).toBe(
      'eu-west-3',
    );
    const env = { ...files, AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'bad region' };
    expect(endpointFrom(endpointArgs({ profile: 'odd' }, 'cp', env), env).region).toBe('ap-south-1');
  });
});
