// The cancel section of docs/benchmarks.md: for each data path, how long after Ctrl-C (CLI) or engine.cancel() (in
// process, as the desktop app cancels) the last part byte reached the proxy and the cleanup was verified.
import { percentile } from './cancel-latency';
import { median } from './figures';
import { CANCEL_FILE, CANCEL_THROTTLE, type CancelSet } from './report';

const MiB = 1024 * 1024;

/** A CLI run that cancelled cleanly: exit 130, cleanup verified, nothing left on the server. */
const cliCancelOk = (c: CancelSet['cli'][number]): boolean =>
  c.code === 130 && c.cleanupVerified && c.leftUploads === 0 && c.leftObjects === 0;

/** Every run cancelled cleanly: cliCancelOk for the CLI, state cancelled and nothing left for the engine. */
export function cancelSetOk(set: CancelSet): boolean {
  return set.cli.every(cliCancelOk) && set.engine.every((c) => c.ok);
}

export function renderCancels(sets: CancelSet[]): string {
  const ran = sets.filter((s) => s.cli.length || s.engine.length);
  if (!ran.length) return 'Not measured in this run.';
  const row = (label: string, xs: number[], digits = 0) =>
    `| ${label} | ${percentile(xs, 50).toFixed(digits)} | ${percentile(xs, 95).toFixed(digits)} | ${Math.max(...xs).toFixed(digits)} |`;
  const kib = (xs: number[]) =>
    `median ${(median(xs) / 1024).toFixed(0)} KiB, max ${(Math.max(...xs) / 1024).toFixed(0)} KiB`;
  const queued = (runs: { queuedAtCancel: number }[]) =>
    ` (of which already in the proxy's receive queue at the cancel: ${kib(runs.map((c) => c.queuedAtCancel))})`;
  const runs = Math.max(...ran.map((s) => Math.max(s.cli.length, s.engine.length)));
  const lines = [
    `A ${CANCEL_FILE / MiB} MiB upload through the fault proxy in front of ${[...new Set(ran.map((s) => s.server))].join(' and ')}, throttled to ${CANCEL_THROTTLE / MiB} MiB/s so that four parts are ` +
      'streaming with full socket buffers, is cancelled at 25%: by Ctrl-C (SIGINT) to the hoist CLI, and by `engine.cancel()` in this process ' +
      `(as the desktop app's main process calls it), on each data path (${[...new Set(ran.map((s) => s.path))].join(', ')}). ${runs} runs each.`,
    '',
    '| from the cancel until | p50 ms | p95 ms | max ms |',
    '|---|---:|---:|---:|',
  ];
  const after: string[] = [];
  const servers = new Set(ran.map((s) => s.server)).size;
  for (const { path, server, cli, engine } of ran) {
    const on = servers > 1 ? `${server}, ` : '';
    if (cli.length) {
      const at = `${on}${path} path, CLI`;
      lines.push(
        row(
          `${at}: no more part bytes reach the proxy`,
          cli.map((c) => c.lastByteMs),
          1,
        ),
        row(
          `${at}: the CLI reports the cleanup verified`,
          cli.map((c) => c.verifiedMs),
        ),
        row(
          `${at}: the process has exited`,
          cli.map((c) => c.exitMs),
        ),
      );
      after.push(
        `${at}: part bytes the proxy read after the signal: ${kib(cli.map((c) => c.bytesAfter))}${queued(cli)}.`,
      );
    }
    if (engine.length) {
      const at = `${on}${path} path, engine`;
      lines.push(
        row(
          `${at}: its connections are reset`,
          engine.map((c) => c.resetMs),
          1,
        ),
        row(
          `${at}: no more part bytes reach the proxy`,
          engine.map((c) => c.lastByteMs),
          1,
        ),
        row(
          `${at}: cancel() resolves, cleanup verified`,
          engine.map((c) => c.verifiedMs),
        ),
      );
      after.push(`${at}: after engine.cancel(): ${kib(engine.map((c) => c.bytesAfter))}${queued(engine)}.`);
    }
  }
  const bad = ran.filter((s) => !cancelSetOk(s));
  lines.push(
    '',
    ...after.map((a) => `- ${a}`),
    '',
    bad.length
      ? `SOME RUNS LEFT SOMETHING OR EXITED WRONG: ${JSON.stringify(bad.map((s) => ({ path: s.path, cli: s.cli.filter((c) => !cliCancelOk(c)), engine: s.engine.filter((c) => !c.ok) })))}`
      : 'Every run ended cancelled with the cleanup verified and nothing left on the server (checked with boto3); every CLI run exited 130.',
    '',
    'How it is measured: while the proxy reads at the throttled rate, its kernel receive queue holds bytes that arrived before the cancel. ' +
      "At the cancel the bench reads that queue's size (/proc/net/tcp) and lifts the throttle, so the proxy drains it within milliseconds; " +
      'a byte read after that left the client after the cancel. The hoist side cuts its connections with a TCP reset, which discards what its ' +
      'own socket buffers still held.',
  );
  return lines.join('\n');
}
