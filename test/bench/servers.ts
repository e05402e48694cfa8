// The S3 servers the bench uploads to: moto (no signature checks, closes each connection after its response) and
// versitygw (checks SigV4; with --keep-alive, connections stay open), started as the test harness starts them. Each workload run gets
// its own bucket; reset() drops what that run stored, so a 1 GiB object per tool does not pile up on disk or in RAM.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startMoto } from '../harness/moto';
import { startVersitygw, versitygwBinary, VERSITYGW_SKIPPED } from '../harness/versitygw';
import type { ServerName } from './figures';

export interface BenchServer {
  name: ServerName;
  endpoint: string;
  /** Drops what one run stored in this bucket (moto: everything; it keeps objects in memory). */
  reset(bucket: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the named servers; one that cannot run here (versitygw without its binary or Go) is left out, with why. */
export async function startServers(
  names: ServerName[],
  endpointUrl: string | undefined,
): Promise<{ servers: BenchServer[]; skipped: string[] }> {
  const servers: BenchServer[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    if (name === 'moto') {
      if (endpointUrl) {
        // --endpoint-url: a server someone else runs stands in for moto, and nothing is reset on it.
        servers.push({ name, endpoint: endpointUrl, reset: async () => {}, stop: async () => {} });
        continue;
      }
      const moto = await startMoto();
      servers.push({ name, endpoint: moto.endpoint, reset: () => moto.reset(), stop: () => moto.stop() });
      continue;
    }
    if (!(await versitygwBinary())) {
      skipped.push(VERSITYGW_SKIPPED);
      continue;
    }
    // The posix backend keeps each bucket as a directory under dataDir (in the OS temp dir, as in the tests).
    // --keep-alive, as a gateway in production runs: without it every request opens a connection.
    const gw = await startVersitygw({ keepAlive: true });
    servers.push({
      name,
      endpoint: gw.endpoint,
      reset: (bucket) => rm(join(gw.dataDir, bucket), { recursive: true, force: true }),
      stop: () => gw.stop(),
    });
  }
  return { servers, skipped };
}
