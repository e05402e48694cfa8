// A machine whose clock is 20 minutes slow: versitygw refuses the first request signed with it
// (RequestTimeTooSkewed, beyond its 15 minutes), and Hoist corrects its clock from the answer's Date header and
// uploads everything, on both data paths. The CLI runs with a preload that sets its Date 20 minutes back; a
// forwarding proxy (HTTP_PROXY) records what versitygw answered, so the test sees the refusal that was corrected.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBucket, listMultipartUploads, objectSha256, uniqueBucket } from '../harness/s3-check';
import { cleanupTempDirs, MiB, randomFile, tempDir } from './files';
import { startForwardProxy } from './forward-proxy';
import { buildCli, errorLines, hoist } from './run-hoist';

const versity = inject('s3Backends').find((b) => b.name === 'versitygw');
const SKEW_MS = -20 * 60 * 1000;
let dir: string;
let preload: string;
let small: string;
let big: string;
const hashes: Record<string, string> = {};

beforeAll(async () => {
  buildCli();
  dir = await tempDir('skew');
  preload = join(dir, 'slow-clock.cjs');
  // Date.now() and new Date() (with no argument) read a clock SKEW_MS off; everything else is the real Date.
  await writeFile(
    preload,
    `const RealDate = Date;
const offset = ${SKEW_MS};
class SlowDate extends RealDate {
  constructor(...args) { if (args.length === 0) super(RealDate.now() + offset); else super(...args); }
  static now() { return RealDate.now() + offset; }
}
globalThis.Date = SlowDate;
`,
  );
  small = join(dir, 'small.bin');
  big = join(dir, 'big.bin');
  hashes.small = await randomFile(small, 30_000);
  hashes.big = await randomFile(big, 11 * MiB);
});

afterAll(cleanupTempDirs);

describe.skipIf(!versity)('a clock 20 minutes off', () => {
  const endpoint = versity?.endpoint ?? '';

  for (const dataPath of ['lean', 'sdk']) {
    it(`is corrected from versitygw's Date header, and the upload succeeds (${dataPath} path)`, async () => {
      const bucket = uniqueBucket(`skew-${dataPath}`);
      await createBucket(endpoint, bucket);
      const proxy = await startForwardProxy();
      try {
        const r = await hoist(
          ['cp', small, big, `s3://${bucket}/`, '--endpoint-url', endpoint, '--data-path', dataPath],
          {
            env: { NODE_OPTIONS: `--require ${preload}`, HTTP_PROXY: proxy.url },
          },
        );
        expect(errorLines(r.stderr), proxy.answers.join('\n')).toEqual([]);
        expect(r.code).toBe(0);
        // versitygw did refuse the slow clock at first: the correction is what let the upload through.
        expect(proxy.answers[0], proxy.answers.join('\n')).toMatch(/→ 403$/);
        expect(
          proxy.answers.filter((a) => a.endsWith('→ 403')).length,
          proxy.answers.join('\n'),
        ).toBeGreaterThanOrEqual(1);
        expect(await objectSha256(endpoint, bucket, 'small.bin')).toBe(hashes.small);
        expect(await objectSha256(endpoint, bucket, 'big.bin')).toBe(hashes.big);
        expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
      } finally {
        await proxy.close();
      }
    });
  }
});
