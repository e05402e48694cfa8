// Process plumbing shared by the test servers (moto.ts, versitygw.ts): a free loopback port, a child in its own
// process group that is killed on stop() and at exit, and a readiness loop that tells a port clash from other
// start-up failures so the caller can retry on another port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole process group (spawned detached)
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
}

/** A port that was free on 127.0.0.1 a moment ago (the server may still lose it to someone else: see StartError). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server died while starting; addressInUse means another port may work. */
export class StartError extends Error {
  constructor(
    message: string,
    readonly addressInUse: boolean,
  ) {
    super(message);
  }
}

export interface ServerProcess {
  readonly child: ChildProcess;
  /** The last 16 kB of its stdout and stderr together. */
  output(): string;
  /** Why it is not running (spawn error or exit status), or undefined while it runs. */
  exitReason(): string | undefined;
  /** SIGTERM to the group, SIGKILL after 5 s; resolves when it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

export interface SpawnServerOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Spawns a long-running server detached (its own process group, so stop() also ends anything it forks) and unref'd
 * (it never keeps this process alive: stop() or the exit hook ends it). Output is drained continuously because a
 * full pipe would block a chatty server.
 */
export function spawnServer(cmd: string, args: string[], opts: SpawnServerOptions): ServerProcess {
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: opts.env, cwd: opts.cwd });
  live.add(child);
  installExitHook();
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString('utf8')).slice(-16_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let spawnError: Error | undefined;
  child.on('error', (e) => (spawnError = e));
  child.on('exit', () => live.delete(child));
  child.unref();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  (child.stderr as unknown as { unref?: () => void }).unref?.();

  return {
    child,
    output: () => log,
    exitReason() {
      if (spawnError) return spawnError.message;
      if (child.exitCode !== null || child.signalCode !== null) return `code ${child.exitCode ?? child.signalCode}`;
      return undefined;
    },
    async stop() {
      live.delete(child);
      killGroup(child, 'SIGTERM');
      if (!(await waitExit(child, 5_000))) {
        killGroup(child, 'SIGKILL');
        await waitExit(child, 5_000);
      }
    },
  };
}

/**
 * Polls ready() every 100 ms until it returns true. Stops the server and throws a StartError if it exits first (with
 * addressInUse set when its output says so), or an Error after timeoutMs.
 */
export async function waitReady(
  server: ServerProcess,
  what: string,
  timeoutMs: number,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exited = server.exitReason();
    if (exited) {
      await server.stop();
      throw new StartError(
        `${what} exited during startup (${exited}):\n${server.output()}`,
        /address already in use/i.test(server.output()),
      );
    }
    if (await ready()) return;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${what} did not answer within ${timeoutMs} ms. Output:\n${server.output()}`);
    }
    await sleep(100);
  }
}

/** Runs start(port) on a free port, trying another port (up to 5 in all) when the server lost its port to a race. */
export async function onFreePort<T>(start: (port: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (e) {
      if (e instanceof StartError && e.addressInUse && attempt < 5) continue;
      throw e;
    }
  }
}
