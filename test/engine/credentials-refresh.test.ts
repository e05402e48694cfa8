// Credentials that expire during a long upload are asked for again, and no request fails. The provider is a named
// profile's credential_process whose keys expire two seconds after it prints them; the multipart upload, held to
// 4 MiB/s, lasts several expiries. versitygw checks every request's signature (any valid key passes it, so what is
// checked is that the provider was run again as the keys expired and that every part went through), on both paths.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEngine } from '../../src/engine';
import { DATA_PATH_KINDS } from '../../src/shared/target';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { createBucket, listMultipartUploads, objectSha256, testTarget, uniqueBucket } from '../harness/s3-check';

const versity = inject('s3Backends').find((b) => b.name === 'versitygw');
const TTL_SECONDS = 2;
const MiB = 1024 * 1024;
let dir: string;
let runsFile: string;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await makeTempDir();
  runsFile = join(dir, 'runs.txt');
  const script = join(dir, 'expiring-credentials.cjs');
  // Each run appends its time; its keys expire TTL_SECONDS later.
  await writeFile(
    script,
    `require('node:fs').appendFileSync(${JSON.stringify(runsFile)}, Date.now() + '\\n');
process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'test', SecretAccessKey: 'test',
  Expiration: new Date(Date.now() + ${TTL_SECONDS * 1000}).toISOString() }));`,
  );
  const config = join(dir, 'config');
  await writeFile(config, `[profile expiring]\ncredential_process = ${process.execPath} ${script}\n`);
  process.env.AWS_CONFIG_FILE = config;
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'no-credentials');
});

afterAll(async () => {
  process.env = saved;
  await cleanupTempDirs();
});

async function runTimes(): Promise<number[]> {
  const text = await readFile(runsFile, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map(Number);
}

describe.skipIf(!versity)('credentials that expire mid-upload', () => {
  for (const dataPath of DATA_PATH_KINDS) {
    it(`are fetched again as they expire and no request fails (${dataPath} path)`, async () => {
      const endpoint = versity!.endpoint;
      const bucket = uniqueBucket(`refresh-${dataPath}`);
      await createBucket(endpoint, bucket);
      // 32 MiB at 4 MiB/s: about 8 s, past the three expiries asserted below even with the limiter's first burst.
      const file = await makeFile(dir, `big-${dataPath}.bin`, 32 * MiB, 7);
      await writeFile(runsFile, '');
      const eng = createEngine({
        dataPath,
        bytesPerSecond: 4 * MiB,
        partSize: 5 * MiB,
        multipartThreshold: 5 * MiB,
        filesInParallel: 1,
        partsPerFile: 1,
      });
      try {
        const started = Date.now();
        const { items } = await eng.add(
          [file],
          testTarget(endpoint, bucket, '', { credentials: undefined, awsProfile: 'expiring' }),
        );
        await eng.idle();
        const ended = Date.now();
        const item = eng.get(items[0]!.id)!;
        expect(item.state.kind, JSON.stringify(item.state)).toBe('done');
        // The upload outlived several expiries...
        expect(ended - started).toBeGreaterThan(3 * TTL_SECONDS * 1000);
        // ...and the program ran again after the first keys had expired, up to the end.
        const runs = await runTimes();
        expect(runs.length).toBeGreaterThanOrEqual(3);
        expect(runs.at(-1)! - runs[0]!).toBeGreaterThan(2 * TTL_SECONDS * 1000);
        expect(await objectSha256(endpoint, bucket, `big-${dataPath}.bin`)).toBe(await sha256File(file));
        expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
      } finally {
        await eng.close();
      }
    }, 60_000);
  }
});
