// The upload tools compared by the benchmark, each as a command line that uploads one file or one folder.
import { DATA_PATH_KINDS, type DataPathKind } from '../../src/engine';
import { join } from 'node:path';
import { repoRoot } from '../harness/python';
import type { LeanFloorScripts } from './lean-floor-build';

export interface Tool {
  name: string;
  /** A peer (another tool users might pick), as opposed to hoist itself or the curl floor. */
  peer: boolean;
  /** Command for one file to s3://bucket/key, or null if the tool can't do it here. */
  file(src: string, bucket: string, key: string): string[] | null;
  /** Command for a folder to s3://bucket/prefix/, or null. */
  folder(src: string, bucket: string, prefix: string): string[] | null;
  /** False for a row that uploads nothing (the start-up floor): it is expected to leave the bucket empty. */
  uploads?: false;
  /** Changes to the environment for this tool only. */
  env?(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Why this row cannot run in this checkout (it is shown as "not available" instead of measured). */
  unavailable?: string;
  /** A variant of hoist's defaults (checksum off, MD5, bigger parts): run on the first server's big file only. */
  variant?: true;
}

/** hoist's two ways of sending the bytes of PutObject and UploadPart (issue 18): node:http signed by hand, or the SDK. */
export type DataPath = DataPathKind;
export const DATA_PATHS = DATA_PATH_KINDS;
export const hoistRow = (path: DataPath): string => `hoist --data-path ${path}`;
/** Whether a row is hoist's own on one of its data paths (not a variant, a floor or the app's engine). */
export const isHoistRow = (name: string): boolean => DATA_PATHS.some((path) => hoistRow(path) === name);

/**
 * Whether this checkout's CLI has --data-path: which path runs by default, and whether both can be chosen. Without
 * the flag, the SDK path is the only one and runs with no flag.
 */
export type DataPathSupport = { kind: 'both' } | { kind: 'sdk-only'; why: string };

export const FLOOR_NODE = 'node:http PUTs (Node floor)';
export const FLOOR_SDK = 'SDK PutObject (SDK floor)';
export const FLOOR_LEAN = "PUTs signed by the SDK's signer, with CRC32 (lean floor)";
export const FLOOR_START = 'hoist --version (start-up only)';
export const FLOOR_NODE_START = 'node (start-up only)';
export const CHECKSUM_OFF = 'hoist --checksum off';
export const CHECKSUM_MD5 = 'hoist --checksum md5';
export const FLOOR_CURL = 'curl single PUT (floor)';
export const APP_ENGINE = 'app engine (appEngineOptions, under node)';
export const BOTO3 = 'boto3 upload_file';
export const RCLONE = 'rclone';

const NODE_IDLE = ['node', '-e', 'setTimeout(() => {}, 100)'];

export interface ToolSetup {
  rclone: boolean;
  curl: boolean;
  paths: DataPathSupport;
  /** The bundled app-engine-upload script (app-engine.ts), or undefined to leave that row out. */
  appEngineScript?: string;
  /** The bundled lean-floor scripts (lean-floor-build.ts), or undefined to leave that row out. */
  leanFloorScripts?: LeanFloorScripts;
}

export function tools(python: string, endpoint: string, available: ToolSetup): Tool[] {
  // Run through its shebang, as `hoist` on the PATH runs.
  const hoist = join(repoRoot, 'bin', 'hoist.cjs');
  const floorAt = (path: string) => (src: string, bucket: string, key: string) => [
    'node',
    path,
    src,
    `s3://${bucket}/${key}`,
    '--endpoint-url',
    endpoint,
  ];
  const floor = (script: string) => floorAt(join(repoRoot, 'test', 'bench', script));
  const boto3 = (src: string, bucket: string, key: string, many: boolean) => [
    python,
    '-c',
    `import boto3, os, sys
s3 = boto3.client("s3", endpoint_url=${JSON.stringify(endpoint)})
src, bucket, key = sys.argv[1:4]
if ${many ? 'True' : 'False'}:
    for name in sorted(os.listdir(src)):
        s3.upload_file(os.path.join(src, name), bucket, key + name)
else:
    s3.upload_file(src, bucket, key)`,
    src,
    bucket,
    key,
  ];
  const hoistCp =
    (path: DataPath) =>
    (src: string, bucket: string, key: string, more: string[] = []) => [
      hoist,
      'cp',
      src,
      `s3://${bucket}/${key}`,
      '--endpoint-url',
      endpoint,
      '--json',
      // Without the flag in this checkout, the SDK path is hoist's only one and runs as it is.
      ...(available.paths.kind === 'both' ? ['--data-path', path] : []),
      ...more,
    ];
  const list: Tool[] = DATA_PATHS.map((path): Tool => ({
    name: hoistRow(path),
    peer: false,
    file: (src, bucket, key) => hoistCp(path)(src, bucket, key),
    folder: (src, bucket, prefix) => hoistCp(path)(src, bucket, prefix, ['--files', '8']),
    ...(path === 'lean' && available.paths.kind === 'sdk-only' ? { unavailable: available.paths.why } : {}),
  }));
  list.push(
    {
      // The default ('auto') sends a CRC32 with every body, which the server verifies; these two show what that costs
      // (off: no check) and what the fallback for servers that refuse CRC32 costs (Content-MD5).
      name: CHECKSUM_OFF,
      peer: false,
      variant: true,
      file: (src, bucket, key) => [
        hoist,
        'cp',
        src,
        `s3://${bucket}/${key}`,
        '--endpoint-url',
        endpoint,
        '--json',
        '--checksum',
        'off',
      ],
      folder: () => null,
    },
    {
      name: CHECKSUM_MD5,
      peer: false,
      variant: true,
      file: (src, bucket, key) => [
        hoist,
        'cp',
        src,
        `s3://${bucket}/${key}`,
        '--endpoint-url',
        endpoint,
        '--json',
        '--checksum',
        'md5',
      ],
      folder: () => null,
    },
    {
      // Not the default: shows what hoist's per-part cost (one request, connection and record per part) adds at 8 MiB.
      name: 'hoist --part-size 16MiB',
      peer: false,
      variant: true,
      file: (src, bucket, key) => [
        hoist,
        'cp',
        src,
        `s3://${bucket}/${key}`,
        '--endpoint-url',
        endpoint,
        '--json',
        '--part-size',
        '16MiB',
      ],
      folder: () => null,
    },
    {
      name: 'aws s3 cp',
      peer: true,
      file: (src, bucket, key) => [
        python,
        '-m',
        'awscli',
        's3',
        'cp',
        src,
        `s3://${bucket}/${key}`,
        '--endpoint-url',
        endpoint,
        '--only-show-errors',
      ],
      folder: (src, bucket, prefix) => [
        python,
        '-m',
        'awscli',
        's3',
        'cp',
        src,
        `s3://${bucket}/${prefix}`,
        '--recursive',
        '--endpoint-url',
        endpoint,
        '--only-show-errors',
      ],
    },
    {
      name: BOTO3,
      peer: true,
      file: (src, bucket, key) => boto3(src, bucket, key, false),
      folder: (src, bucket, prefix) => boto3(src, bucket, prefix, true),
    },
  );
  if (available.rclone) {
    const remote = (bucket: string, key: string) => `bench:${bucket}/${key}`;
    list.push({
      name: RCLONE,
      peer: true,
      file: (src, bucket, key) => ['rclone', 'copyto', src, remote(bucket, key)],
      folder: (src, bucket, prefix) => ['rclone', 'copy', src, remote(bucket, prefix)],
      // The base has no AWS_CA_BUNDLE (withoutCaBundles), which rclone's AWS SDK would refuse ("unable to load
      // custom CA bundle") with its own transport.
      env: (base) => ({ ...base, ...rcloneEnv(endpoint) }),
    });
  }
  list.push(
    {
      // What Node itself costs: hand-signed PUTs over node:http, no SDK and no engine (test/bench/node-floor.mjs).
      name: FLOOR_NODE,
      peer: false,
      file: floor('node-floor.mjs'),
      folder: floor('node-floor.mjs'),
    },
    {
      // What @aws-sdk/client-s3 adds to that: one PutObjectCommand per file, no engine (test/bench/sdk-floor.mjs).
      name: FLOOR_SDK,
      peer: false,
      file: floor('sdk-floor.mjs'),
      folder: floor('sdk-floor.mjs'),
    },
    ...(available.leanFloorScripts
      ? [
          {
            // What the lean path's requests cost with nothing of the engine: the SDK's signer (as hoist uses it) and
            // the CRC32, over node:http: a header on each small file's PUT (test/bench/lean-floor.ts), a trailer on
            // each part of a big file's multipart upload (test/bench/lean-floor-parts.ts).
            name: FLOOR_LEAN,
            peer: false,
            file: floorAt(available.leanFloorScripts.file),
            folder: floorAt(available.leanFloorScripts.folder),
          },
        ]
      : []),
    {
      // hoist's process with Node, the SDK and the engine loaded, and nothing uploaded: a floor no hoist run goes below.
      name: FLOOR_START,
      peer: false,
      uploads: false,
      file: () => [hoist, '--version'],
      folder: () => [hoist, '--version'],
    },
    {
      // Node itself, started with nothing to run: the memory every Node client starts from, most of it pages of the
      // node executable (file-backed, shared), which a Node program cannot shed. It waits a moment before it exits:
      // measure.py samples the memory's split every 10 ms, and `node -e 0` is gone in about 30.
      name: FLOOR_NODE_START,
      peer: false,
      uploads: false,
      file: () => NODE_IDLE,
      folder: () => NODE_IDLE,
    },
  );
  const appScript = available.appEngineScript;
  if (appScript) {
    // The engine as the desktop app's main process builds it (appEngineOptions), under plain node, bundled as the
    // app's main bundle is (app-engine.ts): its memory, not only the CLI's.
    const app = (src: string, bucket: string, key: string) => [
      'node',
      appScript,
      src,
      `s3://${bucket}/${key}`,
      endpoint,
    ];
    // Folders only: the 1,000 small files are where its memory stands against boto3's; a full run has no time for more.
    list.push({ name: APP_ENGINE, peer: false, file: () => null, folder: app });
  }
  if (available.curl) {
    list.push({
      name: FLOOR_CURL,
      peer: false,
      file: (src, bucket, key) => [
        'curl',
        '-sf',
        '--aws-sigv4',
        'aws:amz:us-east-1:s3',
        '--user',
        'test:test',
        // curl 7.88 signs without this header, which S3 and versitygw require ("Missing required header").
        '-H',
        'x-amz-content-sha256: UNSIGNED-PAYLOAD',
        '-T',
        src,
        `${endpoint}/${bucket}/${key}`,
      ],
      folder: () => null,
    });
  }
  return list;
}

/** rclone reads its remote from the environment, so no config file is written. */
export function rcloneEnv(endpoint: string): Record<string, string> {
  return {
    RCLONE_CONFIG_BENCH_TYPE: 's3',
    RCLONE_CONFIG_BENCH_PROVIDER: 'Other',
    RCLONE_CONFIG_BENCH_ENDPOINT: endpoint,
    RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: 'test',
    RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: 'test',
    RCLONE_CONFIG_BENCH_REGION: 'us-east-1',
    RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE: 'true',
  };
}

/** Each names a CA bundle for some client: Node, the AWS SDKs and CLI, curl, Python's requests, OpenSSL. */
export const CA_BUNDLE_VARIABLES = [
  'NODE_EXTRA_CA_CERTS',
  'AWS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  'REQUESTS_CA_BUNDLE',
  'SSL_CERT_FILE',
];

/**
 * The CA-bundle variables these machines set (AWS_CA_BUNDLE, NODE_EXTRA_CA_CERTS and the like, all naming the system
 * bundle), dropped for every tool: the servers are plain http on loopback, so none needs a CA, and a user's machine
 * does not usually set them. Left in, NODE_EXTRA_CA_CERTS makes every Node process parse the whole system bundle as it
 * starts (`node -e 0`: 29 -> 77 ms of CPU, 20 interleaved runs), a cost that hoist, the floors and the app engine
 * would pay and the peers in Python and Go would not.
 */
export function withoutCaBundles(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  for (const name of CA_BUNDLE_VARIABLES) delete rest[name];
  return rest;
}
