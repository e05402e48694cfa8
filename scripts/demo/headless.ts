// The demo without a window: the hoist CLI uploads one file, cancels a second one halfway, and the bucket is read
// back to show what is left (the first object, and no incomplete upload).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startFaultProxy } from '../../test/harness/fault-proxy';
import { makeFile, makeTempDir } from '../../test/harness/fixtures';
import { repoRoot } from '../../test/harness/python';

const MiB = 1024 * 1024;
type Line = Record<string, unknown> & { type?: string };

function hoist(
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine: (l: Line, child: ReturnType<typeof spawn>) => void,
): Promise<number | null> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'hoist.cjs'), ...args, '--json'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buf += chunk;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const text = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      try {
        onLine(JSON.parse(text) as Line, child);
      } catch {
        // not a JSON line
      }
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

const mib = (n: unknown) => `${(Number(n) / MiB).toFixed(1)} MiB`;

export async function headlessDemo(endpoint: string, bucket: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const dir = await makeTempDir('hoist-demo-');
  const first = await makeFile(dir, 'report.bin', 12 * MiB, 1);
  const second = await makeFile(dir, 'video.bin', 96 * MiB, 2);
  // Slow the link (loopback would finish 96 MiB before anyone could press Cancel) so the cancel lands mid-upload.
  const proxy = await startFaultProxy(endpoint);
  proxy.throttle(48 * MiB);
  try {
    console.log(`\n1. hoist cp report.bin s3://${bucket}/`);
    await hoist(['cp', first, `s3://${bucket}/`, '--endpoint-url', proxy.endpoint], env, (l) => {
      if (l.type === 'done') console.log(`   done: ${l.key}, ${mib(l.bytesSent)} sent, ETag ${l.etag}`);
      if (l.type === 'failed') console.log(`   failed: ${JSON.stringify(l.error)}`);
    });

    console.log(`\n2. hoist cp video.bin s3://${bucket}/, cancelled (Ctrl-C) halfway`);
    let signalled = false;
    const code = await hoist(['cp', second, `s3://${bucket}/`, '--endpoint-url', proxy.endpoint], env, (l, child) => {
      if (l.type === 'progress' && !signalled && Number(l.loaded) >= Number(l.total) / 2) {
        signalled = true;
        console.log(`   ${mib(l.loaded)} of ${mib(l.total)} sent: cancelling`);
        child.kill('SIGINT');
      }
      if (l.type === 'cancelled') console.log(`   cancelled: ${l.key}, server cleanup ${l.cleanup}`);
      if (l.type === 'done') console.log(`   finished before the cancel landed: ${l.key}`);
    });
    console.log(`   hoist exited with ${code}`);
  } finally {
    await proxy.close();
  }

  const s3 = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
  });
  const objects = (await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? [];
  const uploads = (await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [];
  s3.destroy();
  console.log(`\n3. The bucket "${bucket}" now holds:`);
  for (const o of objects) console.log(`   object ${o.Key} (${mib(o.Size)})`);
  console.log(
    `   incomplete multipart uploads: ${uploads.length === 0 ? 'none' : uploads.map((u) => `${u.Key} ${u.UploadId}`).join(', ')}`,
  );
  return objects.length === 1 && objects[0]?.Key === 'report.bin' && uploads.length === 0;
}
