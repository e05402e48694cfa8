// Starts and stops a moto S3 server (`moto.server`) on a free loopback port.
//
// The server runs in its own process group, is killed on stop() and at process exit (server-process.ts), and, on
// Linux, also dies by itself if this process dies without running exit handlers (PR_SET_PDEATHSIG in the bootstrap).
import { motoPython } from './python';
import { onFreePort, spawnServer, waitReady } from './server-process';

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

async function launch(python: string, port: number, opts: StartMotoOptions): Promise<MotoServer> {
  // moto logs every request on stderr: spawnServer keeps draining it, and keeps the tail for error messages.
  const server = spawnServer(python, ['-c', BOOTSTRAP, String(port)], {
    env: {
      ...process.env,
      MOTO_PORT: String(port),
      PYTHONUNBUFFERED: '1',
      HOIST_MOTO_PARENT_PID: String(process.pid),
      ...opts.env,
    },
  });
  const endpoint = `http://127.0.0.1:${port}`;

  // Ready = werkzeug has bound our port (it prints "Running on http://127.0.0.1:PORT") and HTTP answers.
  await waitReady(server, `moto server on ${endpoint}`, opts.startTimeoutMs ?? 30_000, async () => {
    if (!server.output().includes(`Running on ${endpoint}`)) return false;
    try {
      const res = await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      return res.ok;
    } catch {
      return false; // not yet
    }
  });

  return {
    endpoint,
    port,
    stop: () => server.stop(),
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
  // Someone may take the port between freePort() and moto's bind: onFreePort then tries another.
  return onFreePort((port) => launch(python, port, opts));
}
