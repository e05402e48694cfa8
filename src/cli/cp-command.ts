// `hoist cp`: adds the sources to an engine, reports what happens, and turns the outcome into an exit code.
// Ctrl-C, SIGTERM or SIGHUP cancels everything and waits for the verified cleanup; a second one quits at once.
// Every multipart upload is journaled under --state-dir, so that after a crash or a kill -9 `hoist resume` continues it.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createEngine } from '../engine/index';
import { CP_HELP } from './help';
import { resolveCp, wantsHelp, type CpPlan } from './cp-options';
import { JsonReporter } from './json-reporter';
import { PlainReporter } from './plain-reporter';
import type { CliIo, Reporter } from './report';
import { onInterrupt } from './signals';
import { prepareStateDir } from './state-dir';
import { Tracker } from './tracker';
import { TtyReporter } from './tty-reporter';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_INTERRUPTED = 130;
/** 128 + SIGHUP: the terminal went away. The uploads are cancelled and cleaned up all the same. */
export const EXIT_HANGUP = 129;

export async function runCp(argv: string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(CP_HELP);
    return EXIT_OK;
  }
  const plan = resolveCp(argv, io.env);
  const isDir = await Promise.all(plan.sources.map((s) => stat(s).then((st) => st.isDirectory(), () => false)));
  const target = { ...plan.target, prefix: effectivePrefix(plan, isDir) };
  const stateDir = await prepareStateDir(plan.stateDir, 'cp', io.stderr);
  const reporter = chooseReporter(plan, io);
  const tracker = new Tracker(reporter);
  const engine = createEngine({ ...plan.engine, stateDir });
  const unsubscribe = engine.subscribe((event) => {
    if (event.type === 'items') tracker.onItems(event.items);
  });

  let interrupted = false;
  let hangup = false;
  const stopListening = onInterrupt(
    (signal) => {
      interrupted = true;
      hangup = signal === 'SIGHUP';
      reporter.interrupting(signal);
      void engine.cancelAll();
    },
    () => {
      reporter.abandoning();
      process.exit(EXIT_INTERRUPTED);
    },
  );

  try {
    for (const [i, source] of plan.sources.entries()) {
      if (interrupted) break;
      const result = await engine.add([source], target);
      tracker.register(result.items, (item) => fileFor(source, item.name, isDir[i]!));
      for (const r of result.rejected) {
        tracker.noteRejected();
        reporter.rejected({ file: r.path, bucket: target.bucket, key: r.key, code: r.code, message: r.message });
      }
    }
    // A signal that came while a folder was being listed: what add() queued after it is cancelled too.
    if (interrupted) await engine.cancelAll();
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
  if (interrupted) return hangup ? EXIT_HANGUP : EXIT_INTERRUPTED;
  return summary.done === summary.files && summary.rejected === 0 ? EXIT_OK : EXIT_FAILED;
}

/**
 * A prefix without a trailing '/' is the exact key of a single file; with several sources or a folder it can only
 * mean a folder-like prefix, so the '/' is added (the engine would otherwise give a lone file in a folder that key).
 */
export function effectivePrefix(plan: Pick<CpPlan, 'sources' | 'target'>, isDir: boolean[]): string {
  const prefix = plan.target.prefix;
  if (prefix === '' || prefix.endsWith('/')) return prefix;
  return plan.sources.length > 1 || isDir.some(Boolean) ? `${prefix}/` : prefix;
}

/** The local path of an item, written the way the user wrote its source: "photos/a.jpg", "./album/2024/b.jpg". */
export function fileFor(source: string, itemName: string, sourceIsDir: boolean): string {
  if (!sourceIsDir) return source;
  const slash = itemName.indexOf('/');
  return slash >= 0 ? join(source, itemName.slice(slash + 1)) : join(source, itemName);
}

export function chooseReporter(plan: Pick<CpPlan, 'json'>, io: CliIo): Reporter {
  if (plan.json) return new JsonReporter(io.stdout, io.stderr);
  if (io.stderr.isTTY) return new TtyReporter(io.stderr);
  return new PlainReporter(io.stderr);
}

