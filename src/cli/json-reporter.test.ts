import { describe, expect, it } from 'vitest';
import type { UploadState } from '../shared/upload-state';
import { finalRecord, JsonReporter } from './json-reporter';
import type { FileView } from './report';

function view(state: UploadState, loaded = 0): FileView {
  return {
    id: '1',
    file: 'dir/a.bin',
    bucket: 'b',
    key: 'p/dir/a.bin',
    total: 100,
    confirmed: loaded,
    loaded,
    bytesPerSecond: 12.6,
    etaSeconds: 1,
    state,
  };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const reporter = new JsonReporter({ write: (s: string) => out.push(s) }, { write: (s: string) => err.push(s) });
  return {
    reporter,
    out,
    err,
    records: () =>
      out
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
  };
}

describe('finalRecord', () => {
  it('maps done', () => {
    expect(finalRecord(view({ kind: 'done', etag: '"abc-6"', bytesSent: 100 }))).toEqual({
      type: 'done',
      key: 'p/dir/a.bin',
      etag: '"abc-6"',
      bytesSent: 100,
    });
  });
  it('maps failed, naming a cleanup that failed with its upload ID', () => {
    expect(
      finalRecord(view({ kind: 'failed', error: { code: 'NoSuchBucket', message: 'm' }, cleanup: 'none-needed' })),
    ).toEqual({ type: 'failed', key: 'p/dir/a.bin', error: { code: 'NoSuchBucket', message: 'm' } });
    expect(
      finalRecord(
        view({ kind: 'failed', error: { code: 'FileChanged', message: 'm' }, cleanup: 'failed', uploadId: 'U1' }),
      ),
    ).toEqual({
      type: 'failed',
      key: 'p/dir/a.bin',
      error: { code: 'FileChanged', message: 'm' },
      cleanup: 'failed',
      uploadId: 'U1',
    });
  });
  it('maps the engine cleanups onto verified/failed', () => {
    expect(finalRecord(view({ kind: 'cancelled', cleanup: 'verified' }))).toEqual({
      type: 'cancelled',
      key: 'p/dir/a.bin',
      cleanup: 'verified',
    });
    expect(finalRecord(view({ kind: 'cancelled', cleanup: 'none-needed' }))).toEqual({
      type: 'cancelled',
      key: 'p/dir/a.bin',
      cleanup: 'verified',
    });
    expect(finalRecord(view({ kind: 'cancelled', cleanup: 'object-kept' }))).toEqual({
      type: 'cancelled',
      key: 'p/dir/a.bin',
      cleanup: 'verified',
      objectKept: true,
    });
    expect(
      finalRecord(view({ kind: 'cleanup-failed', uploadId: 'U2', error: { code: 'CleanupUnverified', message: 'm' } })),
    ).toEqual({
      type: 'cancelled',
      key: 'p/dir/a.bin',
      cleanup: 'failed',
      uploadId: 'U2',
      error: { code: 'CleanupUnverified', message: 'm' },
    });
  });
});

