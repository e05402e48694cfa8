// `hoist cp` against an endpoint that is not a healthy S3 server (issue 21): a port where nothing listens, a plain web
// server, and S3 itself failing for a moment. Each case: what the user reads, how long it takes, and the exit code.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFaultProxy } from '../harness/fault-proxy';
import { createBucket, listObjects, objectSha256, uniqueBucket } from '../harness/s3-check';
import { startForwarder } from '../faults/forwarder';
import { cleanupTempDirs, MiB, randomFile, tempDir } from './files';
import { buildCli, errorLines, hoist, jsonLines, spawnHoist, stopAt } from './run-hoist';
import { closedPort, startAnsweringProxy, startPythonHttpServer, type Canned } from './servers';

const endpoint = inject('s3Endpoint');
let dir: string;
let small: string;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('trouble');
  small = join(dir, 'small.bin');
  await randomFile(small, 1024);
});

afterAll(cleanupTempDirs);

const lines = (stderr: string): string[] => stderr.split('\n').filter(Boolean);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * hoist with --wait-network against an endpoint that refuses connections, watched until it says "still trying" and
 * then past the 3 s it gives up after without the flag: its stderr by then, whether it still runs, and a Ctrl-C that
 * answers its exit code.
 */
async function waitingPastGiveUp(args: string[]) {
  const child = spawnHoist(args);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  const deadline = Date.now() + 15_000;
  while (!stderr.includes('still trying') && Date.now() < deadline) await sleep(100);
  await sleep(3000);
  return {
    stderr,
    running: child.exitCode === null,
    interrupt: (): Promise<number | null> => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

describe('an endpoint that refuses connections', () => {
  it('when nothing there has ever answered: one line naming it and what to check, within seconds, exit 1', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const r = await hoist(['cp', small, 's3://some-bucket/', '--endpoint-url', dead]);
    expect(r.code).toBe(1);
    // cp's deadline for an endpoint that never answered is 3 s (the 20 s of an outage before).
    expect(r.ms).toBeGreaterThan(2500);
    expect(r.ms).toBeLessThan(8000);
    expect(lines(r.stderr)).toEqual([
      `uploading   ${small}  1.0 KiB → s3://some-bucket/small.bin`,
      `hoist: Cannot reach ${dead} (ECONNREFUSED): no request to it has succeeded, and Hoist gave up after 3 s. Check --endpoint-url and that the server is running there. Give --wait-network to wait for it instead.`,
      expect.stringMatching(/^Uploaded 0 of 1 file \(0 B in \d\.\d s, -- B\/s\); 1 failed\.$/),
    ]);
  });

  it('with many files, they all give up at once, and stderr says it once (--json)', async () => {
    const folder = join(dir, 'five');
    for (let i = 0; i < 5; i++) await randomFile(join(folder, `f${i}.bin`), 1024);
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const r = await hoist(['cp', folder, 's3://some-bucket/', '--endpoint-url', dead, '--json', '--files', '2']);
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(8000);
    const failed = jsonLines(r.stdout).filter((l) => l.type === 'failed');
    expect(failed).toHaveLength(5);
    for (const f of failed)
      expect(f.error).toMatchObject({
        code: 'EndpointUnreachable',
        message: expect.stringContaining('no request to it has succeeded'),
      });
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^hoist: Cannot reach .* Give --wait-network to wait for it instead\.$/),
      '… and 4 more files failed for the same reason (EndpointUnreachable).',
    ]);
  });

  it('with --wait-network, it is waited for: one "still trying" line, not one per attempt, until Ctrl-C', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const waiting = await waitingPastGiveUp([
      'cp',
      small,
      's3://some-bucket/',
      '--endpoint-url',
      dead,
      '--wait-network',
    ]);
    const stderr = waiting.stderr;
    expect(waiting.running).toBe(true);
    // More attempts have gone by: still one line.
    expect(errorLines(stderr)).toEqual([]);
    const retrying = lines(stderr).filter((l) => l.startsWith('retrying'));
    expect(retrying).toEqual([
      expect.stringMatching(
        new RegExp(
          `^retrying {4}${small}  still trying after \\d+\\.\\d s: Cannot reach ${dead} \\(ECONNREFUSED\\)\\. Check --endpoint-url and your network\\.$`,
        ),
      ),
    ]);
    expect(await waiting.interrupt()).toBe(130);
  }, 30_000);

  it('hoist resume too: gives up within seconds and names --wait-network; with it, waits until Ctrl-C pauses', async () => {
    // A journal entry: cp killed part-way through a multipart upload.
    const bucket = uniqueBucket('cli-resume-dead');
    await createBucket(endpoint, bucket);
    const file = join(dir, 'resume-dead.bin');
    const hash = await randomFile(file, 24 * MiB);
    const state = join(dir, 'state-resume-dead');
    const cp = ['cp', file, `s3://${bucket}/`, '--endpoint-url', endpoint, '--state-dir', state];
    const killed = await stopAt([...cp, '--part-size', '5MiB', '--speed-limit', '8MiB/s'], 0.3, 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const resume = ['resume', '--state-dir', state, '--endpoint-url', dead];

    const r = await hoist(resume);
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(8000);
    // The failure also says that the partial upload could not be removed there (the server was never reached).
    expect(errorLines(r.stderr)).toEqual([
      expect.stringMatching(/^hoist: Cannot reach .* Give --wait-network to wait for it instead\./),
    ]);

    const waiting = await waitingPastGiveUp([...resume, '--wait-network']);
    expect(waiting.running).toBe(true);
    expect(errorLines(waiting.stderr)).toEqual([]);
    // Ctrl-C during a resume pauses: the upload stays for the next resume.
    expect(await waiting.interrupt()).toBe(130);
    const back = await hoist(['resume', '--state-dir', state, '--endpoint-url', endpoint]);
    expect(back.code, back.stderr).toBe(0);
    expect(await objectSha256(endpoint, bucket, 'resume-dead.bin')).toBe(hash);
  }, 60_000);

  it('once it has answered, an outage later in the run is waited out, not given up after 3 s', async () => {
    const bucket = uniqueBucket('cli-outage');
    await createBucket(endpoint, bucket);
    const file = join(dir, 'outage.bin');
    const hash = await randomFile(file, 24 * MiB);
    const proxy = await startFaultProxy(endpoint);
    const fwd = await startForwarder(proxy.port);
    try {
      proxy.throttle(6 * MiB);
      const child = spawnHoist([
        'cp',
        file,
        `s3://${bucket}/`,
        '--endpoint-url',
        fwd.endpoint,
        '--json',
        '--part-size',
        '5MiB',
      ]);
      let out = '';
      child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
      const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
      const deadline = Date.now() + 20_000;
      const loaded = (): number =>
        Math.max(
          0,
          ...jsonLines(out.slice(0, out.lastIndexOf('\n') + 1))
            .filter((l) => l.type === 'progress')
            .map((l) => l.loaded as number),
        );
      while (loaded() < 6 * MiB && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(loaded()).toBeGreaterThanOrEqual(6 * MiB);
      await fwd.down();
      await new Promise((r) => setTimeout(r, 6000));
      // Twice the start deadline later, still waiting.
      expect(child.exitCode).toBeNull();
      proxy.throttle(null);
      await fwd.up();
      expect(await exited).toBe(0);
      expect(jsonLines(out).at(-1)).toMatchObject({ type: 'done', key: 'outage.bin' });
      expect(await objectSha256(endpoint, bucket, 'outage.bin')).toBe(hash);
    } finally {
      await fwd.close();
      await proxy.close();
    }
  }, 60_000);
});

