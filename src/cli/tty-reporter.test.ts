import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UploadState } from '../shared/upload-state';
import type { FileView } from './report';
import { TtyReporter } from './tty-reporter';

const MiB = 1024 * 1024;
const strip = (s: string): string => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

function view(id: string, state: UploadState, loaded = 0): FileView {
  return {
    id,
    file: `photos/${id}.jpg`,
    bucket: 'b',
    key: `p/${id}.jpg`,
    total: 10 * MiB,
    confirmed: loaded,
    loaded,
    bytesPerSecond: 2 * MiB,
    etaSeconds: 3,
    state,
  };
}

function terminal(columns = 80, rows = 24) {
  const chunks: string[] = [];
  return { out: { isTTY: true, columns, rows, write: (s: string) => chunks.push(s) }, text: () => chunks.join('') };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('TtyReporter', () => {
  it('draws a bar per moving file and a total, redrawn in place, all within the width', () => {
    vi.useFakeTimers();
    const t = terminal(80);
    const r = new TtyReporter(t.out);
    r.update(view('a', { kind: 'queued' }), undefined);
    r.update(view('b', { kind: 'queued' }), undefined);
    r.update(view('a', { kind: 'uploading' }, 5 * MiB), 'queued');
    vi.advanceTimersByTime(150);
    const frame = strip(t.text());
    expect(frame).toContain('photos/a.jpg');
    expect(frame).toMatch(/50%\s+2\.0 MiB\/s\s+0:03\s+uploading/);
    expect(frame).toContain('Total 5.0 MiB/20.0 MiB');
    expect(frame).toMatch(/25%\s+4\.0 MiB\/s\s+0:04  0\/2 done\n/);
    expect(frame).not.toContain('photos/b.jpg');
    for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(79);
    r.update(view('a', { kind: 'done', etag: 'e', bytesSent: 10 * MiB }, 10 * MiB), 'uploading');
    expect(t.text()).toContain('\x1b[2F\x1b[J');
    r.finish({
      files: 2,
      done: 1,
      failed: 0,
      cancelled: 1,
      cleanupFailed: 0,
      rejected: 0,
      bytesDone: 10 * MiB,
      elapsedMs: 1000,
      interrupted: true,
    });
    const all = t.text();
    expect(strip(all)).toContain('done        photos/a.jpg  10.0 MiB\n');
    expect(strip(all)).toContain('Cancelled 1 upload; server cleanup verified; 1 file had already arrived.\n');
    expect(all.startsWith('\x1b[?25l')).toBe(true);
    expect(all.endsWith('\x1b[?25h')).toBe(true);
  });

  it('redraws at most ten times a second however many events arrive', () => {
    vi.useFakeTimers();
    const t = terminal();
    const r = new TtyReporter(t.out);
    r.update(view('a', { kind: 'uploading' }), undefined);
    for (let i = 0; i < 1000; i++) {
      r.update(view('a', { kind: 'uploading' }, i * 1000), 'uploading');
      vi.advanceTimersByTime(1);
    }
    const frames = t.text().split('Total').length - 1;
    expect(frames).toBeLessThanOrEqual(11);
    expect(frames).toBeGreaterThanOrEqual(9);
    r.finish({
      files: 1,
      done: 0,
      failed: 0,
      cancelled: 0,
      cleanupFailed: 0,
      rejected: 0,
      bytesDone: 0,
      elapsedMs: 1,
      interrupted: false,
    });
  });

  it('folds files beyond the terminal height into one line', () => {
    const t = terminal(100, 8);
    const r = new TtyReporter(t.out);
    for (let i = 0; i < 20; i++) r.update(view(`f${i}`, { kind: 'uploading' }), undefined);
    r.rejected({ file: '/x', bucket: 'b', code: 'FileMissing', message: '/x does not exist. Check the path.' });
    const frame = strip(t.text());
    expect(frame).toContain('hoist: /x does not exist. Check the path.\n');
    expect(frame).toContain('… and 17 more uploading');
    r.finish({
      files: 20,
      done: 0,
      failed: 0,
      cancelled: 0,
      cleanupFailed: 0,
      rejected: 1,
      bytesDone: 0,
      elapsedMs: 1,
      interrupted: false,
    });
  });

  it('logs a reason many files failed for once, then how many more failed for it', () => {
    const t = terminal(200);
    const r = new TtyReporter(t.out);
    const error = {
      code: 'InvalidAccessKeyId',
      message:
        'The access key ID is not known to http://h:9000. Check the credentials (AWS_ACCESS_KEY_ID or the profile).',
    };
    for (let i = 0; i < 300; i++) r.update(view(`f${i}`, { kind: 'queued' }), undefined);
    r.update(view('f0', { kind: 'uploading' }), 'queued');
    r.update(view('f0', { kind: 'failed', error, cleanup: 'verified' }), 'uploading');
    for (let i = 1; i < 300; i++) r.update(view(`f${i}`, { kind: 'failed', error, cleanup: 'none-needed' }), 'queued');
    r.finish({
      files: 300,
      done: 0,
      failed: 300,
      cancelled: 0,
      cleanupFailed: 0,
      rejected: 0,
      bytesDone: 0,
      elapsedMs: 1000,
      interrupted: false,
    });
    const text = strip(t.text());
    expect(text.split(`hoist: ${error.message}`).length - 1).toBe(1);
    expect(text).toContain(`hoist: ${error.message}\n`);
    expect(text).toMatch(
      /… and 299 more files failed for the same reason \(InvalidAccessKeyId\)\.\nUploaded 0 of 300 files/,
    );
  });

  it('writes no control character but its own cursor sequences: names, log lines and messages are escaped', () => {
    const t = terminal(120);
    const r = new TtyReporter(t.out);
    const odd = (state: UploadState): FileView => ({
      ...view('a', state, 5 * MiB),
      file: 'x\x1b[2J\n\u202ey.jpg',
      key: 'k\x9b1m',
    });
    r.update(odd({ kind: 'uploading' }), undefined);
    r.rejected({ file: '/x', bucket: 'b', code: 'FileMissing', message: '/x\x1b]0;owned\x07 does not exist.' });
    r.update(
      odd({
        kind: 'failed',
        error: { code: 'X', message: 'server says \x1b[31mred\nhoist: forged' },
        cleanup: 'none-needed',
      }),
      'uploading',
    );
    r.abandoning(['hoist: quit; run `hoist resume --state-dir /tmp/\x1b[1m`']);
    const all = t.text();
    // What is left once Hoist's own sequences (cursor, erase) are taken out: no control but the line ends.
    const rest = all.replace(/\x1b\[(\?25[lh]|\d+F|J)/g, '');
    expect(rest).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(rest).toContain('x\\x1b[2J\\x0a\\u202ey.jpg');
    expect(rest).toContain('hoist: /x\\x1b]0;owned\\x07 does not exist.\n');
    expect(rest).toContain('hoist: server says \\x1b[31mred\\x0ahoist: forged\n');
    expect(rest).toContain('--state-dir /tmp/\\x1b[1m`\n');
  });

  it('shows a wait for an unreachable endpoint as one line under the bars, redrawn in place, not a log line per attempt', () => {
    vi.useFakeTimers();
    const t = terminal(200);
    const r = new TtyReporter(t.out);
    const refused = (attempt: number): UploadState => ({
      kind: 'retrying',
      attempt,
      retryAt: Date.now() + 500,
      reason: 'Cannot reach http://h:9 (ECONNREFUSED).',
      reasonCode: 'EndpointUnreachable',
    });
    r.update(view('a', { kind: 'uploading' }), undefined);
    for (let a = 1; a <= 3; a++) {
      r.update(view('a', refused(a)), 'retrying');
      vi.advanceTimersByTime(150);
    }
    const frames = strip(t.text());
    expect(frames).toContain('Waiting for 1 file (1 try so far): Cannot reach http://h:9 (ECONNREFUSED).');
    expect(frames).toContain('Waiting for 1 file (3 tries so far): Cannot reach http://h:9 (ECONNREFUSED).');
    expect(frames).not.toMatch(/^retrying /m);
    r.update(
      view('a', {
        kind: 'failed',
        error: { code: 'EndpointUnreachable', message: 'Cannot reach http://h:9 (ECONNREFUSED): gave up.' },
        cleanup: 'none-needed',
      }),
      'retrying',
    );
    const last = strip(t.text().slice(t.text().lastIndexOf('\x1b[J')));
    expect(last).toContain('hoist: Cannot reach http://h:9 (ECONNREFUSED): gave up.\n');
    expect(last).not.toContain('Waiting for');
  });
});

describe('TtyReporter: files not sent', () => {
  it('logs the up-to-date and excluded files above the bars, and counts them in the summary', () => {
    const t = terminal(100);
    const r = new TtyReporter(t.out);
    r.selection({
      upToDate: [{ file: 'photos/a.jpg', bucket: 'b', key: 'p/a.jpg' }],
      excluded: [{ file: 'photos/.DS_Store', pattern: '.DS_Store', named: false }],
    });
    r.finish({
      files: 0,
      done: 0,
      failed: 0,
      cancelled: 0,
      cleanupFailed: 0,
      rejected: 0,
      bytesDone: 0,
      elapsedMs: 5,
      interrupted: false,
      upToDate: 1,
      excluded: 1,
    });
    const text = strip(t.text());
    expect(text).toContain('up to date  photos/a.jpg  s3://b/p/a.jpg\n');
    expect(text).toContain('excluded    photos/.DS_Store  (matches ".DS_Store")\n');
    expect(text).toContain('Nothing to upload: 1 file up to date (not sent); 1 file excluded.');
  });
});
