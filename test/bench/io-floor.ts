// Runs io-floor.mjs (what Node's own file reads and socket writes cost per GiB, with no HTTP, no SDK and no hoist) a
// few times on the big file and keeps the medians, for the floors section and the CPU-per-GiB target rows.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../harness/python';
import { figuresOf, median } from './figures';
import type { Row } from './report';
import { FLOOR_CURL } from './tools';

/** One read size of the big-file floor variants, CPU seconds per GiB. */
export interface IoVariant {
  chunkKiB: number;
  /** Reads alone through fs/promises. */
  readS: number;
  /** Each chunk read, then written to the socket, one after the other. */
  readThenSendS: number;
  /** The next chunk's read under way while the current one is written. */
  readAheadS: number;
}

/** CPU seconds per GiB of Node alone: 128 KiB reads through fs/promises, the same with readSync, 128 KiB socket writes. */
export interface IoFloor {
  asyncReadS: number;
  syncReadS: number;
  socketWriteS: number;
  /** zlib's CRC32 over bytes in memory. */
  crc32S: number;
  /** 1 MiB reads into a fresh Buffer.allocUnsafeSlow (where the allocator puts it) and 64 bytes further on. */
  placementS: { allocatorS: number; shiftedS: number };
  variants: IoVariant[];
}

/** Reading a GiB through fs/promises and writing it to a socket: what any Node uploader pays, with no HTTP at all. */
export const readAndWriteS = (io: IoFloor): number => io.asyncReadS + io.socketWriteS;

/** The cheapest way measured to read a GiB and write it to a socket (any read size, with or without read-ahead). */
export function cheapestSend(io: IoFloor): { s: number; how: string } {
  let best = { s: readAndWriteS(io), how: '128 KiB reads, then 128 KiB writes, measured apart' };
  for (const v of io.variants) {
    if (v.readThenSendS < best.s) best = { s: v.readThenSendS, how: `${v.chunkKiB} KiB, read then sent` };
    if (v.readAheadS < best.s) best = { s: v.readAheadS, how: `${v.chunkKiB} KiB, read ahead` };
  }
  return best;
}

/** Those reads and writes as a multiple of curl's whole single PUT (both per GiB). */
export const readAndWriteVsCurl = (io: IoFloor, curlPerGiB: number): number => readAndWriteS(io) / curlPerGiB;

/** Runs io-floor.mjs `runs` times on file; stepBytes (IO_FLOOR_BYTES) shrinks each step for a quick run. */
export function measureIoFloor(file: string, runs: number, stepBytes?: number): IoFloor {
  const samples: IoFloor[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [join(repoRoot, 'test', 'bench', 'io-floor.mjs'), file], {
      encoding: 'utf8',
      env: { ...process.env, ...(stepBytes ? { IO_FLOOR_BYTES: String(stepBytes) } : {}) },
    });
    samples.push(JSON.parse(out.trim().split('\n').at(-1)!) as IoFloor);
  }
  const io: IoFloor = {
    asyncReadS: median(samples.map((s) => s.asyncReadS)),
    syncReadS: median(samples.map((s) => s.syncReadS)),
    socketWriteS: median(samples.map((s) => s.socketWriteS)),
    crc32S: median(samples.map((s) => s.crc32S)),
    placementS: {
      allocatorS: median(samples.map((s) => s.placementS.allocatorS)),
      shiftedS: median(samples.map((s) => s.placementS.shiftedS)),
    },
    variants: samples[0]!.variants.map((v, k) => ({
      chunkKiB: v.chunkKiB,
      readS: median(samples.map((s) => s.variants[k]!.readS)),
      readThenSendS: median(samples.map((s) => s.variants[k]!.readThenSendS)),
      readAheadS: median(samples.map((s) => s.variants[k]!.readAheadS)),
    })),
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
    `costs ${io.socketWriteS.toFixed(2)} s/GiB.${vsCurl} zlib's CRC32 of a GiB already in memory (the check hoist and boto3 ` +
    `send by default) costs ${io.crc32S.toFixed(2)} s.\n\n${renderPlacement(io)}\n\n${renderIoVariants(io)}`
  );
}

/** Where a read buffer starts: the reason for src/engine/job/read-buffer.ts. */
function renderPlacement(io: IoFloor): string {
  const { allocatorS, shiftedS } = io.placementS;
  return (
    `Where a read buffer starts matters: 1 MiB reads into a fresh \`Buffer.allocUnsafeSlow\` (glibc maps a block that size on ` +
    `its own and puts it 16 bytes past a page boundary) cost ${allocatorS.toFixed(2)} s of CPU per GiB, the same reads into a ` +
    `buffer 64 bytes further on ${shiftedS.toFixed(2)} s (${(allocatorS / shiftedS).toFixed(1)}×). hoist's read buffers start ` +
    'there (src/engine/job/read-buffer.ts), and so do all the other buffers of this floor.'
  );
}

/** The read-size and read-ahead variants, for the engine to adopt what helps. */
export function renderIoVariants(io: IoFloor): string {
  if (!io.variants.length) return '';
  const base = io.variants.find((v) => v.chunkKiB === 128)?.readThenSendS;
  const vs = (x: number) => (base ? ` (${(x / base).toFixed(2)}×)` : '');
  return [
    'The same reads at other sizes, alone and sent to the socket (a fresh buffer per read, as streams allocate), one after ' +
      "the other or with the next read started before the current chunk is written; CPU s per GiB, × the 128 KiB read-then-send's:",
    '',
    '| read size | reads alone | read, then send | read-ahead, send |',
    '|---:|---:|---:|---:|',
    ...io.variants.map(
      (v) =>
        `| ${v.chunkKiB} KiB | ${v.readS.toFixed(2)} | ${v.readThenSendS.toFixed(2)}${vs(v.readThenSendS)} | ${v.readAheadS.toFixed(2)}${vs(v.readAheadS)} |`,
    ),
  ].join('\n');
}