describe('an endpoint that is not S3', () => {
  it('python3 -m http.server: "does not look like an S3 server", check --endpoint-url, no retry, exit 1', async () => {
    const web = await startPythonHttpServer(dir);
    try {
      const r = await hoist(['cp', small, 's3://some-bucket/', '--endpoint-url', web.endpoint]);
      expect(r.code).toBe(1);
      expect(r.ms).toBeLessThan(3000);
      const said = `hoist: ${web.endpoint} does not look like an S3 server: it answered HTTP 501 with a reply that holds no S3 error code. Check --endpoint-url: it must be the address of the S3 API.`;
      expect(lines(r.stderr)).toEqual([
        `uploading   ${small}  1.0 KiB → s3://some-bucket/small.bin`,
        said,
        expect.stringMatching(/^Uploaded 0 of 1 file .*; 1 failed\.$/),
      ]);

      // A multipart upload (its CreateMultipartUpload is a POST) and --json: the same code and words.
      const big = join(dir, 'big.bin');
      await randomFile(big, 9 * MiB);
      const json = await hoist(['cp', big, 's3://some-bucket/', '--endpoint-url', web.endpoint, '--json']);
      expect(json.code).toBe(1);
      expect(jsonLines(json.stdout).filter((l) => l.type === 'failed')).toEqual([
        { type: 'failed', key: 'big.bin', error: { code: 'NotS3Endpoint', message: said.slice('hoist: '.length) } },
      ]);
      expect(lines(json.stderr)).toEqual([said]);

      // A listing gets a 404 page: the same diagnosis.
      const ls = await hoist(['incomplete', 'ls', 's3://some-bucket/', '--endpoint-url', web.endpoint]);
      expect(ls.code).toBe(1);
      expect(lines(ls.stderr)).toEqual([
        `hoist: ${web.endpoint} does not look like an S3 server: it answered HTTP 404 with a reply that holds no S3 error code. Check --endpoint-url: it must be the address of the S3 API.`,
      ]);
    } finally {
      await web.close();
    }
  });

  it("S3 failing for a moment is still retried: an S3 error body (InternalError, SlowDown), and a gateway's 502 page", async () => {
    const bucket = uniqueBucket('cli-5xx');
    await createBucket(endpoint, bucket);
    const replies: Canned[] = [
      {
        status: 500,
        contentType: 'application/xml',
        body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>',
      },
      {
        status: 503,
        contentType: 'application/xml',
        body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
      },
      {
        status: 502,
        contentType: 'text/html',
        body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
      },
    ];
    const proxy = await startAnsweringProxy(endpoint, (req) => (req.method === 'PUT' ? replies.shift() : undefined));
    try {
      const r = await hoist(['cp', small, `s3://${bucket}/`, '--endpoint-url', proxy.endpoint]);
      expect(r.code).toBe(0);
      expect(proxy.answered).toHaveLength(3);
      const retries = lines(r.stderr).filter((l) => l.startsWith('retrying'));
      expect(retries).toEqual([
        expect.stringContaining(`answered InternalError (HTTP 500) for small.bin; retrying may help.`),
        expect.stringContaining(`answered SlowDown (HTTP 503) for small.bin; retrying may help.`),
        expect.stringContaining(`answered HTTP 502 without an S3 error code for small.bin; retrying may help.`),
      ]);
      expect(errorLines(r.stderr)).toEqual([]);
      expect((await listObjects(endpoint, bucket)).map((o) => o.key)).toEqual(['small.bin']);
    } finally {
      await proxy.close();
    }
  });
});

describe("the AWS SDK's notice that future versions need Node 22", () => {
  it('is not printed by hoist, with or without --debug', async () => {
    const bucket = uniqueBucket('cli-notice');
    await createBucket(endpoint, bucket);
    const file = join(dir, 'notice.txt');
    await writeFile(file, 'hello\n');
    for (const args of [
      ['--version'],
      ['cp', file, `s3://${bucket}/`, '--endpoint-url', endpoint],
      ['cp', file, `s3://${bucket}/`, '--endpoint-url', endpoint, '--debug'],
    ]) {
      const r = await hoist(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/NodeVersionSupportWarning|will require node|Warning:/);
    }
  });
});
