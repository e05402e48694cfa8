// `npm run demo`: Hoist against a local S3 server, with no cloud account. Starts moto (the test server, installed
// into .cache/moto-venv on first use if needed) with a bucket "demo", opens the app on a throwaway profile
// "Local demo server", and stops the server when the app exits. Where no window can open, it runs the same demo
// headless with the CLI. `--headless` forces that.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { cleanupTempDirs, makeTempDir } from '../../test/harness/fixtures';
import { startMoto } from '../../test/harness/moto';
import { repoRoot } from '../../test/harness/python';
import { canOpenWindow } from './electron-check';
import { headlessDemo } from './headless';

const BUCKET = 'demo';
// The SDK's "future versions need Node 22" notice is for developers; the demo pins the SDK.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

async function main(): Promise<number> {
  console.log('Starting a local S3 server (moto) for the demo…');
  const moto = await startMoto();
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'demo',
    AWS_SECRET_ACCESS_KEY: 'demo',
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  try {
    const s3 = new S3Client({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
    });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    s3.destroy();
    console.log(`Local S3 server at ${moto.endpoint}, bucket "${BUCKET}".`);

    const check = process.argv.includes('--headless')
      ? { ok: false, reason: '--headless was given' }
      : canOpenWindow(process.env, repoRoot);
    if (check.ok && 'electronPath' in check && check.electronPath) {
      if (!existsSync(join(repoRoot, 'out', 'main', 'index.js')))
        execFileSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'inherit' });
      const userData = await makeTempDir('hoist-demo-profile-');
      console.log('Opening Hoist with the profile "Local demo server". Close the window to end the demo.');
      const app = spawn(check.electronPath, [join(repoRoot, 'out', 'main', 'index.js')], {
        stdio: 'inherit',
        env: { ...env, HOIST_DEMO_ENDPOINT: moto.endpoint, HOIST_DEMO_BUCKET: BUCKET, HOIST_DEMO_USER_DATA: userData },
      });
      return await new Promise((resolve) => app.on('close', (code) => resolve(code ?? 0)));
    }
    console.log(`Hoist's window cannot open here (${check.reason}), so the demo runs headless with the hoist CLI.`);
    if (!existsSync(join(repoRoot, 'out', 'cli', 'hoist.mjs')) || process.env['HOIST_DEMO_REBUILD'] !== '0') {
      execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build-cli.mjs')], { cwd: repoRoot, stdio: 'ignore' });
    }
    const ok = await headlessDemo(moto.endpoint, BUCKET, env);
    console.log(
      ok
        ? '\nDemo finished: one file uploaded, one cancelled with its parts cleaned up, nothing left behind.'
        : '\nDemo finished, but the bucket is not in the expected state (see above).',
    );
    return ok ? 0 : 1;
  } finally {
    await cleanupTempDirs();
    await moto.stop();
    console.log('Stopped the local S3 server.');
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
