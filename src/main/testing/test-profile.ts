// The profile the main-process tests save: one place for the dozen fields a profile needs, so that each test names
// only what it is about (its server, its bucket, its part size) and a new profile field is added once, here.
import { PROFILE_UPLOAD_DEFAULTS, type ProfileInput } from '../../shared/settings-schema';

/** A secret with the characters real ones have (slash, plus), to catch one cut or escaped on the way. */
export const TEST_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** A path-style profile for a local server at 127.0.0.1:9000, with the default upload settings and `overrides`. */
export function testProfileInput(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: 'Local',
    endpointUrl: 'http://127.0.0.1:9000',
    region: 'us-east-1',
    bucket: 'photos',
    defaultPrefix: '',
    forcePathStyle: true,
    accessKeyId: 'AKIAEXAMPLE',
    secret: TEST_SECRET,
    checksum: 'auto',
    caBundle: '',
    partSizeMiB: 8,
    concurrency: 3,
    speedLimit: 0,
    ...PROFILE_UPLOAD_DEFAULTS,
    ...overrides,
  };
}

/** A profile for the test servers vitest starts (moto, versitygw), which take the keys test/test. */
export function testServerProfileInput(
  endpointUrl: string,
  bucket: string,
  overrides: Partial<ProfileInput> = {},
): ProfileInput {
  return testProfileInput({
    name: 'test server',
    endpointUrl,
    bucket,
    accessKeyId: 'test',
    secret: 'test',
    ...overrides,
  });
}
