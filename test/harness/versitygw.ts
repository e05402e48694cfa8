// Finds (or builds, once) and runs versitygw v1.8.0, the second test S3 server: unlike moto it checks SigV4
// signatures, and it can serve HTTPS. Each server gets a fresh posix-backend directory, removed at stop().
//
// Binary: $HOIST_VERSITYGW, else <repo>/.cache/versitygw-bin/versitygw, else built there with `go install` when Go
// is on the PATH. Without Go, versitygwBinary() returns null (the caller skips the versitygw runs) unless CI is set.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { existsSync, rmSync } from 'node:fs';
import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { repoRoot, run } from './python';
import { onFreePort, sleep, spawnServer, StartError, waitReady } from './server-process';

export const VERSITYGW_MODULE = 'github.com/versity/versitygw/cmd/versitygw@v1.8.0';
export const versitygwBinDir = join(repoRoot, '.cache', 'versitygw-bin');
const GO_HINT =
  "install Go 1.25 or newer from https://go.dev/dl/ and put `go` on the PATH (Debian 12's golang-go is 1.19, too old), " +
  'or set HOIST_VERSITYGW to a versitygw v1.8.0 binary';
/** The one line the caller prints when versitygwBinary() returns null. */
export const VERSITYGW_SKIPPED = `versitygw runs skipped: Go is not installed (${GO_HINT})`;

export interface VersitygwServer {
  /** http(s)://127.0.0.1:PORT. Path-style, region us-east-1, access key "test", secret "test" (TEST_CREDENTIALS). */
  endpoint: string;
  port: number;
  /** Kills the server and removes its data directory. Safe to call twice. */
  stop(): Promise<void>;
  /** The posix backend's root: one sub-directory per bucket. */
  dataDir: string;
}

export interface StartVersitygwOptions {
  /** Serve HTTPS with this certificate and key (PEM), e.g. from makeTestCa(). */
  tls?: { certFile: string; keyFile: string };
  /** How long to wait for the server to answer. Default 30 s. */
  startTimeoutMs?: number;
  /**
   * --keep-alive: without it versitygw 1.8.0 answers every request with "Connection: close", so each request opens a
   * connection. The bench turns it on (what a production gateway does); the tests keep the default.
   */
  keepAlive?: boolean;
}

const isCi = () => !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function build(): Promise<string | null> {
  const go = await run('go', ['version'], { timeoutMs: 30_000 });
  if (go.spawnError?.code === 'ENOENT') {
    if (isCi()) throw new Error(`CI must run versitygw, but it is not built and Go is not installed: ${GO_HINT}`);
    return null;
  }
  process.stderr.write(
    `[harness] building versitygw into ${versitygwBinDir} with \`go install\` (one-time, about 3 min)...\n`,
  );
  // -mod=mod: install from the module's own go.mod even when the caller's GOFLAGS says otherwise. GOTOOLCHAIN=auto:
  // a Go 1.21-1.24 (a distribution's may default to "local") fetches the Go 1.25 that versitygw's go.mod asks for.
  const r = await run('go', ['install', VERSITYGW_MODULE], {
    env: {
      ...process.env,
      GOFLAGS: '-mod=mod',
      GOBIN: versitygwBinDir,
      GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'auto',
    },
    timeoutMs: 900_000,
  });
  const bin = join(versitygwBinDir, 'versitygw');
  if (r.code !== 0 || !(await executable(bin))) {
    throw new Error(
      `go install ${VERSITYGW_MODULE} failed (${go.stdout.trim()}; versitygw v1.8.0 needs Go 1.25+):\n${r.stderr.slice(-4000)}`,
    );
  }
  return bin;
}

