// What Node's own I/O costs for a big file, with no HTTP, no SDK and no hoist: the part of the CPU per GiB that no
// uploader on Node can go below. It reads FILE in 128 KiB chunks (hoist's chunk size) through fs/promises, as hoist and
// every Node stream do, then again with readSync (no libuv thread-pool hop per read), and writes as many bytes in
// 128 KiB writes to a TCP socket whose far end, a child process, discards them. Each figure is this process's user +
// system CPU seconds for that step alone (process.cpuUsage(); the child's CPU is not counted), per GiB. A file smaller
// than 1 GiB is read over and over up to 1 GiB: shorter steps drown in the CPU of V8's background threads.
//
// Usage: node io-floor.mjs FILE   → prints one JSON line: { asyncReadS, syncReadS, socketWriteS }, CPU s per GiB
import { spawn } from 'node:child_process';
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import net from 'node:net';

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
/** Bytes each step moves: the file, read again from the start until at least 1 GiB. */
const total = Math.max(size, GIB);

const cpuSeconds = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

async function asyncRead() {
  const fh = await open(file, 'r');
  const buf = Buffer.allocUnsafeSlow(CHUNK);
  const t = process.cpuUsage();
  for (let done = 0; done < total;) done += (await fh.read(buf, 0, CHUNK, done % size)).bytesRead || CHUNK;
  const s = cpuSeconds(t);
  await fh.close();
  return s;
}

function syncRead() {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafeSlow(CHUNK);
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
  const buf = Buffer.allocUnsafeSlow(CHUNK).fill(7);
  const t = process.cpuUsage();
  for (let sent = 0; sent < total; sent += CHUNK) {
    if (!socket.write(buf)) await new Promise((resolve) => socket.once('drain', resolve));
  }
  await new Promise((resolve) => socket.end(resolve));
  const s = cpuSeconds(t);
  await new Promise((resolve) => child.once('exit', resolve));
  return s;
}

const perGiB = (s) => Number(((s * GIB) / total).toFixed(3));
// The synchronous reads first: right after the asynchronous ones, the CPU of their wind-down lands in the next step.
const syncReadS = perGiB(syncRead());
const asyncReadS = perGiB(await asyncRead());
const socketWriteS = perGiB(await socketWrite());
console.log(JSON.stringify({ asyncReadS, syncReadS, socketWriteS }));
