// `npm run demo` opens Hoist against a local S3 server. The launcher hands the server over through the environment,
// and the app then runs on a throwaway userData folder, so the demo profile never touches the user's own settings.
import { NEW_PROFILE_DEFAULTS } from '../shared/settings-schema';
import type { SettingsStore } from './settings/settings-store';

export interface DemoEnvironment {
  userDataDir: string;
  endpointUrl: string;
  bucket: string;
}

export const DEMO_PROFILE_NAME = 'Local demo server';

export function demoEnvironment(env: NodeJS.ProcessEnv = process.env): DemoEnvironment | null {
  const endpointUrl = env['HOIST_DEMO_ENDPOINT'];
  const userDataDir = env['HOIST_DEMO_USER_DATA'];
  if (!endpointUrl || !userDataDir) return null;
  return { endpointUrl, userDataDir, bucket: env['HOIST_DEMO_BUCKET'] || 'demo' };
}

/** Adds the "Local demo server" profile (the local server takes any credentials) and makes it the target. */
export async function seedDemoProfile(settings: SettingsStore, demo: DemoEnvironment): Promise<void> {
  const id = await settings.saveProfile({
    ...NEW_PROFILE_DEFAULTS,
    name: DEMO_PROFILE_NAME,
    endpointUrl: demo.endpointUrl,
    region: 'us-east-1',
    bucket: demo.bucket,
    forcePathStyle: true,
    accessKeyId: 'demo',
    secret: 'demo',
  });
  await settings.selectTarget({ profileId: id, bucket: demo.bucket, prefix: '' });
}
