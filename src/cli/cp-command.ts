// `hoist cp`: lists the sources once (the engine's plan: files, keys, what was skipped), names what it skipped, hands
// that list to the engine, reports what happens, and turns the outcome into an exit code.
// Ctrl-C, SIGTERM or SIGHUP cancels everything and waits for the verified cleanup; a second one quits at once.
// Every multipart upload is journaled under --state-dir, so that after a crash or a kill -9 `hoist resume` continues it.
import { join } from 'node:path';
import {
  createEngine,
  HoistError,
  type PlannedFile,
  type SkippedEntry,
  type UploadEngineApi,
  type UploadPlan,
} from '../engine';
import { UsageError } from './args';
import { CP_HELP } from './help';
import { resolveCp, wantsHelp, type CpPlan } from './cp-options';
import { jsonLine, safeText } from './format';
import { JsonReporter } from './json-reporter';
import { leftBehindLines, uploadsLeft } from './left-behind';
import { OutputBatch } from './batched-output';
import { PlainReporter } from './plain-reporter';
import { regionNotices } from './region-notice';
import { finalLines, type CliIo, type Reporter, type Selection } from './report';
import { excludedEntry, planPatterns, splitUnchanged } from './selection-flags';
import { onInterrupt } from './signals';
import { prepareStateDir } from './state-dir';
import { Tracker } from './tracker';
import { TtyReporter } from './tty-reporter';
import { cliWording } from './wording';
import { digitGroups } from '../shared/digit-groups';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_INTERRUPTED = 130;
/** 128 + SIGHUP: the terminal went away. The uploads are cancelled and cleaned up all the same. */
export const EXIT_HANGUP = 129;
/** Skipped entries named one by one for each reason, before a count of the rest (a node_modules has thousands). */
const SKIP_LINES_PER_REASON = 10;

export async function runCp(argv: string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(CP_HELP);
    return EXIT_OK;
  }
  const plan = resolveCp(argv, io.env);
  // Logs, pipes and --json get their lines a turn of the event loop at a time; a terminal's live bars are drawn as
  // they are.
  if (!io.stderr.isTTY || plan.json) {
    const batch = new OutputBatch();
    const flush = (): void => batch.flush();
    process.once('exit', flush);
    try {
      return await runPlan(plan, { ...io, stdout: batch.wrap(io.stdout), stderr: batch.wrap(io.stderr) });
    } finally {
      batch.flush();
      process.off('exit', flush);
    }
  }
  return runPlan(plan, io);
}

async function runPlan(plan: CpPlan, io: CliIo): Promise<number> {
  const startedAt = Date.now();
  const stateDir = await prepareStateDir(plan.stateDir, 'cp', io.stderr);
  const reporter = chooseReporter(plan, io);
  const tracker = new Tracker(reporter, { suggestWaitNetwork: !plan.waitNetwork });
  // Held while the terminal's live bars are drawn (tty-reporter.ts), printed after the summary then.
  const notices = regionNotices(io.stderr, io.stderr.isTTY === true && !plan.json);
  const engine = createEngine({ ...plan.engine, stateDir, onRegionCorrected: notices.onRegionCorrected });
  const unsubscribe = engine.subscribe((event) => {
    if (event.type === 'items') tracker.onItems(event.items);
  });

  let interrupted = false;
  let hangup = false;
  /** Stops the --skip-unchanged checks on the first Ctrl-C. */
  const checks = new AbortController();
  let quitting = false;
  const stopListening = onInterrupt(
    (signal) => {
      interrupted = true;
      hangup = signal === 'SIGHUP';
      reporter.interrupting(signal);
      checks.abort(new Error('Interrupted.'));
      // Also stops a folder still being listed.
      void engine.cancelAll();
    },
    () => {
      if (quitting) return;
      quitting = true;
      // The journal says which uploads are not cleaned up yet (read within a fraction of a second, or left out).
      const place = {
        bucket: plan.target.bucket,
        prefix: plan.target.prefix,
        endpoint: plan.endpointArgs,
        stateDir: plan.stateDir,
      };
      const keys = new Set(tracker.views().map((v) => v.key));
      void uploadsLeft(stateDir, place, keys, startedAt).then((left) => {
        reporter.abandoning(leftBehindLines(place, left));
        process.exit(EXIT_INTERRUPTED);
      });
    },
  );

  try {
    const upload = await list(engine, plan, io).catch((err: unknown) => {
      if (interrupted) return undefined;
      throw err;
    });
    const selected =
      upload && !interrupted
        ? await select(engine, upload, plan, io, checks.signal).catch((err: unknown) => {
            if (interrupted) return undefined;
            throw err;
          })
        : undefined;
    if (upload && selected && !interrupted) {
      reportSkipped(upload.skipped, plan, io);
      if (selected.upToDate.length + selected.excluded.length > 0) reporter.selection(selected);
      tracker.noteSelection({ upToDate: selected.upToDate.length, excluded: selected.excluded.length });
      // The planned list itself: the files are not walked again, and each key is the one planned.
      const result = await engine.add({ ...upload, files: selected.send }, plan.target);
      const byKey = new Map(upload.files.map((f) => [f.key, f]));
      tracker.register(result.items, (item) => fileFor(byKey.get(item.key)!));
      for (const r of result.rejected) {
        tracker.noteRejected();
        reporter.rejected({
          file: r.path,
          bucket: plan.target.bucket,
          key: r.key,
          code: r.code,
          message: cliWording(r.message),
        });
      }
    }
    await engine.idle();
    if (interrupted) await engine.cancelAll();
  } finally {
    // Releases the sockets, so nothing keeps the process alive once the report is written.
    await engine.close();
    unsubscribe();
    stopListening();
  }

  const summary = tracker.summary(interrupted);
  reporter.finish(summary);
  notices.flush();
  if (interrupted) return hangup ? EXIT_HANGUP : EXIT_INTERRUPTED;
  if (summary.files + summary.rejected === 0 && !summary.upToDate) {
    // Nothing to upload is a failure for a script (a wrong path, a mount that is not there); the reporters for
    // people already said so in their summary.
    if (plan.json) io.stderr.write(`hoist: ${finalLines(summary)[0]}\n`);
    return EXIT_FAILED;
  }
  return summary.done === summary.files && summary.rejected === 0 ? EXIT_OK : EXIT_FAILED;
}

