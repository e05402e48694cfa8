import { describe, expect, it } from 'vitest';
import { profileCredentials } from './profile-provider';

describe('profileCredentials', () => {
  it("refuses a proxy setting that cannot work when it is made, as the proxy's fault, not at the first ask as the profile's", () => {
    expect(() => profileCredentials('uploader', 'not a proxy url')).toThrow(/proxy/i);
  });
});
