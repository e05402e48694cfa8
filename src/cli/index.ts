// The `hoist` command line: a small table of commands, dispatch, and the one place where errors become exit codes.
// Add a command by adding an entry to COMMANDS.
import { UsageError } from './args';
import { withoutUrlCredentials } from './endpoint-options';
import { safeText } from './format';
import { runCp } from './cp-command';
import {
  CP_HELP,
  CP_SUMMARY,
  INCOMPLETE_HELP,
  INCOMPLETE_SUMMARY,
  mainHelp,
  RESUME_HELP,
  RESUME_SUMMARY,
} from './help';
import { HISTORY_HELP, HISTORY_SUMMARY, runHistory } from './history-command';
import { runIncomplete } from './incomplete-command';
import { LOGIN_HELP, LOGIN_SUMMARY, runLogin } from './login-command';
import { quietSdk } from './quiet-sdk';
import type { CliIo } from './report';
import { runResume } from './resume-command';
import { runShare, SHARE_HELP, SHARE_SUMMARY } from './share-command';
import { version } from './version';
import { cliWording } from './wording';

// bin/hoist.cjs sets the heap's growth and when V8 compiles hot functions with these once the bundle has loaded.
export { settleHeapGrowth } from '../engine';
export { settleCliTiering } from './jit-settings';

export interface Command {
  summary: string;
  help: string;
  /** Returns the exit code. Throws UsageError for bad arguments (exit 2). */
  run(argv: string[], io: CliIo): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  cp: { summary: CP_SUMMARY, help: CP_HELP, run: runCp },
  resume: { summary: RESUME_SUMMARY, help: RESUME_HELP, run: runResume },
  incomplete: { summary: INCOMPLETE_SUMMARY, help: INCOMPLETE_HELP, run: runIncomplete },
  share: { summary: SHARE_SUMMARY, help: SHARE_HELP, run: runShare },
  history: { summary: HISTORY_SUMMARY, help: HISTORY_HELP, run: runHistory },
  login: { summary: LOGIN_SUMMARY, help: LOGIN_HELP, run: runLogin },
};

export const EXIT_USAGE = 2;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(
        `hoist: ${safeText(withoutUrlCredentials(err.message))}\nRun \`hoist ${err.command ? `${err.command} ` : ''}--help\` for usage.\n`,
      );
      return EXIT_USAGE;
    }
    reportUnexpected(err, debug, io);
    return 1;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(mainHelp(COMMANDS));
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h') {
    io.stdout.write(mainHelp(COMMANDS));
    return 0;
  }
  if (first === 'help') {
    const topic = rest[0] !== undefined ? COMMANDS[rest[0]] : undefined;
    if (rest[0] !== undefined && !topic) throw unknownCommand(rest[0]);
    io.stdout.write(topic ? topic.help : mainHelp(COMMANDS));
    return 0;
  }
  if (first === '--version' || first === '-V') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  if (first === '--debug') return dispatch(rest[0] === undefined ? [] : [rest[0], '--debug', ...rest.slice(1)], io);
  if (first.startsWith('-'))
    throw new UsageError(
      `Unknown option ${first}. Options go after the command, as in: hoist cp --json <file> s3://bucket/`,
    );
  const command = COMMANDS[first];
  if (!command) throw unknownCommand(first);
  return command.run(rest, io);
}

function unknownCommand(name: string): UsageError {
  return new UsageError(`Unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
}

function reportUnexpected(err: unknown, debug: boolean, io: CliIo): void {
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`hoist: ${safeText(cliWording(message.split('\n')[0] || 'unexpected error'))}\n`);
  // Line by line, so that the trace keeps its lines while a name inside it cannot add any.
  if (debug && err instanceof Error && err.stack)
    io.stderr.write(`${err.stack.split('\n').map(safeText).join('\n')}\n`);
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** The entry the bin calls: runs, writes everything out, and exits with the code. */
export async function run(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  const io = processIo();
  if (!debug) quietSdk();
  // A reader that went away (`hoist cp --json ... | head`, a closed terminal) must not stop the cleanup.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'EIO') throw err;
    });
  }
  const fail = (err: unknown): void => {
    reportUnexpected(err, debug, io);
    process.exit(1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  const code = await main(argv, io);
  await Promise.all([drain(process.stdout), drain(process.stderr)]);
  process.exit(code);
}

function drain(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}
