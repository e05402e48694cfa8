import { describe, expect, it } from 'vitest';
import type { UploadState } from '../shared/upload-state';
import { PlainReporter } from './plain-reporter';
import type { FileView } from './report';

const view = (state: UploadState): FileView => ({ id: '1', file: 'a.bin', bucket: 'b', key: 'a.bin', total: 1024, loaded: 0, bytesPerSecond: 0, etaSeconds: null, state });

describe('PlainReporter', () => {
  it('writes one line per state change, each retry attempt once, and the summary', () => {
    const lines: string[] = [];
    const r = new PlainReporter({ write: (s: string) => lines.push(s) });
    const retrying = (attempt: number): UploadState => ({ kind: 'retrying', attempt, retryAt: Date.now() + 250, reason: 'Cannot reach x.' });
    r.update(view({ kind: 'queued' }), undefined);
    r.update(view({ kind: 'starting' }), 'queued');
    r.update(view({ kind: 'uploading' }), 'starting');
    r.update(view({ kind: 'uploading' }), 'uploading');
    r.update(view(retrying(1)), 'uploading');
    r.update(view(retrying(1)), 'retrying');
    r.update(view(retrying(2)), 'retrying');
    r.update(view({ kind: 'failed', error: { code: 'EndpointUnreachable', message: 'Cannot reach x. Gave up after 3 attempts.' }, cleanup: 'none-needed' }), 'retrying');
    r.interrupting('SIGINT');
    r.finish({ files: 1, done: 0, failed: 1, cancelled: 0, cleanupFailed: 0, rejected: 0, bytesDone: 0, elapsedMs: 100, interrupted: false });
    expect(lines.join('').split('\n').filter(Boolean)).toEqual([
      'uploading   a.bin  1.0 KiB → s3://b/a.bin',
      expect.stringMatching(/^retrying {4}a\.bin {2}attempt 2 in 0\.\d s: Cannot reach x\.$/),
      expect.stringMatching(/^retrying {4}a\.bin {2}attempt 3 in /),
      'hoist: Cannot reach x. Gave up after 3 attempts.',
      'Cancelling 0 uploads and removing their parts… (Ctrl-C again quits now)',
      'Uploaded 0 of 1 file (0 B in 0.1 s, -- B/s); 1 failed.',
    ]);
  });
});
