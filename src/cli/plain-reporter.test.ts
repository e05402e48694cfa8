import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UploadState } from '../shared/upload-state';
import { UNREACHABLE_AT_START_MS } from './cp-options';
import { COMPLETING_NOTICE_MS, OUTAGE_NOTICE_MS, PlainReporter } from './plain-reporter';
import type { FileView } from './report';

const view = (state: UploadState): FileView => ({
  id: '1',
  file: 'a.bin',
  bucket: 'b',
  key: 'a.bin',
  total: 1024,
  confirmed: 0,
  loaded: 0,
  bytesPerSecond: 0,
  etaSeconds: null,
  state,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('PlainReporter', () => {
  it('writes one line per state change, each retry attempt once, and the summary', () => {
    const lines: string[] = [];
    const r = new PlainReporter({ write: (s: string) => lines.push(s) });
    const retrying = (attempt: number): UploadState => ({
      kind: 'retrying',
      attempt,
      retryAt: Date.now() + 250,
      reason: 'Cannot reach x.',
    });
    r.update(view({ kind: 'queued' }), undefined);
    r.update(view({ kind: 'starting' }), 'queued');
    r.update(view({ kind: 'uploading' }), 'starting');
    r.update(view({ kind: 'uploading' }), 'uploading');
    r.update(view(retrying(1)), 'uploading');
    r.update(view(retrying(1)), 'retrying');
    r.update(view(retrying(2)), 'retrying');
    r.update(
      view({
        kind: 'failed',
        error: { code: 'EndpointUnreachable', message: 'Cannot reach x. Gave up after 3 attempts.' },
        cleanup: 'none-needed',
      }),
      'retrying',
    );
    r.interrupting('SIGINT');
    r.finish({
      files: 1,
      done: 0,
      failed: 1,
      cancelled: 0,
      cleanupFailed: 0,
      rejected: 0,
      bytesDone: 0,
      elapsedMs: 100,
      interrupted: false,
    });
    expect(lines.join('').split('\n').filter(Boolean)).toEqual([
      'uploading   a.bin  1.0 KiB → s3://b/a.bin',
      expect.stringMatching(/^retrying {4}a\.bin {2}attempt 2 in 0\.\d s: Cannot reach x\.$/),
      expect.stringMatching(/^retrying {4}a\.bin {2}attempt 3 in /),
      'hoist: Cannot reach x. Gave up after 3 attempts.',
      'Cancelling 0 uploads and removing their parts… (Ctrl-C again quits now)',
      'Uploaded 0 of 1 file (0 B in 0.1 s, -- B/s); 1 failed.',
    ]);
  });

  it('says a reason many files failed for once, then how many more failed for it, whether they fail one by one or at once', () => {
    const lines: string[] = [];
    const r = new PlainReporter({ write: (s: string) => lines.push(s) });
    const sig = {
      code: 'SignatureDoesNotMatch',
      message: 'http://h:9000 rejected the request signature. Check the secret access key and the region.',
    };
    const at = (i: number, state: UploadState): FileView => ({
      ...view(state),
      id: `f${i}`,
      file: `d/f${i}.bin`,
      key: `d/f${i}.bin`,
    });
    for (let i = 0; i < 300; i++) r.update(at(i, { kind: 'queued' }), undefined);
    // The first two were tried; the engine then fails the 298 queued files at once with the same error.
    for (let i = 0; i < 2; i++) r.update(at(i, { kind: 'starting' }), 'queued');
    for (let i = 0; i < 2; i++) r.update(at(i, { kind: 'failed', error: sig, cleanup: 'none-needed' }), 'starting');
    for (let i = 2; i < 300; i++) r.update(at(i, { kind: 'failed', error: sig, cleanup: 'none-needed' }), 'queued');
    r.rejected({
      file: '/x/missing',
      bucket: 'b',
      code: 'FileMissing',
      message: '/x/missing does not exist. Check the path.',
    });
    r.finish({
      files: 300,
      done: 0,
      failed: 300,
      cancelled: 0,
      cleanupFailed: 0,
      rejected: 1,
      bytesDone: 0,
      elapsedMs: 100,
      interrupted: false,
    });
    expect(lines.join('').split('\n').filter(Boolean)).toEqual([
      `hoist: ${sig.message}`,
      'hoist: /x/missing does not exist. Check the path.',
      '… and 299 more files failed for the same reason (SignatureDoesNotMatch).',
      'Uploaded 0 of 301 files (0 B in 0.1 s, -- B/s); 301 failed.',
    ]);
  });

  it('keeps every line that names a partial upload left behind, and says different reasons each once', () => {
    const lines: string[] = [];
    const r = new PlainReporter({ write: (s: string) => lines.push(s) });
    const err = { code: 'AccessDenied', message: 'Access denied.' };
    const failed = (id: string, state: UploadState): FileView => ({ ...view(state), id });
    r.update(failed('1', { kind: 'failed', error: err, cleanup: 'verified' }), 'uploading');
    r.update(failed('2', { kind: 'failed', error: err, cleanup: 'failed', uploadId: 'U2' }), 'uploading');
    r.update(failed('3', { kind: 'failed', error: err, cleanup: 'verified' }), 'uploading');
    r.update(
      failed('4', {
        kind: 'failed',
        error: { code: 'AccessDenied', message: 'Access denied to another place.' },
        cleanup: 'verified',
      }),
      'uploading',
    );
    r.update(
      failed('5', { kind: 'failed', error: { code: 'NoSuchBucket', message: 'Access denied.' }, cleanup: 'verified' }),
      'uploading',
    );
    r.finish({
      files: 5,
      done: 0,
      failed: 5,
      cancelled: 0,
      cleanupFailed: 0,
      rejected: 0,
      bytesDone: 0,
      elapsedMs: 100,
      interrupted: false,
    });
    const out = lines.join('').split('\n').filter(Boolean);
    expect(out.slice(0, 4)).toEqual([
      'hoist: Access denied.',
      expect.stringMatching(/^hoist: Access denied\. Its partial upload \(upload ID U2\)/),
      'hoist: Access denied to another place.',
      'hoist: Access denied.',
    ]);
    expect(out.slice(4, 5)).toEqual(['… and 1 more file failed for the same reason (AccessDenied).']);
  });

  it('escapes the controls in names, keys and messages: ANSI sequences, newlines, C1, bidi overrides', () => {
    const lines: string[] = [];
    const r = new PlainReporter({ write: (s: string) => lines.push(s) });
    const odd = (state: UploadState): FileView => ({
      ...view(state),
      file: 'a\x1b[2J\nb.bin',
      key: 'k\x9b1m\u202egpj.exe',
    });
    r.update(odd({ kind: 'uploading' }), 'starting');
    r.update(
      odd({ kind: 'retrying', attempt: 1, retryAt: Date.now(), reason: 'server said \x1b]0;owned\x07' }),
      'uploading',
    );
    r.update(
      {
        ...odd({
          kind: 'failed',
          error: { code: 'X', message: 'bad\x1b[31m\r\nhoist: forged' },
          cleanup: 'none-needed',
        }),
        id: '2',
      },
      'uploading',
    );
    r.rejected({ file: '/x/\x1b[1m', bucket: 'b', code: 'FileMissing', message: '/x/\x1b[1m does not exist.\nforged' });
    r.finish({
      files: 2,
      done: 0,
      failed: 1,
      cancelled: 0,
      cleanupFailed: 0,
      rejected: 1,
      bytesDone: 0,
      elapsedMs: 100,
      interrupted: false,
    });
    const text = lines.join('');
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(text.split('\n').filter(Boolean)).toEqual([
      'uploading   a\\x1b[2J\\x0ab.bin  1.0 KiB → s3://b/k\\x9b1m\\u202egpj.exe',
      expect.stringMatching(/^retrying {4}a\\x1b\[2J\\x0ab\.bin {2}attempt 2 in .*: server said \\x1b\]0;owned\\x07$/),
      'hoist: bad\\x1b[31m\\x0d\\x0ahoist: forged',
      'hoist: /x/\\x1b[1m does not exist.\\x0aforged',
      'Uploaded 0 of 3 files (0 B in 0.1 s, -- B/s); 2 failed.',
    ]);
  });

  it("says 'completing' only for a file still completing after a while, and never after the summary", () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const r = new PlainReporter({ write: (text: string) => lines.push(text) });
    const at = (id: string, state: UploadState): FileView => ({ ...view(state), id, file: `${id}.bin` });
    // A single PUT: its answer comes within milliseconds of its last byte.
    r.update(at('quick', { kind: 'uploading' }), 'starting');
    r.update(at('quick', { kind: 'completing' }), 'uploading');
    vi.advanceTimersByTime(20);
    r.update(at('quick', { kind: 'done', etag: '"e"', bytesSent: 1024 }), 'completing');
    // A multipart upload whose CompleteMultipartUpload takes the server seconds.
    r.update(at('slow', { kind: 'uploading' }), 'starting');
    r.update(at('slow', { kind: 'completing' }), 'uploading');
    r.update(at('slow', { kind: 'completing' }), 'completing');
    vi.advanceTimersByTime(COMPLETING_NOTICE_MS - 1);
    expect(lines.filter((l) => l.startsWith('completing'))).toEqual([]);
    vi.advanceTimersByTime(1);
    r.update(at('slow', { kind: 'done', etag: '"e"', bytesSent: 1024 }), 'completing');
    // One still completing when the run ends (interrupted): no line after the summary.
    r.update(at('late', { kind: 'uploading' }), 'starting');
    r.update(at('late', { kind: 'completing' }), 'uploading');
    r.finish({
      files: 3,
      done: 2,
      failed: 0,
      cancelled: 0,
      cleanupFailed: 0,
      rejected: 0,
      bytesDone: 2048,
      elapsedMs: 100,
      interrupted: false,
    });
    vi.advanceTimersByTime(COMPLETING_NOTICE_MS * 2);
    expect(lines.join('').split('\n').filter(Boolean).slice(0, 6)).toEqual([
      'uploading   quick.bin  1.0 KiB → s3://b/a.bin',
      'done        quick.bin  1.0 KiB',
      'uploading   slow.bin  1.0 KiB → s3://b/a.bin',
      'completing  slow.bin',
      'done        slow.bin  1.0 KiB',
      'uploading   late.bin  1.0 KiB → s3://b/a.bin',
    ]);
    expect(lines.join('')).not.toContain('completing  late.bin');
    expect(lines.at(-1)).toMatch(/^Uploaded /);
  });

  it("drops a held 'completing' line once the Complete's retry waits for the endpoint", () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const r = new PlainReporter({ write: (text: string) => lines.push(text) });
    r.update(view({ kind: 'uploading' }), 'starting');
    r.update(view({ kind: 'completing' }), 'uploading');
    vi.advanceTimersByTime(200);
    const waiting: UploadState = {
      kind: 'retrying',
      attempt: 1,
      retryAt: Date.now() + 1000,
      reason: 'Cannot reach http://h:9 (ECONNREFUSED).',
      reasonCode: 'EndpointUnreachable',
    };
    r.update(view(waiting), 'completing');
    vi.advanceTimersByTime(COMPLETING_NOTICE_MS);
    expect(lines).toEqual(['uploading   a.bin  1.0 KiB → s3://b/a.bin\n']);
  });

  it('a file waiting for an unreachable endpoint gets one line per outage, once it has lasted, not one per attempt', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const r = new PlainReporter({ write: (text: string) => lines.push(text) });
    const refused = (attempt: number): UploadState => ({
      kind: 'retrying',
      attempt,
      retryAt: Date.now() + 1000,
      reason: 'Cannot reach http://h:9 (ECONNREFUSED). Check --endpoint-url and your network.',
      reasonCode: 'EndpointUnreachable',
    });
    r.update(view({ kind: 'uploading' }), 'starting');
    // Attempts within the first seconds: nothing (cp gives up on an endpoint that never answered before any line).
    expect(OUTAGE_NOTICE_MS).toBeGreaterThan(UNREACHABLE_AT_START_MS);
    for (let a = 1; a <= 4; a++) {
      r.update(view(refused(a)), a === 1 ? 'uploading' : 'retrying');
      vi.advanceTimersByTime(1000);
    }
    expect(lines).toEqual(['uploading   a.bin  1.0 KiB → s3://b/a.bin\n']);
    for (let a = 5; a <= 12; a++) {
      r.update(view(refused(a)), 'retrying');
      vi.advanceTimersByTime(1000);
    }
    expect(lines.slice(1)).toEqual([
      'retrying    a.bin  still trying after 5.0 s: Cannot reach http://h:9 (ECONNREFUSED). Check --endpoint-url and your network.\n',
    ]);
    // It came back; a second outage gets its own line.
    r.update(view({ kind: 'uploading' }), 'retrying');
    for (let a = 13; a <= 20; a++) {
      r.update(view(refused(a)), 'retrying');
      vi.advanceTimersByTime(1000);
    }
    expect(lines.filter((l) => l.startsWith('retrying'))).toHaveLength(2);
  });
});

