// Runs io-floor.mjs (what Node's own file reads and socket writes cost per GiB, with no HTTP, no SDK and no hoist) a
// few times on the big file and keeps the medians, for the floors section and the CPU-per-GiB target rows.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../harness/python';
import { figuresOf, median } from './figures';
import type { Row } from './report';
import { FLOOR_CURL } from './tools';

/** CPU seconds per GiB of Node alone: 128 KiB reads through fs/promises, the same with readSync, 128 KiB socket writes. */
export interface IoFloor {
  asyncReadS: number;
  syncReadS: number;
  socketWriteS: number;
}

/** Reading a GiB through fs/promises and writing it to a socket: what any Node uploader pays, with no HTTP at all. */
export const readAndWriteS = (io: IoFloor): number => io.asyncReadS + io.socketWriteS;

/** Those reads and writes as a multiple of curl's whole single PUT (both per GiB). */
export const readAndWriteVsCurl = (io: IoFloor, curlPerGiB: number): number => readAndWriteS(io) / curlPerGiB;

export function measureIoFloor(file: string, runs: number): IoFloor {
  const samples: IoFloor[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [join(repoRoot, 'test', 'bench', 'io-floor.mjs'), file], {
      encoding: 'utf8',
    });
    samples.push(JSON.parse(out.trim().split('\n').at(-1)!) as IoFloor);
  }
  const io = {
    asyncReadS: median(samples.map((s) => s.asyncReadS)),
    syncReadS: median(samples.map((s) => s.syncReadS)),
    socketWriteS: median(samples.map((s) => s.socketWriteS)),
  };
  console.log(
    `  per GiB: reads ${io.asyncReadS.toFixed(2)} s (readSync ${io.syncReadS.toFixed(2)} s), socket writes ${io.socketWriteS.toFixed(2)} s; medians of ${runs}`,
  );
  return io;
}

/** curl's whole single PUT of the big file, CPU seconds per GiB, when it ran. */
export function curlPerGiB(rows: Row[], bigWorkload: string, gib: number): number | undefined {
  const curl = figuresOf(rows, bigWorkload, FLOOR_CURL);
  return curl ? curl.cpu / gib : undefined;
}

/** The paragraph for the floors section. */
export function renderIoFloor(io: IoFloor, curlPerGiB: number | undefined): string {
  const both = readAndWriteS(io);
  const vsCurl = curlPerGiB
    ? ` Those reads and writes alone, ${both.toFixed(2)} s/GiB, are ${readAndWriteVsCurl(io, curlPerGiB).toFixed(2)}× curl's whole upload (${curlPerGiB.toFixed(2)} s/GiB).`
    : '';
  return (
    "Node's own I/O (test/bench/io-floor.mjs, on the big file, with no HTTP, no SDK and no hoist): reading it in 128 KiB chunks through " +
    `fs/promises, as hoist and Node's file streams do, costs ${io.asyncReadS.toFixed(2)} s of CPU per GiB; the same reads with readSync cost ` +
    `${io.syncReadS.toFixed(2)} s, so the rest is libuv's thread-pool hand-off per read. Writing as many bytes to a TCP socket in 128 KiB writes ` +
    `costs ${io.socketWriteS.toFixed(2)} s/GiB.${vsCurl}`
  );
}
