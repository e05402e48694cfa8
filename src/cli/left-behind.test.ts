import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Journal, type JournalEntry } from '../engine';
import { leftBehindLines, uploadsLeft, type RunPlace } from './left-behind';

const place: RunPlace = {
  bucket: 'photos',
  prefix: '2024/',
  endpoint: { endpointUrl: 'http://127.0.0.1:9000' },
  stateDir: { dir: '/state', explicit: false },
};
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

function entry(over: Partial<JournalEntry>): JournalEntry {
  return {
    version: 1,
    path: '/p',
    size: 1,
    mtimeMs: 1,
    endpointUrl: 'http://127.0.0.1:9000',
    region: 'us-east-1',
    forcePathStyle: true,
    checksum: 'auto',
    bucket: 'photos',
    key: '2024/a.bin',
    uploadId: 'U1',
    partSize: 8,
    parts: [],
    startedAt: 2000,
    ...over,
  };
}

describe('what a second Ctrl-C leaves behind', () => {
  it("names the run's bucket and prefix, the options that reach the same server, and each upload ID", () => {
    const lines = leftBehindLines(
      {
        ...place,
        endpoint: { endpointUrl: 'http://127.0.0.1:9000', region: 'eu-west-3', pathStyle: false },
        stateDir: { dir: '/my state', explicit: true },
      },
      [
        { key: '2024/a.bin', uploadId: 'U1' },
        { key: '2024/my b.bin', uploadId: 'U2' },
      ],
    );
    const flags = "--endpoint-url http://127.0.0.1:9000 --region eu-west-3 --no-path-style --state-dir '/my state'";
    expect(lines).toEqual([
      `hoist: quit before the cleanup finished; partial uploads may remain on the server. List them with: hoist incomplete ls s3://photos/2024/ ${flags}`,
      `hoist: remove the one of 2024/a.bin with: hoist incomplete abort s3://photos/2024/a.bin --upload-id U1 ${flags}`,
      `hoist: remove the one of 2024/my b.bin with: hoist incomplete abort 's3://photos/2024/my b.bin' --upload-id U2 ${flags}`,
    ]);
  });

  it('names the shared-files profile and the CA bundle the run used, so that the commands reach the same account', () => {
    const [list] = leftBehindLines(
      {
        ...place,
        endpoint: { endpointUrl: 'https://s3.example.test', awsProfile: 'work', caBundle: '/etc/my ca.pem' },
      },
      [],
    );
    expect(list).toContain("--ca-bundle '/etc/my ca.pem'");
    expect(list).toContain('--profile work');
  });

  it('without a known ID, still says how to list and remove them; past ten IDs, counts the rest', () => {
    expect(leftBehindLines({ ...place, endpoint: {} }, [])).toEqual([
      'hoist: quit before the cleanup finished; partial uploads may remain on the server. List them with: hoist incomplete ls s3://photos/2024/',
      'hoist: and remove each one with: hoist incomplete abort s3://photos/2024/ --upload-id ID',
    ]);
    const many = Array.from({ length: 12 }, (_, i) => ({ key: `2024/${i}.bin`, uploadId: `U${i}` }));
    const lines = leftBehindLines(place, many);
    expect(lines).toHaveLength(12);
    expect(lines.at(-1)).toBe('hoist: … and 2 more; the listing shows their upload IDs.');
  });

  it("takes from the journal only this run's uploads: its bucket, endpoint and keys, started since it began", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hoist-left-'));
    dirs.push(dir);
    const journal = new Journal(dir);
    await journal.write(entry({ uploadId: 'mine' }));
    await journal.write(entry({ uploadId: 'older', startedAt: 500 }));
    await journal.write(entry({ uploadId: 'other-key', key: '2024/z.bin' }));
    await journal.write(entry({ uploadId: 'other-bucket', bucket: 'music' }));
    await journal.write(entry({ uploadId: 'other-server', endpointUrl: 'http://127.0.0.1:9999' }));
    const left = await uploadsLeft(dir, place, new Set(['2024/a.bin']), 1000);
    expect(left).toEqual([{ key: '2024/a.bin', uploadId: 'mine' }]);
    expect(await uploadsLeft(undefined, place, new Set(['2024/a.bin']), 0)).toEqual([]);
    expect(await uploadsLeft(join(dir, 'none'), place, new Set(['2024/a.bin']), 0)).toEqual([]);
  });
});