describe('PlainReporter: files not sent', () => {
  const summary = { files: 0, done: 0, failed: 0, cancelled: 0, cleanupFailed: 0, rejected: 0, bytesDone: 0 };
  it('names each up-to-date file, the excluded ones by pattern, and counts both in the summary', () => {
    const lines: string[] = [];
    const r = new PlainReporter({ write: (s: string) => lines.push(s) });
    r.selection({
      upToDate: [{ file: 'pics/a.jpg', bucket: 'b', key: 'in/pics/a.jpg' }],
      excluded: [
        { file: '.DS_Store', pattern: '.DS_Store', named: true },
        ...Array.from({ length: 12 }, (_, i) => ({ file: `pics/${i}.tmp`, pattern: '*.tmp', named: false })),
      ],
    });
    r.finish({
      ...summary,
      files: 1,
      done: 1,
      bytesDone: 5,
      elapsedMs: 10,
      interrupted: false,
      upToDate: 1,
      excluded: 13,
    });
    const text = lines.join('');
    expect(text).toContain('up to date  pics/a.jpg  s3://b/in/pics/a.jpg\n');
    expect(text).toContain(
      `excluded    .DS_Store  (named on the command line, but it matches ".DS_Store"; --include '.DS_Store' sends it)\n`,
    );
    expect(text).toContain('excluded    pics/9.tmp  (matches "*.tmp")\n');
    expect(text).not.toContain('pics/10.tmp');
    expect(text).toContain('excluded    … and 2 more matching "*.tmp"\n');
    expect(text).toMatch(/Uploaded 1 of 1 file .*\.\n1 file up to date \(not sent\); 13 files excluded\.\n$/);
  });

  it('says "nothing to upload" with why when every file is up to date or excluded', () => {
    const lines: string[] = [];
    const r = new PlainReporter({ write: (s: string) => lines.push(s) });
    r.finish({ ...summary, elapsedMs: 10, interrupted: false, upToDate: 3, excluded: 1 });
    expect(lines.join('')).toBe('Nothing to upload: 3 files up to date (not sent); 1 file excluded.\n');
    lines.length = 0;
    r.finish({ ...summary, elapsedMs: 10, interrupted: false, excluded: 2 });
    expect(lines.join('')).toBe('Nothing to upload: 2 files excluded (--include brings files back).\n');
  });
});
