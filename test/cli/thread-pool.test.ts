// bin/hoist.cjs runs libuv's thread pool with one thread unless UV_THREADPOOL_SIZE is set (why: the comment there),
// and gives the programs hoist starts (a profile's credential_process) the environment the user gave it. Counted
// from /proc: the pool's threads are the only ones the variable changes, so a run with UV_THREADPOOL_SIZE=4 has three
// threads more than one without it, counted at the same moment (its PUT has reached the server, which never answers).
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, randomFile, tempDir } from './files';
import { buildCli, spawnHoist } from './run-hoist';

let dir: string;
let file: string;
let server: Server;
let endpoint: string;
const held: Socket[] = [];
let connected: (() => void) | undefined;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('thread-pool');
  file = join(dir, 'a.bin');
  await randomFile(file, 64 * 1024);
  // Takes every connection and never answers: the upload stays under way while its threads are counted.
  server = createServer((socket) => {
    held.push(socket);
    connected?.();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise((resolve) => server?.close(resolve));
  await cleanupTempDirs();
});

/** Starts `hoist cp` with the extra environment, waits for its request, and calls look(pid) before killing it. */
async function whileSending<T>(env: NodeJS.ProcessEnv, args: string[], look: (pid: number) => T): Promise<T> {
  const reached = new Promise<void>((resolve) => (connected = resolve));
  const child = spawnHoist(['cp', file, 's3://bucket/key', '--endpoint-url', endpoint, ...args], { env });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise((resolve) => child.on('close', resolve));
  try {
    await Promise.race([
      reached,
      exited.then(() => {
        throw new Error(`hoist ended before its request reached the server:\n${stderr}`);
      }),
    ]);
    return look(child.pid!);
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

const threadCount = (pid: number): number => readdirSync(`/proc/${pid}/task`).length;

describe.skipIf(process.platform !== 'linux')('the CLI thread pool', () => {
  it('has one thread unless UV_THREADPOOL_SIZE says how many', async () => {
    const own = await whileSending({}, [], threadCount);
    const four = await whileSending({ UV_THREADPOOL_SIZE: '4' }, [], threadCount);
    expect(four - own).toBe(3);
  });

  it("gives a credential_process program the user's environment, not the pool size hoist set", async () => {
    const seen = join(dir, 'seen.txt');
    const program = join(dir, 'creds.cjs');
    await writeFile(
      program,
      `require('node:fs').writeFileSync(${JSON.stringify(seen)}, process.env.UV_THREADPOOL_SIZE ?? 'unset');\n` +
        `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'test', SecretAccessKey: 'test' }));\n`,
    );
    const config = join(dir, 'config');
    await writeFile(config, `[profile p]\nregion = us-east-1\ncredential_process = ${process.execPath} ${program}\n`);
    const env = { AWS_CONFIG_FILE: config, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };
    await whileSending(env, ['--profile', 'p'], () => undefined);
    expect(await readFile(seen, 'utf8')).toBe('unset');
    await whileSending({ ...env, UV_THREADPOOL_SIZE: '3' }, ['--profile', 'p'], () => undefined);
    expect(await readFile(seen, 'utf8')).toBe('3');
  });
});
