import { describe, expect, it } from 'vitest';
import { errorLine, interruptLine, stateLine, summaryLines } from './messages';
import type { FileView, Summary } from './report';
import type { UploadState } from '../shared/upload-state';

const MiB = 1024 * 1024;
const v = (state: UploadState): FileView => ({
  id: '1',
  file: 'photos/a.jpg',
  bucket: 'b',
  key: 'p/a.jpg',
  total: 41 * MiB,
  confirmed: 0,
  loaded: 0,
  bytesPerSecond: 0,
  etaSeconds: null,
  state,
});
const base: Summary = {
  files: 3,
  done: 3,
  failed: 0,
  cancelled: 0,
  cleanupFailed: 0,
  rejected: 0,
  bytesDone: 42 * MiB,
  elapsedMs: 2000,
  interrupted: false,
};

describe('messages', () => {
  it('writes one line per state change worth a line', () => {
    expect(stateLine(v({ kind: 'done', etag: 'e', bytesSent: 1 }))).toBe('done        photos/a.jpg  41.0 MiB');
    expect(stateLine(v({ kind: 'uploading' }))).toBe('uploading   photos/a.jpg  41.0 MiB → s3://b/p/a.jpg');
    expect(stateLine(v({ kind: 'cancelled', cleanup: 'verified' }))).toContain('partial upload removed, verified');
    expect(stateLine(v({ kind: 'starting' }))).toBeUndefined();
  });
  it('makes errors one line', () => {
    expect(
      errorLine(
        v({
          kind: 'failed',
          error: { code: 'NoSuchBucket', message: 'Bucket "b" does not exist.' },
          cleanup: 'none-needed',
        }),
      ),
    ).toBe('hoist: Bucket "b" does not exist.');
    const left = errorLine(
      v({ kind: 'failed', error: { code: 'X', message: 'Broke.' }, cleanup: 'failed', uploadId: 'U9' }),
    )!;
    expect(left).toContain('upload ID U9');
    expect(left).not.toContain('\n');
    expect(
      errorLine(
        v({ kind: 'cleanup-failed', uploadId: 'U7', error: { code: 'CleanupUnverified', message: 'Not gone.' } }),
      ),
    ).toBe('hoist: Not gone. (upload ID U7)');
    expect(errorLine(v({ kind: 'cleanup-failed', error: { code: 'CleanupUnverified', message: 'Not gone.' } }))).toBe(
      'hoist: Not gone. (upload ID unknown; look for it with `hoist incomplete ls s3://b/p/a.jpg`)',
    );
    // A single PUT has no multipart upload to look for: its message says what may be at the key.
    const cutPut = {
      code: 'CleanupUnverified',
      message: 'A partial copy may be there.',
      text: { key: 'engineError.cleanup.putCutPartial' as const, params: {} },
    };
    expect(errorLine(v({ kind: 'cleanup-failed', error: cutPut }))).toBe('hoist: A partial copy may be there.');
  });
  it('sums up', () => {
    expect(summaryLines(base)).toEqual(['Uploaded 3 of 3 files (42.0 MiB in 2.0 s, 21.0 MiB/s).']);
    expect(summaryLines({ ...base, done: 2, failed: 1, rejected: 1 })[0]).toMatch(
      /^Uploaded 2 of 4 files .*; 2 failed\.$/,
    );
    expect(summaryLines({ ...base, done: 1, cancelled: 2, interrupted: true })).toEqual([
      'Cancelled 2 uploads; server cleanup verified; 1 file had already arrived.',
    ]);
    expect(summaryLines({ ...base, done: 0, cancelled: 1, cleanupFailed: 1, interrupted: true })[0]).toContain(
      'could NOT be verified for 1',
    );
  });
  it('says what a paused resume kept and how to go on', () => {
    const paused = { ...base, done: 1, paused: 2, interrupted: true, resumeCommand: 'hoist resume --state-dir /s' };
    expect(summaryLines(paused)).toEqual([
      'Paused 2 uploads; run `hoist resume --state-dir /s` to continue; 1 file had already arrived.',
    ]);
    expect(summaryLines({ ...paused, done: 3, paused: 0 })).toEqual([
      'Stopped; nothing was left to pause; 3 files had already arrived.',
    ]);
    expect(stateLine({ ...v({ kind: 'paused' }), confirmed: 16 * MiB, loaded: 20 * MiB })).toBe(
      'paused      photos/a.jpg  16.0 MiB of 41.0 MiB kept on the server',
    );
    expect(interruptLine('SIGINT', 1, 'pause')).toMatch(/^Pausing 1 upload; its parts stay on the server/);
    expect(interruptLine('SIGINT', 2, 'pause')).toMatch(/^Pausing 2 uploads; their parts stay on the server/);
    expect(interruptLine('SIGTERM', 2)).toMatch(/^SIGTERM: cancelling 2 uploads and removing their parts/);
    expect(interruptLine('SIGINT', 1)).toMatch(/^Cancelling 1 upload and removing its parts…/);
  });
  it('sums up a resume by what it sent', () => {
    const resumed = { ...base, files: 2, done: 1, failed: 1, bytesDone: 128 * MiB, bytesSent: 64 * MiB, resumed: true };
    expect(summaryLines(resumed)).toEqual([
      'Resumed 1 of 2 uploads (128.0 MiB; sent 64.0 MiB now, in 2.0 s); 1 failed.',
    ]);
  });
});