describe('JsonReporter', () => {
  it('writes progress only when the bytes moved, then one final line, and the error on stderr', () => {
    const c = capture();
    c.reporter.update(view({ kind: 'queued' }), undefined);
    c.reporter.update(view({ kind: 'uploading' }, 10), 'queued');
    c.reporter.update(view({ kind: 'uploading' }, 10), 'uploading');
    c.reporter.update(view({ kind: 'uploading' }, 60), 'uploading');
    c.reporter.update(
      view(
        {
          kind: 'failed',
          error: { code: 'AccessDenied', message: 'Access denied writing p/dir/a.bin' },
          cleanup: 'verified',
        },
        60,
      ),
      'uploading',
    );
    expect(c.records()).toEqual([
      { type: 'progress', key: 'p/dir/a.bin', file: 'dir/a.bin', loaded: 10, total: 100, bytesPerSecond: 13 },
      { type: 'progress', key: 'p/dir/a.bin', file: 'dir/a.bin', loaded: 60, total: 100, bytesPerSecond: 13 },
      {
        type: 'failed',
        key: 'p/dir/a.bin',
        error: { code: 'AccessDenied', message: 'Access denied writing p/dir/a.bin' },
      },
    ]);
    expect(c.err.join('')).toBe('hoist: Access denied writing p/dir/a.bin\n');
  });

  it('turns a rejected source into a failed line keyed by its key, or its path', () => {
    const c = capture();
    c.reporter.rejected({
      file: '/x/missing',
      bucket: 'b',
      code: 'FileMissing',
      message: '/x/missing does not exist. Check the path.',
    });
    c.reporter.rejected({ file: '/x/huge', bucket: 'b', key: 'p/huge', code: 'FileTooLarge', message: 'too big' });
    expect(c.records()).toEqual([
      {
        type: 'failed',
        key: '/x/missing',
        error: { code: 'FileMissing', message: '/x/missing does not exist. Check the path.' },
      },
      { type: 'failed', key: 'p/huge', error: { code: 'FileTooLarge', message: 'too big' } },
    ]);
    expect(c.err.join('')).toBe('hoist: /x/missing does not exist. Check the path.\nhoist: too big\n');
  });

  it('reports an interrupted run on stderr only', () => {
    const c = capture();
    c.reporter.finish({
      files: 2,
      done: 0,
      failed: 0,
      cancelled: 2,
      cleanupFailed: 0,
      rejected: 0,
      bytesDone: 0,
      elapsedMs: 5,
      interrupted: true,
    });
    expect(c.out).toEqual([]);
    expect(c.err.join('')).toBe('Cancelled 2 uploads; server cleanup verified.\n');
  });

  it('writes one "paused" line when a resume is paused, none for an upload restored paused from the journal', () => {
    const c = capture();
    c.reporter.update(view({ kind: 'paused' }, 40), undefined);
    c.reporter.update(view({ kind: 'paused' }, 40), 'paused');
    expect(c.out).toEqual([]);
    c.reporter.update(view({ kind: 'uploading' }, 60), 'paused');
    c.reporter.update(view({ kind: 'paused' }, 56), 'uploading');
    expect(c.records()).toEqual([
      { type: 'progress', key: 'p/dir/a.bin', file: 'dir/a.bin', loaded: 60, total: 100, bytesPerSecond: 13 },
      { type: 'paused', key: 'p/dir/a.bin', loaded: 56, total: 100 },
    ]);
    c.reporter.finish({
      files: 1,
      done: 0,
      failed: 0,
      cancelled: 0,
      cleanupFailed: 0,
      rejected: 0,
      bytesDone: 0,
      elapsedMs: 1,
      interrupted: true,
      paused: 1,
      resumeCommand: 'hoist resume',
    });
    expect(c.err.join('')).toBe('Paused 1 upload; run `hoist resume` to continue.\n');
  });

  it('keeps one failed object per file on stdout but says a repeated reason once on stderr, then how many more', () => {
    const c = capture();
    const error = {
      code: 'NoSuchBucket',
      message: 'Bucket "b" does not exist at http://h:9000. Check the bucket name, or create the bucket first.',
    };
    const at = (i: number, state: UploadState): FileView => ({ ...view(state), id: `f${i}`, key: `p/f${i}` });
    for (let i = 0; i < 300; i++) c.reporter.update(at(i, { kind: 'failed', error, cleanup: 'none-needed' }), 'queued');
    c.reporter.rejected({ file: '/x/a', bucket: 'b', code: 'FileMissing', message: 'same words' });
    c.reporter.rejected({ file: '/x/b', bucket: 'b', code: 'FileMissing', message: 'same words' });
    c.reporter.finish({
      files: 300,
      done: 0,
      failed: 300,
      cancelled: 0,
      cleanupFailed: 0,
      rejected: 2,
      bytesDone: 0,
      elapsedMs: 5,
      interrupted: false,
    });
    const records = c.records();
    expect(records).toHaveLength(302);
    expect(records.filter((r) => r.type === 'failed' && r.error.code === 'NoSuchBucket').map((r) => r.key)).toEqual(
      Array.from({ length: 300 }, (_, i) => `p/f${i}`),
    );
    expect(c.err.join('').split('\n').filter(Boolean)).toEqual([
      `hoist: ${error.message}`,
      'hoist: same words',
      '… and 299 more files failed for the same reason (NoSuchBucket).',
      '… and 1 more file failed for the same reason (FileMissing).',
    ]);
  });

  it('keeps exact names in JSON with every control escaped, and escapes them for people on stderr', () => {
    const c = capture();
    const name = 'a\x1b[31m\n\x7f\x9b\u202e\u2028b';
    const odd = (state: UploadState, loaded = 0): FileView => ({
      ...view(state, loaded),
      file: name,
      key: `p/${name}`,
    });
    c.reporter.update(odd({ kind: 'uploading' }, 10), 'queued');
    c.reporter.update(
      odd({ kind: 'failed', error: { code: 'X', message: `cannot read ${name}` }, cleanup: 'none-needed' }, 10),
      'uploading',
    );
    const stdout = c.out.join('');
    expect(stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e\u2028]/);
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(c.records()).toEqual([
      { type: 'progress', key: `p/${name}`, file: name, loaded: 10, total: 100, bytesPerSecond: 13 },
      { type: 'failed', key: `p/${name}`, error: { code: 'X', message: `cannot read ${name}` } },
    ]);
    expect(c.err.join('')).toBe('hoist: cannot read a\\x1b[31m\\x0a\\x7f\\x9b\\u202e\\u2028b\n');
  });
});

describe('JsonReporter: files not sent', () => {
  it('writes one "up-to-date" line per file not sent, and one "excluded" line per file left out', () => {
    const c = capture();
    c.reporter.selection({
      upToDate: [{ file: 'dir/a.bin', bucket: 'b', key: 'p/dir/a.bin' }],
      excluded: [
        { file: 'dir/.DS_Store', pattern: '.DS_Store', named: false },
        { file: 'x.tmp', pattern: '*.tmp', named: true },
      ],
    });
    expect(c.records()).toEqual([
      { type: 'up-to-date', key: 'p/dir/a.bin', file: 'dir/a.bin' },
      { type: 'excluded', file: 'dir/.DS_Store', pattern: '.DS_Store' },
      { type: 'excluded', file: 'x.tmp', pattern: '*.tmp', named: true },
    ]);
    expect(c.err).toEqual([]);
  });
});
