// What Node's own I/O costs for a big file, with no HTTP, no SDK and no hoist: the part of the CPU per GiB that no
// uploader on Node can go below. It reads FILE in 128 KiB chunks (hoist's chunk size) through fs/promises, as hoist and
// every Node stream do, then again with readSync (no libuv thread-pool hop per read), and writes as many bytes in
// 128 KiB writes to a TCP socket whose far end, a child process, discards them. Then, for the engine to pick from, the
// variants: reads of 128 KiB, 512 KiB and 1 MiB alone; each size read and sent one after the other; and each size with
// the next chunk's read started before the current one is written (read-ahead), a fresh buffer per read as streams
// allocate. Each figure is this process's user + system CPU seconds for that step alone (process.cpuUsage(); the
// child's CPU is not counted), per GiB. A file smaller than the step's bytes (1 GiB or IO_FLOOR_BYTES; half that for the
// variants) is read over and over: shorter steps drown in the CPU of V8's background threads.
//
// Every buffer here starts 64 bytes into its allocation, as hoist's do (src/engine/job/read-buffer.ts): at the offset
// where glibc puts a block it maps on its own, 16 bytes past a page boundary, the kernel's copy into it was 3 to 4
// times slower on the bench machine. The first step measures that: 1 MiB reads into a fresh Buffer.allocUnsafeSlow,
// where the allocator puts it, and into the same size 64 bytes further on (placementS).
//
// Usage: node io-floor.mjs FILE
//   → prints one JSON line: { asyncReadS, syncReadS, socketWriteS, crc32S, placementS: { allocatorS, shiftedS }, variants }
import { spawn } from 'node:child_process';
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import net from 'node:net';
import zlib from 'node:zlib';

const CHUNK = 128 * 1024;
const GIB = 1024 ** 3;
const file = process.argv[2];
if (!file) {
  console.error('usage: node io-floor.mjs FILE');
  process.exit(2);
}
const size = statSync(file).size;
if (size === 0) {
  console.error(`io-floor.mjs: ${file} is empty; give it a file with some bytes (the bench passes its big file).`);
  process.exit(2);
}
/** Bytes each step moves: the file, read again from the start until at least 1 GiB (or IO_FLOOR_BYTES, for a quick run). */
const total = Math.max(size, Number(process.env.IO_FLOOR_BYTES) || GIB);
const VARIANT_CHUNKS = [128 * 1024, 512 * 1024, 1024 * 1024];
/** The variants move half as much each (nine steps of them): enough to rank them, and the run stays short. */
const variantTotal = Math.max(size, Math.floor(total / 2));

/** As read-buffer.ts: size bytes, 64 bytes into an allocation of their own. */
const SHIFT = 64;
const shifted = (bytes) => Buffer.allocUnsafeSlow(bytes + SHIFT).subarray(SHIFT, SHIFT + bytes);

const cpuSeconds = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

async function asyncRead(chunk = CHUNK, bytes = total, buf = shifted(chunk)) {
  const fh = await open(file, 'r');
  const t = process.cpuUsage();
  for (let done = 0; done < bytes;) done += (await fh.read(buf, 0, chunk, done % size)).bytesRead || chunk;
  const s = cpuSeconds(t);
  await fh.close();
  return s;
}

function syncRead() {
  const fd = openSync(file, 'r');
  const buf = shifted(CHUNK);
  const t = process.cpuUsage();
  for (let done = 0; done < total;) done += readSync(fd, buf, 0, CHUNK, done % size) || CHUNK;
  const s = cpuSeconds(t);
  closeSync(fd);
  return s;
}

/** A child process that accepts one connection, discards what it reads, and prints its port first. */
function startSink() {
  const code =
    "const s=require('net').createServer(c=>{c.resume();c.on('end',()=>{c.end();s.close()})}).listen(0,'127.0.0.1',()=>console.log(s.address().port))";
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    // A sink that dies before it listens would otherwise leave the bench waiting for its port forever.
    child.once('exit', (code) =>
      reject(new Error(`io-floor.mjs: the discarding sink exited (code ${code}) before it listened`)),
    );
    child.stdout.once('data', (d) => resolve({ port: Number(String(d).trim()), child }));
  });
}

