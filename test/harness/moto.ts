// Starts and stops a moto S3 server (`moto.server`) on a free loopback port.
//
// The server runs in its own process group, is killed on stop() and at process exit, and, on Linux, also dies by
// itself if this process dies without running exit handlers (PR_SET_PDEATHSIG in the bootstrap below).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { motoPython } from './python';

export { motoPython } from './python';

export interface MotoServer {
  /** http://127.0.0.1:PORT, for the SDK (with forcePathStyle) and the checkers. */
  endpoint: string;
  port: number;
  /** Kills the server (and its process group) and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
  /** Clears every bucket, object and multipart upload (POST /moto-api/reset). */
  reset(): Promise<void>;
}

export interface StartMotoOptions {
  /** Extra environment for the server, e.g. { S3_UPLOAD_PART_MIN_SIZE: '1024' }. */
  env?: Record<string, string>;
  /** How long to wait for the server to answer. Default 30 s. */
  startTimeoutMs?: number;
}

// Runs moto's own main() after asking the kernel to kill us when our parent dies.
const BOOTSTRAP = `
import os, sys, signal
try:
    import ctypes
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux only)
except Exception:
    pass
if os.getppid() != int(os.environ["HOIST_MOTO_PARENT_PID"]):
    sys.exit("parent already gone")
from moto.server import main
main(["-H", "127.0.0.1", "-p", sys.argv[1]])
`;

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

function freePort(): Promise<number> {
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class StartError extends Error {
  constructor(message: string, readonly addressInUse: boolean) {
    super(message);
  }
}

async function launch(python: string, port: number, opts: StartMotoOptions): Promise<MotoServer> {
  const child = spawn(python, ['-c', BOOTSTRAP, String(port)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      MOTO_PORT: String(port),
      PYTHONUNBUFFERED: '1',
      HOIST_MOTO_PARENT_PID: String(process.pid),
      ...opts.env,
    },
  });
  live.add(child);
  installExitHook();
  // moto logs every request on stderr: keep draining it, and keep the tail for error messages.
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString('utf8')).slice(-16_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let spawnError: Error | undefined;
  child.on('error', (e) => (spawnError = e));
  child.on('exit', () => live.delete(child));
  // Don't let the server (or its pipes) keep this process alive; stop() or the exit hook ends it.
  child.unref();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  (child.stderr as unknown as { unref?: () => void }).unref?.();

  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    live.delete(child);
    killGroup(child, 'SIGTERM');
    if (!(await waitExit(child, 5_000))) {
      killGroup(child, 'SIGKILL');
      await waitExit(child, 5_000);
    }
  };

  // Ready = werkzeug has bound our port (it prints "Running on http://127.0.0.1:PORT") and HTTP answers.
  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  for (;;) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new StartError(
        `moto server exited during startup (${spawnError?.message ?? `code ${child.exitCode ?? child.signalCode}`}):\n${log}`,
        /address already in use/i.test(log),
      );
    }
    if (log.includes(`Running on ${endpoint}`)) {
      try {
        const res = await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.ok) break;
      } catch {
        // not yet
      }
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto server did not answer on ${endpoint} within ${opts.startTimeoutMs ?? 30_000} ms. Output:\n${log}`);
    }
    await sleep(100);
  }

  return {
    endpoint,
    port,
    stop,
    async reset() {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      const body = await res.text();
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status} ${body}`);
    },
  };
}

/** Starts a moto S3 server on a free 127.0.0.1 port. Creates the Python venv first if needed (see python.ts). */
export async function startMoto(opts: StartMotoOptions = {}): Promise<MotoServer> {
  const python = await motoPython();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await launch(python, port, opts);
    } catch (e) {
      // Someone took the port between freePort() and moto's bind: try another.
      if (e instanceof StartError && e.addressInUse && attempt < 5) continue;
      throw e;
    }
  }
}