/** Lists the sources once; on a terminal, a big tree shows how many files were found so far. */
async function list(engine: UploadEngineApi, plan: CpPlan, io: CliIo): Promise<UploadPlan> {
  const live = io.stderr.isTTY === true && !plan.json;
  let shown = false;
  const onProgress = live
    ? (found: number) => {
        shown = true;
        io.stderr.write(`\rListing files… ${digitGroups(found)} found`);
      }
    : undefined;
  try {
    return await engine.plan(plan.sources, plan.target, {
      followSymlinks: plan.followSymlinks,
      onProgress,
      progressIntervalMs: 1000,
      ...planPatterns(plan.selection),
    });
  } catch (err) {
    // A pattern the matcher refuses is a usage error, said before anything is listed.
    if (err instanceof HoistError && err.code === 'InvalidPattern') throw new UsageError(err.message, 'cp');
    throw err;
  } finally {
    if (shown) io.stderr.write('\r\x1b[K');
  }
}

/**
 * The files to send: the plan's, less those whose object is already the same (--skip-unchanged: a HEAD per file,
 * and a read of the files whose size matches). Also what was left out, for the reports.
 */
async function select(
  engine: UploadEngineApi,
  upload: UploadPlan,
  plan: CpPlan,
  io: CliIo,
  signal: AbortSignal,
): Promise<Selection & { send: PlannedFile[] }> {
  const excluded = (upload.excluded ?? []).map((e) => excludedEntry(e, fileFor));
  if (!plan.selection.skipUnchanged || upload.files.length === 0) return { send: upload.files, upToDate: [], excluded };
  const compare = engine.compareWithObjects?.bind(engine);
  if (!compare) throw new Error('This build of hoist cannot compare files with their objects (--skip-unchanged).');
  const live = io.stderr.isTTY === true && !plan.json;
  if (live) io.stderr.write(`Checking ${digitGroups(upload.files.length)} files against the bucket…`);
  try {
    // The part size the upload would use: the multipart forms of the ETag and the CRC32 depend on it.
    const target = { ...plan.target, partSize: plan.target.partSize ?? plan.engine.partSize };
    const { send, same } = await splitUnchanged(compare, target, upload.files, signal);
    const upToDate = same.map((f) => ({ file: fileFor(f), bucket: plan.target.bucket, key: f.key }));
    return { send, upToDate, excluded };
  } finally {
    if (live) io.stderr.write('\r\x1b[K');
  }
}

/**
 * What was left out, each entry once: on stderr for people (the first few per reason by name, then a count), as
 * "skipped" lines on stdout for --json (every one). Not errors: the exit status stays 0 when everything else arrives.
 */
export function reportSkipped(
  skipped: SkippedEntry[],
  plan: Pick<CpPlan, 'json' | 'followSymlinks'>,
  io: Pick<CliIo, 'stdout' | 'stderr'>,
): void {
  if (plan.json) {
    for (const s of skipped)
      io.stdout.write(jsonLine({ type: 'skipped', file: s.path, code: s.code, message: cliWording(s.message) }));
    return;
  }
  const byReason = new Map<string, SkippedEntry[]>();
  for (const s of skipped) {
    const same = byReason.get(s.code);
    if (same) same.push(s);
    else byReason.set(s.code, [s]);
  }
  for (const [code, entries] of byReason) {
    for (const s of entries.slice(0, SKIP_LINES_PER_REASON))
      io.stderr.write(`${'skipped'.padEnd(11)} ${safeText(cliWording(s.message))}\n`);
    const more = entries.length - SKIP_LINES_PER_REASON;
    if (more > 0)
      io.stderr.write(`${'skipped'.padEnd(11)} … and ${digitGroups(more)} more for the same reason (${code}).\n`);
  }
  if (!plan.followSymlinks && byReason.has('Symlink')) {
    io.stderr.write(
      `${' '.repeat(11)} Links were not followed; --follow-symlinks follows those that stay inside the folder.\n`,
    );
  }
}

/** The local path of a file, written the way the user wrote its source: "photos/a.jpg", "./album/2024/b.jpg". */
export function fileFor(file: Pick<PlannedFile, 'source' | 'name'>): string {
  const slash = file.name.indexOf('/');
  return slash >= 0 ? join(file.source, file.name.slice(slash + 1)) : file.source;
}

export function chooseReporter(plan: Pick<CpPlan, 'json'>, io: CliIo): Reporter {
  if (plan.json) return new JsonReporter(io.stdout, io.stderr);
  if (io.stderr.isTTY) return new TtyReporter(io.stderr);
  return new PlainReporter(io.stderr);
}
