// `hoist resume`: continues every multipart upload the journal holds (left by a crash, a kill -9 or a paused resume).
// The engine lists each upload's parts on the server and sends only the missing ones; a file that changed since is
// refused and its stale upload discarded. Ctrl-C here PAUSES rather than cancels: the parts stay on the server and in
// the journal, so that the next `hoist resume` goes on from there.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createEngine, Journal, type JournalEntry } from '../engine';
import { UsageError } from './args';
import { chooseReporter, EXIT_FAILED, EXIT_HANGUP, EXIT_INTERRUPTED, EXIT_OK } from './cp-command';
import { unreachableOptions, wantsHelp } from './cp-options';
import { RESUME_HELP } from './help';
import { plural, safeText } from './format';
import type { CliIo } from './report';
import {
  chooseEntries,
  endpointUrlFor,
  leftBehindLine,
  resolveResume,
  resumeHint,
  targetFor,
  type ResumeChoice,
  type ResumePlan,
} from './resume-options';
import { formatS3Url } from './s3-url';
import { onInterrupt } from './signals';
import { shellQuote, type StateDir } from './state-dir';
import { placeFlags } from './left-behind';
import { Tracker } from './tracker';
import { regionNotices } from './region-notice';
import { sweepLeftCreates } from './resume-creates';

export async function runResume(argv: string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(RESUME_HELP);
    return EXIT_OK;
  }
  const plan = resolveResume(argv, io.env);
  // Held while the terminal's live bars are drawn (tty-reporter.ts), printed after the summary then.
  const notices = regionNotices(io.stderr, io.stderr.isTTY === true && !plan.json);
  const engine = createEngine({
    stateDir: plan.stateDir.dir,
    ...(plan.dataPath ? { dataPath: plan.dataPath } : {}),
    // The journal's endpoint was reached by the run that left the upload: an outage's 20 s unless --endpoint-url
    // names another one.
    ...unreachableOptions(plan.waitNetwork, plan.override.endpointUrl !== undefined),
    onRegionCorrected: notices.onRegionCorrected,
  });
  let choice: ResumeChoice;
  try {
    // A refusal here (one --endpoint-url over several recorded endpoints) comes before anything is sent or forgotten.
    choice = chooseEntries(await engine.interrupted(), plan);
  } catch (err) {
    await engine.close();
    throw err;
  }
  const entries = choice.resumed;
  await warnUnreadable(plan.stateDir, io);
  let creates: { swept: number; settled: boolean };
  try {
    creates = await sweepLeftCreates(engine, plan, entries, io);
  } catch (err) {
    await engine.close();
    throw err;
  }
  if (entries.length === 0) {
    await engine.close();
    // The engine reads a journal folder it cannot list as empty: that must not pass for "nothing to resume".
    await checkJournalFolder(plan.stateDir);
    if (creates.swept === 0)
      io.stderr.write(`Nothing to resume: no interrupted uploads in ${safeText(plan.stateDir.dir)}.\n`);
    return creates.settled ? EXIT_OK : EXIT_FAILED;
  }

  const reporter = chooseReporter(plan, io);
  const tracker = new Tracker(reporter, { suggestWaitNetwork: !plan.waitNetwork });
  const unsubscribe = engine.subscribe((event) => {
    if (event.type === 'items') tracker.onItems(event.items);
  });
  // One at a time, so that each item is tied to its own entry (restore() skips entries already queued).
  const entryOf = new Map<string, JournalEntry>();
  for (const entry of entries) {
    const items = engine.restore([entry], (e) => targetFor(e, plan.override));
    for (const item of items) entryOf.set(item.id, entry);
    tracker.register(items, () => entry.path);
  }

  const hint = resumeHint(plan, entries);
  let interrupted = false;
  let hangup = false;
  const stopListening = onInterrupt(
    (signal) => {
      interrupted = true;
      hangup = signal === 'SIGHUP';
      reporter.interrupting(signal, 'pause');
      void engine.pauseAll();
    },
    () => {
      // Nothing is lost by leaving now: the journal and the parts on the server are what a kill -9 leaves too.
      reporter.abandoning([
        `hoist: quit before the pause finished; the uploads stay in the journal, run \`${hint}\` to continue.`,
      ]);
      process.exit(EXIT_INTERRUPTED);
    },
  );

  try {
    engine.resumeAll();
    await engine.idle();
    // A file whose last part was landing may still complete; everything else stops where it is.
    if (interrupted) {
      await engine.pauseAll();
      await engine.idle();
    }
  } finally {
    stopListening();
    // close() cancels whatever is left, and a cancel discards a paused upload: so a run with paused uploads closes
    // keeping them paused (which also writes the history of the ones that finished).
    await engine.close(tracker.views().some((v) => v.state.kind === 'paused') ? { keepPaused: true } : undefined);
    unsubscribe();
  }

  // An interruption that found nothing left to pause (everything had arrived, or failed on its own) changed nothing:
  // the run is judged by its outcome, and the summary says what was resumed.
  const paused = tracker.views().some((v) => v.state.kind === 'paused');
  const stopped = interrupted && paused;
  const summary = { ...tracker.summary(stopped, stopped ? hint : undefined), resumed: true };
  reporter.finish(summary);
  notices.flush();
  if (choice.left.length > 0) io.stderr.write(`${safeText(leftBehindLine(choice.left, plan.stateDir))}\n`);
  if (stopped) return hangup ? EXIT_HANGUP : EXIT_INTERRUPTED;
  if (summary.paused)
    io.stderr.write(`hoist: ${plural(summary.paused, 'upload')} did not start; run \`${safeText(hint)}\` again.\n`);
  if (summary.failed > 0) await explainKept(tracker, entryOf, plan, io);
  // A cancelled one was an upload cancelled earlier whose cleanup had not been confirmed: discarding it, verified, is
  // what its resume does (engine resume()).
  return summary.done + summary.cancelled === summary.files && creates.settled ? EXIT_OK : EXIT_FAILED;
}

