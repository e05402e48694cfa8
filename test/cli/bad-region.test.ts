// A region that cannot be one: --region, AWS_REGION, AWS_DEFAULT_REGION or the profile's `region` holding a space, a
// '/', or nothing. The region goes into every request's signature scope and, for AWS, into the host name, so such a
// value made every file fail on its own ("AWS S3 (us east 1) refused f1.txt: Invalid URL", one line per file, the batch
// going on) or sent the user to check an --endpoint-url never given. Now: exit 2 (a usage error) before anything is
// sent, with one line naming where the value came from and what a region looks like. The names S3-compatible servers
// use (garage, auto, fr-par) still go through.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBucket, listMultipartUploads, listObjects, uniqueBucket } from '../harness/s3-check';
import { awsHome } from './aws-config-fixture';
import { cleanupTempDirs, tempDir, randomFile } from './files';
import { buildCli, errorLines, hoist } from './run-hoist';

const endpoint = inject('s3Endpoint');
let dir: string;
let folder: string;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('bad-region');
  folder = join(dir, 'dir');
  for (const name of ['f1.txt', 'f2.txt', 'f3.txt']) await randomFile(join(folder, name), 1000);
});

afterAll(cleanupTempDirs);

async function freshBucket(label: string): Promise<string> {
  const bucket = uniqueBucket(label);
  await createBucket(endpoint, bucket);
  return bucket;
}

/** Exit 2, with exactly one "hoist: " line holding every fragment, and the pointer to the command's help. */
function expectUsage(r: { code: number | null; stderr: string }, command: string, ...fragments: string[]): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = errorLines(r.stderr);
  expect(lines, r.stderr).toHaveLength(1);
  for (const f of fragments) expect(lines[0]).toContain(f);
  expect(lines[0]).not.toContain('--endpoint-url');
  expect(r.stderr).toContain(`Run \`hoist ${command} --help\` for usage.`);
}

describe('a region that cannot be one', () => {
  it('AWS_REGION with spaces: one usage line naming AWS_REGION, not one refusal per file', async () => {
    const bucket = await freshBucket('region-env');
    const r = await hoist(['cp', folder, `s3://${bucket}/`], { env: { AWS_REGION: 'us east 1' } });
    expectUsage(r, 'cp', 'AWS_REGION', '"us east 1"', 'us-east-1');
    expect(r.stderr).not.toContain('refused');
    expect(await listObjects(endpoint, bucket)).toEqual([]);
  });

  it("--region with a '/': names --region, not --endpoint-url", async () => {
    const r = await hoist(['cp', folder, 's3://some-bucket/', '--region', 'eu-west-1/x']);
    expectUsage(r, 'cp', '--region', '"eu-west-1/x"');
  });

  it('--region empty or blank', async () => {
    for (const region of ['', '  ']) {
      const r = await hoist(['cp', folder, 's3://some-bucket/', '--region', region]);
      expectUsage(r, 'cp', '--region');
    }
  });

  it('AWS_DEFAULT_REGION when AWS_REGION is not set', async () => {
    const r = await hoist(['cp', folder, 's3://some-bucket/'], {
      env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: 'eu west' },
    });
    expectUsage(r, 'cp', 'AWS_DEFAULT_REGION', '"eu west"');
  });

  it("the profile's region, naming the profile and its file", async () => {
    const h = await awsHome(
      join(dir, 'home'),
      '[profile odd]\nregion = eu/west\n',
      '[odd]\naws_access_key_id = test\naws_secret_access_key = test\n',
    );
    const r = await hoist(['cp', folder, 's3://some-bucket/', '--profile', 'odd'], { env: h.env });
    expectUsage(r, 'cp', 'AWS profile "odd"', h.config, '"eu/west"');
  });

  it('hoist incomplete ls too', async () => {
    const r = await hoist(['incomplete', 'ls', 's3://some-bucket', '--endpoint-url', endpoint], {
      env: { AWS_REGION: 'us east 1' },
    });
    expect(r.code, r.stderr).toBe(2);
    expect(errorLines(r.stderr)).toEqual([expect.stringContaining('AWS_REGION')]);
  });

  it('a region given on the command line wins over a bad AWS_REGION, which is then not in the way', async () => {
    const bucket = await freshBucket('region-wins');
    const r = await hoist(['cp', folder, `s3://${bucket}/`, '--endpoint-url', endpoint, '--region', 'us-east-1'], {
      env: { AWS_REGION: 'us east 1' },
    });
    expect(errorLines(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("S3-compatible servers' region names still go through: garage, auto, fr-par", async () => {
    for (const region of ['garage', 'auto', 'fr-par']) {
      const bucket = await freshBucket(`region-${region}`);
      const r = await hoist(['cp', folder, `s3://${bucket}/`, '--endpoint-url', endpoint, '--region', region]);
      expect(errorLines(r.stderr), region).toEqual([]);
      expect(r.code).toBe(0);
      expect((await listObjects(endpoint, bucket)).map((o) => o.key).sort()).toEqual([
        'dir/f1.txt',
        'dir/f2.txt',
        'dir/f3.txt',
      ]);
      expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
    }
  });
});