async function socketWrite() {
  const { port, child } = await startSink();
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const buf = shifted(CHUNK).fill(7);
  const t = process.cpuUsage();
  for (let sent = 0; sent < total; sent += CHUNK) {
    if (!socket.write(buf)) await new Promise((resolve) => socket.once('drain', resolve));
  }
  await new Promise((resolve) => socket.end(resolve));
  const s = cpuSeconds(t);
  await new Promise((resolve) => child.once('exit', resolve));
  return s;
}

/** Reads the file in `chunk` pieces and writes each to a discarding socket; with readAhead, the next read is already
 *  under way while the current piece is written. */
async function readAndSend(chunk, readAhead) {
  const { port, child } = await startSink();
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const fh = await open(file, 'r');
  let offset = 0;
  const readNext = async () => {
    const buf = shifted(chunk);
    const { bytesRead } = await fh.read(buf, 0, chunk, offset % size);
    offset += bytesRead || chunk;
    return bytesRead === chunk ? buf : buf.subarray(0, bytesRead);
  };
  const send = async (buf) => {
    if (!socket.write(buf)) await new Promise((resolve) => socket.once('drain', resolve));
  };
  const t = process.cpuUsage();
  let sent = 0;
  let next = readNext();
  while (sent < variantTotal) {
    const buf = await next;
    sent += buf.length || chunk;
    const more = sent < variantTotal;
    if (readAhead && more) next = readNext();
    await send(buf);
    if (!readAhead && more) next = readNext();
  }
  await new Promise((resolve) => socket.end(resolve));
  const s = cpuSeconds(t);
  await fh.close();
  await new Promise((resolve) => child.once('exit', resolve));
  return s;
}

const perGiB = (s, bytes = total) => Number(((s * GIB) / bytes).toFixed(3));

/** zlib's CRC32 (the check hoist and boto3 send by default) over bytes already in memory, 1 MiB at a time. */
function crc32() {
  const buf = shifted(1024 * 1024).fill(5);
  const t = process.cpuUsage();
  let value = 0;
  for (let done = 0; done < total; done += buf.length) value = zlib.crc32(buf, value);
  return cpuSeconds(t);
}
// First, while no block the allocator mapped has been freed yet: a freed one raises glibc's threshold for mapping, and
// later blocks of this size would come from its heap, at other offsets.
const PLACEMENT_CHUNK = 1024 * 1024;
const placementS = {
  allocatorS: perGiB(
    await asyncRead(PLACEMENT_CHUNK, variantTotal, Buffer.allocUnsafeSlow(PLACEMENT_CHUNK)),
    variantTotal,
  ),
  shiftedS: perGiB(await asyncRead(PLACEMENT_CHUNK, variantTotal, shifted(PLACEMENT_CHUNK)), variantTotal),
};
// The synchronous reads first: right after the asynchronous ones, the CPU of their wind-down lands in the next step.
const syncReadS = perGiB(syncRead());
const asyncReadS = perGiB(await asyncRead());
const socketWriteS = perGiB(await socketWrite());
const crc32S = perGiB(crc32());
const variants = [];
for (const chunk of VARIANT_CHUNKS) {
  variants.push({
    chunkKiB: chunk / 1024,
    readS: chunk === CHUNK ? asyncReadS : perGiB(await asyncRead(chunk, variantTotal), variantTotal),
    readThenSendS: perGiB(await readAndSend(chunk, false), variantTotal),
    readAheadS: perGiB(await readAndSend(chunk, true), variantTotal),
  });
}
console.log(JSON.stringify({ asyncReadS, syncReadS, socketWriteS, crc32S, placementS, variants }));