/**
 * Journal entries that could not be read (damaged, or from a newer Hoist) are left out of the resume: named here, since
 * nothing else would resume or discard the uploads they recorded, which stay on their servers meanwhile.
 */
async function warnUnreadable(state: StateDir, io: CliIo): Promise<void> {
  const files = await new Journal(state.dir).unreadableEntries();
  if (files.length === 0) return;
  const named = files.slice(0, 3).map((f) => `"${safeText(f)}"`);
  const more = files.length > 3 ? `, and ${files.length - 3} more` : '';
  io.stderr.write(
    `hoist: ${plural(files.length, 'journal entry', 'journal entries')} could not be read and ${files.length === 1 ? 'is' : 'are'} not resumed: ${named.join(', ')}${more}. ` +
      `A partial upload ${files.length === 1 ? 'it' : 'they'} recorded may still be on its server: list the bucket's with \`hoist incomplete ls s3://BUCKET\`, then move the file out of the journal folder.\n`,
  );
}

/**
 * A journal folder that cannot be listed is refused, naming it: the engine reads it as empty (so that the app still
 * starts), and "nothing to resume" would then hide the uploads it holds. A missing one is just an empty journal. Asked
 * only when the engine found nothing, so a journal with entries is listed once.
 */
async function checkJournalFolder(state: StateDir): Promise<void> {
  const err = await new Journal(state.dir).unreadable();
  if (!err) return;
  const named = state.explicit ? `--state-dir "${state.dir}"` : `The state folder "${state.dir}"`;
  const isFolder = await stat(state.dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (err.code === 'ENOTDIR' && !isFolder)
    throw new UsageError(
      `${named} cannot be read: it is not a folder (ENOTDIR). Give the folder hoist cp kept its journal in, with --state-dir.`,
      'resume',
    );
  const denied = err.code === 'EACCES' || err.code === 'EPERM';
  const why = denied ? 'permission denied' : err.code === 'ENOTDIR' ? 'not a folder' : (err.code ?? err.message);
  const fix = denied ? 'Run hoist resume as the user who ran hoist cp' : 'Make it a folder you can read';
  throw new UsageError(
    `${named} cannot be read: its journal folder "${join(state.dir, 'uploads')}" cannot be listed (${why}). ${fix}, or give ${state.explicit ? 'another ' : ''}--state-dir.`,
    'resume',
  );
}

/**
 * A resume that failed before touching the server (the file is missing or unreadable, the server unreachable) leaves
 * the upload and its journal entry as they were, so that a later resume can still finish it. Say so, and how to
 * throw it away instead.
 */
async function explainKept(
  tracker: Tracker,
  entryOf: Map<string, JournalEntry>,
  plan: ResumePlan,
  io: CliIo,
): Promise<void> {
  const stillJournaled = new Set((await new Journal(plan.stateDir.dir).list()).map((e) => e.uploadId));
  for (const v of tracker.views()) {
    const entry = entryOf.get(v.id);
    if (!entry || v.state.kind !== 'failed' || v.state.cleanup !== 'none-needed' || !stillJournaled.has(entry.uploadId))
      continue;
    // Not on the server --endpoint-url named (UploadElsewhere): the commands go to the one the journal recorded.
    const elsewhere = v.state.error.code === 'UploadElsewhere';
    const override = elsewhere ? { awsProfile: plan.override.awsProfile } : plan.override;
    // Everything that reaches the same server and account: the entry's endpoint, region and style, as resume used them.
    const endpoint = {
      endpointUrl: endpointUrlFor(entry, override),
      region: override.region ?? entry.region,
      pathStyle: override.pathStyle ?? entry.forcePathStyle,
      ...(override.caBundle ? { caBundle: override.caBundle } : {}),
      ...(override.awsProfile ? { awsProfile: override.awsProfile } : {}),
    };
    const discard = [
      'hoist incomplete abort',
      shellQuote(formatS3Url(entry.bucket, entry.key)),
      '--upload-id',
      entry.uploadId,
      ...placeFlags({ endpoint, stateDir: plan.stateDir }),
    ].join(' ');
    const resume = resumeHint({ ...plan, override, fromEndpoint: elsewhere ? undefined : plan.fromEndpoint }, [entry]);
    const line = `hoist: the partial upload of ${entry.key} (upload ID ${entry.uploadId}) is kept for a later \`${resume}\`; to discard it instead: ${discard}`;
    io.stderr.write(`${safeText(line)}\n`);
  }
}
