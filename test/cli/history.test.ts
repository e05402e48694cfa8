// `hoist history` end to end: what `hoist cp` uploaded is listed, newest first, with size and ETag as the server
// has them, searchable, and bounded (the 10,000-entry cap itself is unit-tested in src/engine/history).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBucket, listObjects, uniqueBucket } from '../harness/s3-check';
import { cleanupTempDirs, randomFile, tempDir } from './files';
import { buildCli, hoist, jsonLines } from './run-hoist';

const endpoint = inject('s3Endpoint');
let dir: string;
let state: string;
let bucket: string;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('history');
  state = join(dir, 'state');
  bucket = uniqueBucket('cli-history');
  await createBucket(endpoint, bucket);
});

afterAll(cleanupTempDirs);

const cp = async (files: string[], prefix: string) => {
  const r = await hoist(['cp', ...files, `s3://${bucket}/${prefix}`, '--endpoint-url', endpoint, '--state-dir', state]);
  expect(r.code, r.stderr).toBe(0);
};

describe('hoist history', () => {
  it('says the history is empty before any upload', async () => {
    const r = await hoist(['history', '--state-dir', join(dir, 'empty-state')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('No uploads in the history yet');
  });

  it('lists what hoist cp uploaded, newest first, with the sizes and ETags the server has', async () => {
    const sizes: Record<string, number> = { 'a.txt': 10, 'b.bin': 2048, 'report q3.pdf': 70_000 };
    const paths = [];
    for (const [name, size] of Object.entries(sizes)) {
      await randomFile(join(dir, 'one', name), size);
      paths.push(join(dir, 'one', name));
    }
    await cp(paths, 'first/');
    await randomFile(join(dir, 'two', 'later.txt'), 5);
    await cp([join(dir, 'two', 'later.txt')], 'second/');

    const r = await hoist(['history', '--json', '--state-dir', state]);
    expect(r.code, r.stderr).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ type: 'upload', bucket, key: 'second/later.txt', size: 5, endpointUrl: endpoint });
    const server = new Map((await listObjects(endpoint, bucket)).map((o) => [o.key, o]));
    for (const l of lines) {
      const object = server.get(l.key as string)!;
      expect(l.size).toBe(object.size);
      expect((l.etag as string).replace(/"/g, '')).toBe(object.etag.replace(/"/g, ''));
      expect(Number.isNaN(Date.parse(l.finishedAt as string))).toBe(false);
    }
    expect(lines.map((l) => l.key).sort()).toEqual([
      'first/a.txt',
      'first/b.bin',
      'first/report q3.pdf',
      'second/later.txt',
    ]);
  });

  it('searches by words in the key or bucket, and limits the list', async () => {
    const q3 = jsonLines((await hoist(['history', '--json', '--state-dir', state, 'REPORT', 'q3'])).stdout);
    expect(q3.map((l) => l.key)).toEqual(['first/report q3.pdf']);
    const byBucket = jsonLines((await hoist(['history', '--json', '--state-dir', state, bucket, 'first'])).stdout);
    expect(byBucket).toHaveLength(3);
    const none = await hoist(['history', '--state-dir', state, 'zebra']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('No upload in the history matches "zebra".');

    const table = await hoist(['history', '--state-dir', state, '--limit', '2']);
    expect(table.code).toBe(0);
    const rows = table.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^FINISHED\s+SIZE\s+OBJECT$/);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+5 B\\s+s3://${bucket}/second/later\\.txt$`));
    expect(table.stderr).toContain('Showing the newest 2 of 4; use --limit N for more.');
  });
});
