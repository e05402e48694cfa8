// vitest globalSetup for the node project: one moto S3 server for the whole run, plus versitygw (which checks
// signatures) over HTTP and over HTTPS with a throwaway CA.
// Tests get moto's endpoint with `inject('s3Endpoint')` and every server with `inject('s3Backends')` (types in
// provided.d.ts; helpers in backends.ts). Use a unique bucket per test (uniqueBucket() in s3-check.ts) rather than
// resetting a shared server: test files run in parallel.
/// <reference path="./provided.d.ts" />
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { motoPython, startMoto } from './moto';
import type { S3Backend } from './provided';
import { makeTestCa } from './tls-ca';
import { startVersitygw, versitygwBinary, VERSITYGW_SKIPPED, type VersitygwServer } from './versitygw';

/** Both versitygw servers, or [] when Go is missing outside CI (versitygwBinary() throws under CI). */
async function startVersitygws(
  caDir: string,
): Promise<{ servers: VersitygwServer[]; backends: S3Backend[]; caFile?: string }> {
  if (!(await versitygwBinary())) {
    console.warn(VERSITYGW_SKIPPED);
    return { servers: [], backends: [] };
  }
  const ca = await makeTestCa(caDir);
  const results = await Promise.allSettled([startVersitygw(), startVersitygw({ tls: ca })]);
  const servers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((s) => s.stop()));
    throw failed.reason;
  }
  const [plain, tls] = servers as [VersitygwServer, VersitygwServer];
  return {
    servers,
    caFile: ca.caFile,
    backends: [
      { name: 'versitygw', endpoint: plain.endpoint, checksSignatures: true },
      {
        name: 'versitygw-https',
        endpoint: tls.endpoint,
        caFile: ca.caFile,
        serverTls: { certFile: ca.certFile, keyFile: ca.keyFile },
        checksSignatures: true,
      },
    ],
  };
}

/** The user's own endpoint, named by HOIST_TEST_S3_ENDPOINT and its keys (README, "Tests"), if any. */
function ownBackend(): S3Backend[] {
  const env = process.env;
  const endpoint = env.HOIST_TEST_S3_ENDPOINT;
  if (!endpoint) return [];
  const accessKeyId = env.HOIST_TEST_S3_ACCESS_KEY_ID;
  const secretAccessKey = env.HOIST_TEST_S3_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey)
    throw new Error(
      'HOIST_TEST_S3_ENDPOINT needs HOIST_TEST_S3_ACCESS_KEY_ID and HOIST_TEST_S3_SECRET_ACCESS_KEY too.',
    );
  const caFile = env.HOIST_TEST_S3_CA_FILE || undefined;
  const region = env.HOIST_TEST_S3_REGION || 'us-east-1';
  return [
    {
      name: 'custom',
      endpoint: endpoint.replace(/\/+$/, ''),
      checksSignatures: true,
      ...(caFile ? { caFile } : {}),
      own: { accessKeyId, secretAccessKey, region },
    },
  ];
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const caDir = await mkdtemp(join(tmpdir(), 'hoist-test-ca-'));
  // In parallel: moto's start (about 1 s, Python imports) dominates; a first-time versitygw build takes minutes.
  const [moto, vgw] = await Promise.allSettled([startMoto(), startVersitygws(caDir)]);
  if (moto.status === 'rejected' || vgw.status === 'rejected') {
    if (moto.status === 'fulfilled') await moto.value.stop();
    if (vgw.status === 'fulfilled') await Promise.all(vgw.value.servers.map((s) => s.stop()));
    await rm(caDir, { recursive: true, force: true });
    throw moto.status === 'rejected' ? moto.reason : (vgw as PromiseRejectedResult).reason;
  }
  const python = await motoPython();
  // Test workers inherit these: their checkers skip probing for a Python, and trust the CA for https endpoints.
  process.env.HOIST_MOTO_PYTHON = python;
  if (vgw.value.caFile) process.env.HOIST_TEST_CA_FILE = vgw.value.caFile;
  project.provide('s3Endpoint', moto.value.endpoint);
  project.provide('motoPython', python);
  project.provide('s3Backends', [
    { name: 'moto', endpoint: moto.value.endpoint, checksSignatures: false },
    ...vgw.value.backends,
    ...ownBackend(),
  ]);
  return async () => {
    await Promise.all([moto.value.stop(), ...vgw.value.servers.map((s) => s.stop())]);
    await rm(caDir, { recursive: true, force: true });
  };
}
