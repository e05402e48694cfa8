// Whether an SSO profile is signed in, read where the SDK's SSO providers read it: the token cache file that
// `aws sso login`, `hoist login` and the app's Sign in write (its path is the engine's, ssoTokenCacheFile). Only the
// expiry leaves this file; the token itself is never read into anything the page gets.
import { readFile } from 'node:fs/promises';
import { HoistError, ssoLoginConfig, ssoTokenCacheFile } from '../../engine';
import type { SsoTokenState } from '../../shared/ipc-sso';

/**
 * The cache's expiresAt: ISO 8601, which the AWS CLI has also written as "2026-12-02T14:05:00UTC" (older versions).
 * NaN when it is neither.
 */
export function parseCacheTime(text: unknown): number {
  if (typeof text !== 'string') return Number.NaN;
  return Date.parse(text.trim().replace(/UTC$/, 'Z'));
}

/** The profile's sign-in now; a profile the engine cannot sign in with (its SSO keys are wrong) is 'unusable'. */
export async function readSsoTokenState(
  profile: string,
  env: NodeJS.ProcessEnv,
  now: number = Date.now(),
): Promise<SsoTokenState> {
  let file: string;
  try {
    file = ssoTokenCacheFile(ssoLoginConfig(profile, env), env);
  } catch (err) {
    if (err instanceof HoistError)
      return { kind: 'unusable', message: err.message, ...(err.text ? { text: err.text } : {}) };
    throw err;
  }
  let cached: { accessToken?: unknown; expiresAt?: unknown };
  try {
    cached = JSON.parse(await readFile(file, 'utf8')) as typeof cached;
  } catch {
    // No file, or one cut short or not JSON: the SDK would refuse it the same way, so the user must sign in.
    return { kind: 'missing' };
  }
  const expiresAt = parseCacheTime(cached.expiresAt);
  if (typeof cached.accessToken !== 'string' || !cached.accessToken || Number.isNaN(expiresAt))
    return { kind: 'missing' };
  return expiresAt > now ? { kind: 'valid', expiresAt } : { kind: 'expired', expiredAt: expiresAt };
}