async function resolveBinary(): Promise<string | null> {
  const fromEnv = process.env.HOIST_VERSITYGW;
  if (fromEnv) {
    if (!(await executable(fromEnv))) throw new Error(`HOIST_VERSITYGW=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const cached = join(versitygwBinDir, 'versitygw');
  if (await executable(cached)) return cached;
  return build();
}

let resolved: Promise<string | null> | undefined;

/** The versitygw binary, built on first use if Go is there; null if it cannot be had (never under CI: that throws). */
export function versitygwBinary(): Promise<string | null> {
  resolved ??= resolveBinary().catch((e: unknown) => {
    resolved = undefined;
    throw e;
  });
  return resolved;
}

/** True once a versitygw answers over HTTP(S): an unsigned GET / gets 403 AccessDenied, which is fine. */
function answers(endpoint: string): Promise<boolean> {
  const https = endpoint.startsWith('https:');
  return new Promise((resolve) => {
    // Only a liveness probe, so no certificate check here; the tests check the chain against the CA themselves.
    const req = (https ? httpsRequest : httpRequest)(
      `${endpoint}/`,
      { method: 'GET', agent: false, timeout: 2_000, rejectUnauthorized: false },
      (res) => {
        res.resume();
        resolve(res.headers.server === 'VERSITYGW');
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

// Data directories of servers not yet stopped, removed at exit if stop() was never called.
const dataDirs = new Set<string>();
process.on('exit', () => {
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
});

async function launch(
  bin: string,
  port: number,
  dataDir: string,
  opts: StartVersitygwOptions,
): Promise<VersitygwServer> {
  const args = [
    '--port',
    `127.0.0.1:${port}`,
    '--access',
    'test',
    '--secret',
    'test',
    '--region',
    'us-east-1',
    '--quiet',
  ];
  if (opts.tls) args.push('--cert', opts.tls.certFile, '--key', opts.tls.keyFile);
  if (opts.keepAlive) args.push('--keep-alive');
  args.push('posix', dataDir);
  // setpriv (util-linux) makes the kernel kill the server if this process dies without running its exit hooks,
  // like moto's bootstrap does; it execs, so the pid and process group stay the server's own.
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
  const [cmd, argv] = setpriv ? [setpriv, ['--pdeathsig', 'KILL', '--', bin, ...args]] : [bin, args];
  // A minimal environment: versitygw reads about 100 variables (VGW_*, ROOT_ACCESS_KEY, LOGFILE, WEBHOOK, ...), and
  // an inherited one could open a second listener on all interfaces (VGW_WEBUI_PORT) or change the credentials.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? ['/usr/bin', '/bin'].join(delimiter),
    HOME: process.env.HOME ?? dataDir,
  };
  const server = spawnServer(cmd, argv, { env, cwd: dataDir });
  const endpoint = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  await waitReady(server, `versitygw on ${endpoint}`, opts.startTimeoutMs ?? 30_000, () => answers(endpoint));
  // With --quiet it prints nothing when it has bound its port, so an answer could come from whoever took the port
  // first (another test run's versitygw); ours then exits at once with "address already in use". Look once more.
  await sleep(150);
  if (server.exitReason()) {
    await server.stop();
    throw new StartError(
      `versitygw on ${endpoint} exited during startup:\n${server.output()}`,
      /address already in use/i.test(server.output()),
    );
  }
  return {
    endpoint,
    port,
    dataDir,
    async stop() {
      await server.stop();
      dataDirs.delete(dataDir);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts versitygw (posix backend, fresh directory under the OS temp dir) on a free 127.0.0.1 port. */
export async function startVersitygw(opts: StartVersitygwOptions = {}): Promise<VersitygwServer> {
  const bin = await versitygwBinary();
  if (!bin) throw new Error(`cannot start versitygw: it is not built and Go is not installed (${GO_HINT})`);
  // The posix backend keeps object metadata in user.* xattrs (ext4, xfs, btrfs; tmpfs only since Linux 6.6); without
  // them it exits at start with "xattrs are not supported on this filesystem", which the start-up error shows.
  const dataDir = await mkdtemp(join(tmpdir(), 'hoist-versitygw-'));
  dataDirs.add(dataDir);
  try {
    return await onFreePort((port) => launch(bin, port, dataDir, opts));
  } catch (e) {
    dataDirs.delete(dataDir);
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}
